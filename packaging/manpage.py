#!/usr/bin/env python3
"""Writes thidua(1) from the command's own help (`thidua --experimental-dump-help`, the argument
parser's description of every subcommand and option), so the man page cannot drift from --help.
Usage: manpage.py THIDUA_BINARY VERSION DATE > thidua.1"""
import json
import subprocess
import sys

binary, version, date = sys.argv[1:4]
tool = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)["command"]


def roff(text):
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def flag(arg):
    names = ", ".join(("-" if n["kind"] == "short" else "--") + n["name"] for n in arg.get("names", []))
    if arg["kind"] == "positional":
        return f"<{arg.get('valueName', '')}>"
    if arg["kind"] == "option":
        return f"{names} <{arg.get('valueName', '')}>"
    return names


out = [f'.TH THIDUA 1 "{date}" "thidua {version}" "User Commands"',
       ".SH NAME", f"thidua \\- {roff(tool.get('abstract', ''))}",
       ".SH SYNOPSIS", ".B thidua", "\\fIsubcommand\\fR [\\fIoptions\\fR]",
       ".SH DESCRIPTION",
       roff("Computes the emulation movement's leaderboards, milestones and award shortlists from the "
            "PostgreSQL warehouse and publishes them as HTML, CSV, an Excel workbook and a data package. "
            "Exit codes follow sysexits: 0 done, 64 usage, 65 data, 69 unavailable, 73 cannot write, "
            "75 try again later, 78 configuration."),
       ".SH SUBCOMMANDS"]
for sub in tool.get("subcommands", []):
    if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
        continue
    out += [".SS " + sub["commandName"], roff(sub.get("abstract", ""))]
    for arg in sub.get("arguments", []):
        if not arg.get("shouldDisplay", True):
            continue
        out += [".TP", "\\fB" + roff(flag(arg)) + "\\fR", roff(arg.get("abstract", ""))]
out += [".SH FILES",
        ".TP", "/etc/thidua/thidua.yaml", "the configuration (see /usr/share/doc/thidua/thidua.example.yaml)",
        ".TP", "/etc/thidua/plan-251-KH-VKSTC.yaml", "the plan 251/KH-VKSTC as data",
        ".TP", "/usr/share/thidua/plans/", "further plans shipped with thidua (KH-TD-6T-2026.yaml), for the configuration's plans: list",
        ".TP", "/var/lib/thidua/out", "the published runs (OUT/<D>/, OUT/latest)",
        ".SH SEE ALSO", "/usr/share/doc/thidua/README.md, /usr/share/doc/thidua/docs/"]
print("\n".join(out))
