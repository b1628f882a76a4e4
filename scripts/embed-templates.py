#!/usr/bin/env python3
"""Regenerates Sources/ThiDuaReport/DefaultTemplates.swift from templates/*.mustache (make embed)."""
import pathlib
root = pathlib.Path(__file__).resolve().parent.parent
parts = []
for p in sorted((root / "templates").glob("*.mustache")):
    parts.append('        ("%s", #"""\n%s\n"""#),' % (p.stem, p.read_text(encoding="utf-8")))
(root / "Sources/ThiDuaReport/DefaultTemplates.swift").write_text(
    "/// The built-in templates, identical to templates/*.mustache (a test keeps them in step; `make embed`\n"
    "/// regenerates this file). An operator overrides any of them with `--templates DIR`.\n"
    "enum DefaultTemplates {\n    static let all: [(String, String)] = [\n" + "\n".join(parts) + "\n    ]\n}\n",
    encoding="utf-8")
