#!/usr/bin/env bash
# make test: the whole suite against the real PostgreSQL that with-db.sh provides.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export THIDUA_TEST_REQUIRE_DB=1
swift build --build-tests 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -n 5
export THIDUA_BIN="$(swift build --show-bin-path)/thidua"
swift test --skip-build --parallel 2>&1 | tee "${TMPDIR:-/tmp}/thidua-test.log" | grep -vE '^(Test Case|\[|◇|✔ Test "|✔ Suite)' || true
# swift test's own exit code is the verdict.
exit "${PIPESTATUS[0]}"
