#!/usr/bin/env bash
# make package-test (issue 18): the .deb as a Debian 12 operator meets it. A clean Debian 12 root
# made with debootstrap (cached between runs outside git: THIDUA_CHROOT_CACHE, default
# /var/cache/thidua-package-test), a fresh copy of it per run; inside it:
#   apt-get install ./thidua_<version>_amd64.deb (dependencies pulled by apt), thidua --version,
#   thidua check and thidua run as the thidua user against the test PostgreSQL (its unix socket
#   bind-mounted in), an upgrade over itself keeping an edited configuration, remove, purge;
# every step asserted. Then lintian on the package: no error. Needs the PG* variables of a running
# PostgreSQL (scripts/with-db.sh provides a throw-away one) and root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ "$(id -u)" = 0 ] || { echo "package-test: run as root (debootstrap, chroot, mounts)" >&2; exit 77; }
: "${PGHOST:?package-test: PGHOST must name the socket folder of the test PostgreSQL, run through scripts/with-db.sh}"
need=()
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v lintian >/dev/null 2>&1 || need+=(lintian)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

started=$(date +%s)
deb=$(bash scripts/package.sh | tail -1)
version=$(dpkg-deb -f "$deb" Version)
echo "package-test: $deb built in $(( $(date +%s) - started )) s" >&2

# The Debian mirror this machine's apt already uses (never a host named here).
mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$mirror" ] || mirror=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$mirror" ] || { echo "package-test: no Debian mirror found in this machine's apt sources" >&2; exit 69; }

cache=${THIDUA_CHROOT_CACHE:-/var/cache/thidua-package-test}
base="$cache/bookworm"
if [ ! -e "$base/.complete" ]; then
    rm -rf "$base"
    mkdir -p "$cache"
    t=$(date +%s)
    echo "package-test: debootstrap bookworm into $base (once; cached)" >&2
    debootstrap --variant=minbase bookworm "$base" "$mirror" >"$cache/debootstrap.log" 2>&1 \
        || { tail -20 "$cache/debootstrap.log" >&2; exit 69; }
    touch "$base/.complete"
    echo "package-test: debootstrap took $(( $(date +%s) - t )) s" >&2
fi

work=$(mktemp -d /var/tmp/thidua-package-test.XXXXXX)
chroot_dir="$work/root"
cleanup() {
    for m in run/pg dev proc; do umount -l "$chroot_dir/$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
cp -a "$base" "$chroot_dir"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
mount -t proc proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"
mkdir -p "$chroot_dir/run/pg"
mount --bind "$PGHOST" "$chroot_dir/run/pg"
cp "$deb" "$chroot_dir/tmp/"
pkg="/tmp/$(basename "$deb")"

in_root() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
step() { echo "package-test: $*" >&2; }
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }
expect() { local what=$1; shift; "$@" || fail "$what"; }

# A database for the run: the demo data at a small scale.
db="thidua_pkgtest_$$"
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; cleanup' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f sql/schema.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -v scale=0.1 -d "$db" -f sql/demo/generate.sql >/dev/null
conninfo="host=/run/pg port=${PGPORT:-5432} dbname=$db user=${PGUSER:-postgres}"

step "install with apt (dependencies from the mirror)"
in_root apt-get update -qq >/dev/null
t=$(date +%s)
in_root apt-get install -y -qq "$pkg" >"$work/install.log" 2>&1 || { tail -20 "$work/install.log" >&2; fail "apt-get install"; }
step "installed in $(( $(date +%s) - t )) s"
expect "thidua --version prints $version" test "$(in_root thidua --version)" = "$version"
expect "the binary finds every library it links" sh -c "! chroot '$chroot_dir' ldd /usr/bin/thidua | grep -q 'not found'"
expect "no Swift toolchain library is linked" sh -c "! chroot '$chroot_dir' ldd /usr/bin/thidua | grep -qi swift"
expect "the thidua system user exists" in_root id thidua
expect "/var/lib/thidua/out is thidua:thidua 2750" test "$(in_root stat -c '%U:%G %a' /var/lib/thidua/out)" = "thidua:thidua 2750"
expect "/var/log/thidua is thidua:thidua 750" test "$(in_root stat -c '%U:%G %a' /var/log/thidua)" = "thidua:thidua 750"
expect "/etc/thidua/thidua.yaml is root:thidua 640" test "$(in_root stat -c '%U:%G %a' /etc/thidua/thidua.yaml)" = "root:thidua 640"
expect "the man page is installed" in_root test -s /usr/share/man/man1/thidua.1.gz
expect "the plan language schema is installed" in_root test -s /usr/share/thidua/plan-language-1.schema.json
expect "the schema is what thidua plan schema prints" sh -c "chroot '$chroot_dir' /usr/bin/env -i PATH=/usr/bin:/bin thidua plan schema | cmp -s - '$chroot_dir/usr/share/thidua/plan-language-1.schema.json'"
expect "the installed plan's schema reference resolves next to it" in_root sh -c \
    "head -1 /etc/thidua/plan-251-KH-VKSTC.yaml | grep -qx '# yaml-language-server: \$schema=plan-language-1.schema.json' && test -s /etc/thidua/plan-language-1.schema.json"
