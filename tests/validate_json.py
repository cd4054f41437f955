#!/usr/bin/env python3
"""Validates backplan's JSON outputs against the schemas of schema/.

Usage: validate_json.py SCHEMA_DIR < LIST

Each line of LIST is SCHEMA_NAME<TAB>PATH: the schema by name ("plan" or
"plan.schema.json") and a file holding one JSON document, or, for the cue
schema, a JSON Lines file whose every line is validated. Every schema of
SCHEMA_DIR (*.schema.json) is loaded, checked against the draft 2020-12
meta-schema and registered under its `$id`, so that the schemas' relative
references ("common.schema.json#/$defs/rule") resolve among them.

Beyond the schemas, a document's objects must give their keys in the order
of the closed schema's `properties` (the documented order), and no object
may repeat a key.

Prints a line per failure, "PATH: JSON-POINTER: message" (PATH:LINE for a
line of a JSON Lines file; the pointer is empty for the whole document),
then "validated N documents against M schemas". Exits 1 on any failure,
0 otherwise, 2 on a usage error.

Works with python3-jsonschema 4.10 (Debian 12: RefResolver) and with 4.18
or later (the referencing library).
"""

import json
import sys
from pathlib import Path

import jsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
JSON_LINES = {"cue.schema.json"}


def pointer(path):
    """The RFC 6901 JSON pointer of a path of keys and indices."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def strict_object(pairs):
    """A JSON object, refusing a repeated key (json.loads keeps the last)."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} is repeated")
        out[key] = value
    return out


def parse(text):
    def constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, object_pairs_hook=strict_object, parse_constant=constant)


def ordered_additional_properties(validator, additional, instance, schema):
    """`additionalProperties`, and with `false` the keys in the order of `properties`."""
    yield from Draft202012Validator.VALIDATORS["additionalProperties"](validator, additional, instance, schema)
    if additional is not False or not validator.is_type(instance, "object"):
        return
    order = list(schema.get("properties", {}))
    known = [key for key in instance if key in order]
    expected = sorted(known, key=order.index)
    if known != expected:
        first = next(i for i, (a, b) in enumerate(zip(known, expected)) if a != b)
        yield jsonschema.ValidationError(
            f"the keys are out of order: {known[first]!r} comes where {expected[first]!r} belongs "
            f"(the order is {', '.join(expected)})")


OrderedValidator = jsonschema.validators.extend(
    Draft202012Validator, {"additionalProperties": ordered_additional_properties})


def load_schemas(folder, failures):
    """Every *.schema.json of `folder` by its $id, each checked."""
    schemas = {}
    files = sorted(folder.glob("*.schema.json"))
    if not files:
        failures.append(f"{folder}: : no *.schema.json in it")
    for path in files:
        try:
            schema = parse(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            failures.append(f"{path}: : {error}")
            continue
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            failures.append(f"{path}: {pointer(error.absolute_path)}: not a valid schema: {error.message}")
            continue
        problems = []
        if schema.get("$schema") != DRAFT_2020_12:
            problems.append(f"$schema is not {DRAFT_2020_12}")
        if schema.get("$id") != path.name:
            problems.append(f"$id is {schema.get('$id')!r}, not the file's name {path.name!r}")
        for key in ("title", "description"):
            if not schema.get(key):
                problems.append(f"it has no {key}")
        problems += closed_objects_problems(schema, "")
        for problem in problems:
            failures.append(f"{path}: {problem}")
        if not problems:
            schemas[path.name] = schema
    return schemas


def closed_objects_problems(node, where):
    """A closed object (additionalProperties false) must require every property."""
    problems = []
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            properties = list(node.get("properties", {}))
            if node.get("required") != properties:
                problems.append(f"{where}: a closed object must require every property, in order")
        for key, value in node.items():
            if key in ("properties", "$defs") and isinstance(value, dict):
                for name, child in value.items():
                    problems += closed_objects_problems(child, f"{where}/{key}/{name}")
            elif key not in ("const", "enum", "required"):
                problems += closed_objects_problems(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            problems += closed_objects_problems(child, f"{where}/{i}")
    return problems


def make_validators(schemas):
    """A validator for each schema, resolving the $ids among the schemas."""
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
    except ImportError:  # jsonschema before 4.18
        store = dict(schemas)
        return {
            name: OrderedValidator(schema, resolver=jsonschema.RefResolver(name, schema, store=store))
            for name, schema in schemas.items()
        }
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items())
    return {name: OrderedValidator(schema, registry=registry) for name, schema in schemas.items()}


def errors_of(validator, document):
    """(pointer, message) of each error, an error among alternatives by its likeliest cause."""
    out = []
    for error in validator.iter_errors(document):
        while error.context:
            # "X or null" given something else than null: the error is in X.
            context = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
            error = best_match(context or error.context)
        out.append((list(error.absolute_path), error.message))
    return sorted(out, key=lambda found: [str(part) for part in found[0]])


def main():
    if len(sys.argv) != 2:
        print("usage: validate_json.py SCHEMA_DIR < LIST (lines of SCHEMA_NAME<TAB>PATH)", file=sys.stderr)
        return 2
    folder = Path(sys.argv[1])
    if not folder.is_dir():
        print(f"validate_json.py: {folder} is not a folder", file=sys.stderr)
        return 2
    failures = []
    schemas = load_schemas(folder, failures)
    validators = make_validators(schemas)
    documents = 0
    for number, line in enumerate(sys.stdin, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        name, tab, path = line.partition("\t")
        if not tab or not path:
            failures.append(f"<stdin>:{number}: : not SCHEMA_NAME<TAB>PATH: {line!r}")
            continue
        if not name.endswith(".schema.json"):
            name += ".schema.json"
        validator = validators.get(name)
        if validator is None:
            failures.append(f"{path}: : no valid schema {name} in {folder}")
            continue
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            failures.append(f"{path}: : {error}")
            continue
        if name in JSON_LINES:
            lines = text.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            else:
                failures.append(f"{path}: : the last line does not end in a newline")
            parts = [(f"{path}:{i}", part) for i, part in enumerate(lines, 1)]
            if not parts:
                failures.append(f"{path}: : no line")
        else:
            parts = [(path, text)]
        for where, part in parts:
            documents += 1
            try:
                document = parse(part)
            except ValueError as error:
                failures.append(f"{where}: : not JSON: {error}")
                continue
            for at, message in errors_of(validator, document):
                failures.append(f"{where}: {pointer(at)}: {message}")
    for failure in failures:
        print(failure)
    print(f"validated {documents} documents against {len(schemas)} schemas")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
