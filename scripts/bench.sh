#!/usr/bin/env bash
# make bench: see bench/bench.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 "$root/bench/bench.py"
