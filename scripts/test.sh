#!/usr/bin/env bash
# make test: the whole suite against the real PostgreSQL that with-db.sh provides.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export THIDUA_TEST_REQUIRE_DB=1
log="${TMPDIR:-/tmp}/thidua-build.log"
swift build --build-tests >"$log" 2>&1 || { tail -n 60 "$log"; echo "test: the build failed" >&2; exit 1; }
tail -n 1 "$log"
export THIDUA_BIN="$(swift build --show-bin-path)/thidua"
bash scripts/verify-units.sh
set +e
swift test --skip-build --parallel 2>&1 | tee "${TMPDIR:-/tmp}/thidua-test.log" | grep -vE '^(Test Case|\[|◇|✔ Test "|✔ Suite)'
status=${PIPESTATUS[0]}
set -e
# swift test's own exit code is the verdict.
exit "$status"
