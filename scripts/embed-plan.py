#!/usr/bin/env python3
"""Regenerates Sources/ThiDuaConfig/DefaultPlan.swift from plans/251-KH-VKSTC.yaml (make embed-plan)."""
import pathlib
root = pathlib.Path(__file__).resolve().parent.parent
text = (root / "plans/251-KH-VKSTC.yaml").read_text(encoding="utf-8")
(root / "Sources/ThiDuaConfig/DefaultPlan.swift").write_text(
    "/// The shipped default plan, identical to `plans/251-KH-VKSTC.yaml` (a test keeps them in step;\n"
    "/// `make embed-plan` regenerates this file), so that an installed binary works without the file.\n"
    'public let defaultPlanYAML = #"""\n' + text + '\n"""#\n', encoding="utf-8")