expect "the systemd units are installed" in_root test -s /lib/systemd/system/thidua.timer
expect "the cron line is installed disabled" in_root sh -c "grep -q '^#.*thidua run' /etc/cron.d/thidua && ! grep -q '^[0-9*].*thidua run' /etc/cron.d/thidua"

step "thidua check and thidua run as the thidua user"
expect "thidua check" in_root thidua check --db "$conninfo"
expect "thidua run" chroot --userspec=thidua:thidua "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/thidua \
    thidua run --db "$conninfo" --as-of 2026-03-15 --out /var/lib/thidua/out
for f in index.html thidua.xlsx datapackage.json manifest.json csv/unit_metrics.csv; do
    expect "the run published $f" in_root test -s "/var/lib/thidua/out/2026-03-15/$f"
done
expect "the manifest names version $version" in_root grep -q "\"tool_version\" : \"$version\"" /var/lib/thidua/out/2026-03-15/manifest.json

step "both shipped plans in one run (issue 23): the example configuration with its plans: list"
expect "the second plan is installed" in_root test -s /usr/share/thidua/plans/KH-TD-6T-2026.yaml
# The installed configuration with its commented plans: example switched on (and output.dir removed).
sed -e '/^  dir: /d' -e '/^# plans:/,/^#     out:.*KH-TD/s/^# \{0,1\}//' "$chroot_dir/etc/thidua/thidua.yaml" > "$chroot_dir/etc/thidua/plans-test.yaml"
grep -q '^plans:' "$chroot_dir/etc/thidua/plans-test.yaml" || fail "the example configuration has no plans: example"
in_root chgrp thidua /etc/thidua/plans-test.yaml
chmod 0640 "$chroot_dir/etc/thidua/plans-test.yaml"
expect "thidua run with plans:" chroot --userspec=thidua:thidua "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/thidua \
    THIDUA_METRICS_FILE=/var/lib/thidua/plans.prom \
    thidua run --config /etc/thidua/plans-test.yaml --db "$conninfo" --as-of 2026-03-16
for out in /var/lib/thidua/out /var/lib/thidua/KH-TD-6T-2026; do
    for f in index.html manifest.json; do
        expect "plans: published $out/2026-03-16/$f" in_root test -s "$out/2026-03-16/$f"
    done
    expect "plans: $out/latest is the run of 2026-03-16" test "$(in_root readlink "$out/latest")" = 2026-03-16
done
expect "plans: the second folder's manifest names its plan" in_root grep -q '"plan" : "KH-TĐ-6T-2026"' /var/lib/thidua/KH-TD-6T-2026/2026-03-16/manifest.json
expect "plans: one exit-code line per plan in the metrics file" test "$(in_root grep -c '^thidua_last_exit_code{plan=.*} 0$' /var/lib/thidua/plans.prom)" = 2
rm -f "$chroot_dir/etc/thidua/plans-test.yaml"

step "upgrade over itself, keeping the operator's configuration"
echo "# edited by the operator" >> "$chroot_dir/etc/thidua/thidua.yaml"
in_root apt-get install -y -qq --reinstall "$pkg" >"$work/upgrade.log" 2>&1 || { tail -20 "$work/upgrade.log" >&2; fail "reinstall"; }
expect "the edited configuration survived the upgrade" in_root grep -q "edited by the operator" /etc/thidua/thidua.yaml
expect "thidua still runs after the upgrade" test "$(in_root thidua --version)" = "$version"

step "remove: data and reports stay"
in_root apt-get remove -y -qq thidua >/dev/null 2>&1 || fail "apt-get remove"
expect "the binary is gone" sh -c "! test -e '$chroot_dir/usr/bin/thidua'"
expect "the configuration stays after remove" in_root test -s /etc/thidua/thidua.yaml
expect "the published report stays after remove" in_root test -s /var/lib/thidua/out/2026-03-15/index.html

step "purge: configuration gone, reports stay"
in_root apt-get purge -y -qq thidua >/dev/null 2>&1 || fail "apt-get purge"
expect "the configuration is gone after purge" sh -c "! test -e '$chroot_dir/etc/thidua/thidua.yaml'"
expect "the logs are gone after purge" sh -c "! test -e '$chroot_dir/var/log/thidua'"
expect "the published report stays after purge" in_root test -s /var/lib/thidua/out/2026-03-15/index.html
expect "dpkg forgot the package" sh -c "! chroot '$chroot_dir' dpkg -s thidua >/dev/null 2>&1"

step "lintian"
lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v "root privileges" | sed 's/^/package-test: lintian: /' >&2
lintian --fail-on error --tag-display-limit 0 "$deb" >/dev/null 2>&1 || fail "lintian reports an error"
echo "package-test: passed in $(( $(date +%s) - started )) s ($deb)"
