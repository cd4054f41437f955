#!/usr/bin/env python3
"""Writes a catalog of N generated exercises, one per file, into DIR.

The vocabulary files are copied from the built-in catalog into
DIR/vocabulary, the exercises go to DIR/exercises (two catalog paths, so
that 100 000 exercises stay within one path's limit of files); every exercise
has realistic content: a summary, five steps, cues, a dosage and
contraindications, like the built-in ones.
"""
import os
import random
import shutil
import sys

VOCABULARY = ["conditions", "regions", "goals", "positions", "levels", "kinds", "movements", "loads",
              "red-flags",
              "sources"]
POSITIONS = ["standing", "seated", "floor-sitting", "lying-on-back", "lying-on-front",
             "all-fours", "kneeling"]
REGIONS = ["neck", "shoulders", "upper-back", "mid-back", "lower-back", "core", "hips",
           "hamstrings", "legs"]
GOALS = ["mobility", "flexibility", "strength", "stability", "stiffness", "desk-break"]
MOVEMENTS = ["flexion", "extension", "rotation", "side-bending", "stabilising"]
KINDS = ["mobility", "stretch", "strength"]
LEVELS = ["gentle", "moderate", "challenging"]
CONDITIONS = ["knee", "prolapse", "radiating-leg-pain", "degenerative-back", "wrist",
              "shoulder", "neck", "hip"]
SOURCES = ["kenway", "perfect-balance", "sutter", "gmb", "birmingham"]
ACTIONS = ["avoid", "modify", "caution"]


def sentence(rng, words):
    return " ".join(rng.choice(words) for _ in range(rng.randint(10, 18))).capitalize() + "."


def exercise(rng, index):
    words = ("slowly breathe gently your back knees hips shoulders arms floor chair lift lower "
             "hold stretch feel comfortable towards return start position keep relaxed neck "
             "spine reach rest turn side").split()
    lines = [f"id: generated-{index:05d}",
             f"name: Generated exercise {index}",
             f"summary: >-\n  {sentence(rng, words)}",
             f"position: {rng.choice(POSITIONS)}",
             f"regions: [{', '.join(rng.sample(REGIONS, 2))}]",
             f"goals: [{', '.join(rng.sample(GOALS, 2))}]",
             f"movements: [{rng.choice(MOVEMENTS)}]",
             f"kind: {rng.choice(KINDS)}",
             f"level: {rng.choice(LEVELS)}",
             f"per_side: {rng.choice(['true', 'false'])}",
             "dosage:"]
    if rng.random() < 0.5:
        low = rng.randint(10, 30)
        lines.append(f"  hold: [{low}, {low + rng.randint(0, 30)}]")
        lines.append(f"  reps: [{rng.randint(1, 2)}, 3]")
    else:
        lines.append(f"  rep_seconds: [2, {rng.randint(2, 5)}]")
        lines.append(f"  reps: [{rng.randint(4, 8)}, {rng.randint(8, 15)}]")
    lines += ["  sets: [1, 2]", "  rest_between_reps: [2, 8]", "  rest_between_sets: [15, 30]", "steps:"]
    lines += [f"  - {sentence(rng, words)}" for _ in range(5)]
    lines += ["cues:"] + [f"  - {sentence(rng, words)}" for _ in range(2)]
    lines.append("contraindications:")
    for condition in rng.sample(CONDITIONS, rng.randint(1, 3)):
        lines += [f"  - condition: {condition}",
                  f"    action: {rng.choice(ACTIONS)}",
                  f"    instruction: {sentence(rng, words)}",
                  f"    basis: {rng.choice(SOURCES + ['general clinical guidance'])}"]
    lines.append(f"sources: [{rng.choice(SOURCES)}]")
    return "\n".join(lines) + "\n"


def main():
    target, count = sys.argv[1], int(sys.argv[2])
    catalog = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "catalog")
    os.makedirs(os.path.join(target, "exercises"), exist_ok=True)
    os.makedirs(os.path.join(target, "vocabulary"), exist_ok=True)
    for name in VOCABULARY:
        shutil.copy(os.path.join(catalog, name + ".yaml"), os.path.join(target, "vocabulary"))
    rng = random.Random(count)
    for index in range(count):
        with open(os.path.join(target, "exercises", f"generated-{index:05d}.yaml"), "w") as out:
            out.write(exercise(rng, index))


if __name__ == "__main__":
    main()
