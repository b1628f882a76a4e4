# thidua — the two set-up commands are `make demo` and `make test`; both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := demo
.PHONY: demo test setup build clean embed embed-plan schema dictionary package package-test

setup:
	@bash scripts/setup.sh

build: setup
	swift build

## make demo: install, build, start a throw-away PostgreSQL when none is configured, load the demo
## data, run the job, print where the report is.  Options: SCALE=1 AS_OF=YYYY-MM-DD OUT=dir
## PLAN=plans/KH-TD-6T-2026.yaml (another plan file; its report goes to out/KH-TD-6T-2026/)
demo: setup
	@bash scripts/with-db.sh bash scripts/demo.sh

## make test: the same set-up, then the whole test suite against a real PostgreSQL.
test: setup
	@bash scripts/setup.sh --python
	@bash scripts/with-db.sh bash scripts/test.sh

clean:
	rm -rf .build out
	-bash scripts/pg.sh stop
	rm -rf .pg

## make embed: copy the plan file and the templates into the binary after editing them.
embed embed-plan:
	python3 scripts/embed-plan.py
	python3 scripts/embed-templates.py

## make schema: regenerate plans/plan-language-1.schema.json (thidua plan schema) after editing a key table.
schema: setup
	@bash scripts/schema.sh

## make package: thidua_<version>_amd64.deb (Swift runtime linked statically, stripped; Depends computed).
package: setup
	@bash scripts/package.sh

## make package-test: install, run, upgrade, remove and purge the package in a clean Debian 12 root.
package-test: setup
	@bash scripts/with-db.sh bash scripts/package-test.sh

## make dictionary: regenerate docs/csv.md's tables and sql/reports.sql from the code that writes the CSVs.
dictionary: setup
	@bash scripts/dictionary.sh

## make screenshots: the demo report's index, a province and a sub-unit page as PNG (after make demo),
## and the workbook opened in LibreOffice with the Vietnamese language setting.
screenshots:
	@bash scripts/screenshots.sh

## make bench: scale 1 and 5 against the SQL floor, the scan floor and a naive peer (docs/benchmarks.md).
bench: setup
	@bash scripts/with-db.sh bash scripts/bench.sh
