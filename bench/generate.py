#!/usr/bin/env python3
"""Writes a catalog of N generated exercises, one per file, into DIR.

The first ones take the ids the conditions' early phases name, so that the
copied vocabulary's references resolve.

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

import yaml

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


def protections(catalog):
    """The conditions that need a rule in an exercise of each position: those
    protecting a load the position puts strain on."""
    with open(os.path.join(catalog, "conditions.yaml")) as f:
        conditions = yaml.safe_load(f)["conditions"]
    with open(os.path.join(catalog, "positions.yaml")) as f:
        positions = yaml.safe_load(f)["positions"]
    return {position["id"]: [condition["id"] for condition in conditions
                             if set(condition.get("protects") or []) & set(position.get("loads") or [])]
            for position in positions}


def exercise(rng, index, ident, needs):
    # No "breathe": "hold your breathe" would use the phrase "hold your
    # breath", which needs the exercise to list that load.
    words = ("slowly exhale gently your back knees hips shoulders arms floor chair lift lower "
             "hold stretch feel comfortable towards return start position keep relaxed neck "
             "spine reach rest turn side").split()
    position = rng.choice(POSITIONS)
    lines = [f"id: {ident}",
             f"name: Generated exercise {index}",
             f"summary: >-\n  {sentence(rng, words)}",
             f"position: {position}",
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
    chosen = rng.sample(CONDITIONS, rng.randint(1, 3))
    for condition in chosen + [c for c in needs.get(position, []) if c not in chosen]:
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
    with open(os.path.join(catalog, "conditions.yaml")) as conditions:
        named = [ident for condition in yaml.safe_load(conditions)["conditions"]
                 for ident in condition.get("early_phase", {}).get("exercises", [])]
    named = list(dict.fromkeys(named))
    needs = protections(catalog)
    rng = random.Random(count)
    for index in range(count):
        ident = named[index] if index < len(named) else f"generated-{index:05d}"
        with open(os.path.join(target, "exercises", f"generated-{index:05d}.yaml"), "w") as out:
            out.write(exercise(rng, index, ident, needs))


if __name__ == "__main__":
    main()
