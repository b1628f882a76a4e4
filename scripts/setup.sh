#!/usr/bin/env bash
# Installs what thidua needs on a fresh Debian machine (as root), and nothing that is already there.
set -euo pipefail
need=()
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev pkg-config)
pkg-config --exists xlsxwriter 2>/dev/null || need+=(libxlsxwriter-dev pkg-config)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql postgresql-contrib)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
command -v flock >/dev/null 2>&1 || need+=(util-linux)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "setup: missing ${need[*]}; run as root or install them with apt-get" >&2
        exit 69
    fi
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "${1:-}" = "--python" ]; then
    # Test tooling: a real HTML parser for the report tests.
    python3 -c 'import html5lib' 2>/dev/null || python3 -m pip install -q html5lib >&2
    # The Statistics department's tools: openpyxl reads the workbook, frictionless validates the
    # data package (issue 16).
    python3 -c 'import openpyxl' 2>/dev/null || python3 -m pip install -q openpyxl >&2
    # A real Draft 2020-12 validator and a YAML reader for the plan language's JSON Schema (issue 23).
    python3 -c 'import jsonschema, yaml' 2>/dev/null || python3 -m pip install -q jsonschema pyyaml >&2
    command -v frictionless >/dev/null 2>&1 || python3 -m pip install -q frictionless >&2
    # The report in a real browser (issue 17): Debian's chromium and its driver, selenium and
    # axe-core (bundled by axe-selenium-python).
    if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
    python3 -c 'import selenium, axe_selenium_python' 2>/dev/null || python3 -m pip install -q selenium axe-selenium-python >&2
fi
