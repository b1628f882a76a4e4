#!/usr/bin/env python3
"""Validates plan files against the JSON Schema of `thidua plan schema` with a real Draft 2020-12
validator (python-jsonschema), as an editor's YAML extension would (issue 23).

    check_plan_schema.py SCHEMA FILE...

Checks SCHEMA against the Draft 2020-12 meta-schema, then prints `valid FILE` or `invalid FILE: PATH:
MESSAGE` (every error of the file) per file. Exit 0 when every file is valid, 1 when one is not,
2 when the schema itself is broken, a file cannot be read as YAML, or a draft-07 validator (what
yaml-language-server may use) does not give the same verdict.

The files are read with YAML 1.2 core scalars, as yaml-language-server reads them: only true/false
are booleans and 2026-01-01 stays text (PyYAML alone reads YAML 1.1: yes/no booleans and dates).
"""
import json
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core booleans and no timestamps."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"schema: not a valid Draft 2020-12 schema: {e.message}", file=sys.stderr)
        return 2
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        print("schema: $schema is not Draft 2020-12", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    # yaml-language-server may validate with draft-07 semantics: the schema must mean the same there.
    draft7 = jsonschema.Draft7Validator(dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"}))
    status = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.load(f, Loader=CoreLoader)
        except (OSError, yaml.YAMLError) as e:
            print(f"{path}: cannot be read as YAML: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        if draft7.is_valid(document) != (not errors):
            print(f"{path}: Draft 2020-12 and draft-07 disagree on this file", file=sys.stderr)
            return 2
        if not errors:
            print(f"valid {path}")
            continue
        status = 1
        for e in errors:
            where = ".".join(map(str, e.absolute_path)) or "(root)"
            print(f"invalid {path}: {where}: {e.message}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
