#!/usr/bin/env python3
"""Regenerates Sources/ThiDuaPlan/DefaultPlan.swift from plans/251-KH-VKSTC.yaml (make embed)."""
import pathlib
root = pathlib.Path(__file__).resolve().parent.parent
text = (root / "plans/251-KH-VKSTC.yaml").read_text(encoding="utf-8")
(root / "Sources/ThiDuaPlan/DefaultPlan.swift").write_text(
    "/// The shipped default plan, identical to `plans/251-KH-VKSTC.yaml` (a test keeps them in step;\n"
    "/// `make embed` regenerates this file), so that an installed binary works without the file.\n"
    'let shippedPlanYAML = #"""\n' + text + '\n"""#\n', encoding="utf-8")
