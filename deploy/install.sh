#!/usr/bin/env bash
# Builds thidua FROM SOURCE and installs it (as root), on a machine that has the Swift toolchain:
# a release binary, the configuration, the system user, folders and systemd units. Idempotent.
# For a production server use the Debian package instead (make package; apt-get install ./thidua_*.deb):
# it needs no toolchain. This script is for development machines and sites that build their own.
#   deploy/install.sh [--prefix /usr/local] [--no-build]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local
build=1
while [ $# -gt 0 ]; do
    case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "install.sh: unknown option $1 (expected --prefix DIR or --no-build)" >&2; exit 64 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 77; }
bash "$root/scripts/setup.sh"
if [ $build = 1 ]; then
    (cd "$root" && swift build -c release --product thidua)
fi
bin=$(cd "$root" && swift build -c release --show-bin-path)/thidua
install -D -m 0755 "$bin" "$prefix/bin/thidua"
id thidua >/dev/null 2>&1 || useradd --system --home-dir /var/lib/thidua --shell /usr/sbin/nologin thidua
install -d -o thidua -g thidua -m 2750 /var/lib/thidua /var/lib/thidua/out
install -d -o thidua -g thidua -m 0750 /var/log/thidua
install -d -m 0755 /etc/thidua
[ -e /etc/thidua/thidua.yaml ] || install -m 0640 -g thidua "$root/deploy/thidua.example.yaml" /etc/thidua/thidua.yaml
install -D -m 0644 "$root/plans/251-KH-VKSTC.yaml" /etc/thidua/plan-251-KH-VKSTC.yaml
# As the package: the second plan for a plans: list, and the plan language's JSON Schema with the
# link its plans' first line names.
install -D -m 0644 "$root/plans/KH-TD-6T-2026.yaml" "$prefix/share/thidua/plans/KH-TD-6T-2026.yaml"
install -D -m 0644 "$root/plans/plan-language-1.schema.json" "$prefix/share/thidua/plan-language-1.schema.json"
ln -sfn "$prefix/share/thidua/plan-language-1.schema.json" /etc/thidua/plan-language-1.schema.json
install -D -m 0644 "$root/README.md" "$prefix/share/doc/thidua/README.md"
if [ -d /etc/systemd/system ]; then
    install -m 0644 "$root/deploy/systemd/thidua.service" "$root/deploy/systemd/thidua.timer" /etc/systemd/system/
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        echo "install.sh: enable the nightly run with: systemctl enable --now thidua.timer"
    fi
fi
echo "install.sh: installed $prefix/bin/thidua ($("$prefix/bin/thidua" --version))"
echo "install.sh: next: create the read-only role (sql/roles.sql), put its password in ~thidua/.pgpass, edit /etc/thidua/thidua.yaml, then: sudo -u thidua thidua check --config /etc/thidua/thidua.yaml"
