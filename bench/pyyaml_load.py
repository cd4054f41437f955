#!/usr/bin/env python3
"""The peer: what a user would otherwise write, PyYAML's C loader merely
loading every YAML file of a catalog directory."""
import os
import sys

import yaml

documents = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in sorted(files):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as handle:
                yaml.load(handle, Loader=yaml.CSafeLoader)
                documents += 1
print(documents, "documents")
