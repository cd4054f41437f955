#!/usr/bin/env python3
"""Writes a catalog of N exercises shaped like real ones into DIR: copies of
the built-in exercise files, one per file.

The vocabulary files are copied from the built-in catalog into
DIR/vocabulary, the exercises go to DIR/exercises (two catalog paths, so
that 100 000 exercises stay within one path's limit of files). File k is a
copy of built-in exercise file k mod F (F files, in name order), of round
r = k div F; N is at least F. Round 0 keeps the built-in ids and file
names, so that the vocabulary's references to exercises (a condition's
early phase) still resolve; in round r > 0 every value naming a built-in
exercise (its `id`, an easier or harder version's `exercise`,
`progression_of`) gets the suffix -rNNNNN, and so does every `family`: a
family is a label rather than an exercise (one of them shares its name with
one), which a round keeps to itself as it keeps its exercises. The last
round may lack some exercises: its files name those of the round before.
A file is named after the built-in one with its round's suffix. Nothing
else changes: the comments, the quoting and every line stay where they were.
"""
import glob
import os
import re
import shutil
import sys

# The most files one catalog path may hold (max_files in
# src/catalog/loader.hpp).
MAX_FILES = 100000
# Keys whose value is renamed in every round past the first even when it
# names no built-in exercise.
ROUND_LABELS = ["family"]
# A cut in a file's text, where a round renames the value before it.
MARK = "\0"
# A line of a mapping's key and scalar value ("key: value", in a list too:
# "- key: value"), the value plain or quoted, a comment after it or not.
KEY_VALUE = re.compile(r"^(?P<head>\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):[ \t]+)(?P<quote>['\"]?)"
                       r"(?P<value>[a-z0-9-]+)(?P=quote)(?P<tail>[ \t]*(?:#.*)?)$")
# A line of a key and a flow list of plain scalars: "key: [a, b]".
KEY_LIST = re.compile(r"^(?P<head>\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):[ \t]+\[)(?P<items>[^\]#'\"]*)"
                      r"(?P<tail>\][ \t]*(?:#.*)?)$")
# A line of a block list's plain scalar item: "- value".
LIST_ITEM = re.compile(r"^(?P<head>\s*-[ \t]+)(?P<value>[a-z0-9-]+)(?P<tail>[ \t]*(?:#.*)?)$")


def template(text, ids):
    """A built-in exercise file's text cut where a round renames a value:
    the pieces of text around the cuts, and for each cut the exercise id
    that the value before it names (None for a label of the round's own)."""
    if MARK in text:
        sys.exit(f"{MARK!r} in a built-in exercise file")
    lines, marks = [], []

    def cut(value, label=False):
        marks.append(None if label else value)
        return value + MARK

    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        end = line[len(body):]
        match = KEY_VALUE.match(body)
        if match and (match["value"] in ids or match["key"] in ROUND_LABELS):
            body = (match["head"] + match["quote"] + cut(match["value"], match["key"] in ROUND_LABELS) +
                    match["quote"] + match["tail"])
        elif (match := KEY_LIST.match(body)) or (match := LIST_ITEM.match(body)):
            # The items keep their spacing: only whole items are renamed.
            items = match["items"] if "items" in match.groupdict() else match["value"]
            renamed = re.sub(r"[^,\s]+", lambda item: cut(item[0]) if item[0] in ids else item[0], items)
            body = match["head"] + renamed + match["tail"]
        lines.append(body + end)
    return "".join(lines).split(MARK), marks


def suffix(round_):
    return f"-r{round_:05d}" if round_ else ""


def main():
    target, count = sys.argv[1], int(sys.argv[2])
    catalog = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "catalog")
    sources = sorted(glob.glob(os.path.join(catalog, "exercises", "*.yaml")))
    if not len(sources) <= count <= MAX_FILES:
        sys.exit(f"from {len(sources)} exercises (one round of the built-in ones, which the vocabulary "
                 f"names) to {MAX_FILES} (one catalog path's limit of files)")
    os.makedirs(os.path.join(target, "exercises"), exist_ok=True)
    os.makedirs(os.path.join(target, "vocabulary"), exist_ok=True)
    for path in sorted(glob.glob(os.path.join(catalog, "*.yaml"))):
        shutil.copy(path, os.path.join(target, "vocabulary"))
    texts = []
    number_of = {}  # exercise id -> the number of its built-in file
    for number, path in enumerate(sources):
        with open(path, encoding="utf-8", newline="") as source:
            texts.append(source.read())
        number_of.update((match["value"], number) for line in texts[-1].splitlines()
                         if (match := KEY_VALUE.match(line)) and match["head"].startswith("id:"))
    templates = [template(text, number_of) for text in texts]
    stems = [os.path.splitext(os.path.basename(path))[0] for path in sources]
    for index in range(count):
        number, round_ = index % len(sources), index // len(sources)
        pieces, marks = templates[number]
        text = [pieces[0]]
        for mark, piece in zip(marks, pieces[1:]):
            # An exercise that the last round lacks is named in the round
            # before, which is whole.
            present = mark is None or round_ * len(sources) + number_of[mark] < count
            text += [suffix(round_ if present else round_ - 1), piece]
        with open(os.path.join(target, "exercises", f"{stems[number]}{suffix(round_)}.yaml"), "w",
                  encoding="utf-8", newline="") as out:
            out.write("".join(text))


if __name__ == "__main__":
    main()
