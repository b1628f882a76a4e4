#!/usr/bin/env bash
# make package: builds thidua_<version>_amd64.deb in the repository root (issue 18).
# The release binary links the Swift runtime statically (--static-swift-stdlib), so the server needs
# no Swift toolchain; it is stripped. Depends: is computed from the binary by dpkg-shlibdeps (the
# Debian packages that hold the libraries it links), plus adduser for the maintainer scripts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
need=()
command -v dpkg-shlibdeps >/dev/null 2>&1 || need+=(dpkg-dev)
command -v strip >/dev/null 2>&1 || need+=(binutils)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

swift build -c release --static-swift-stdlib --product thidua --scratch-path .build-package >&2
bin=.build-package/release/thidua
version=$("$bin" --version)
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/thidua_${version}_${arch}"

install -D -m 0755 "$bin" "$stage/usr/bin/thidua"
strip --strip-all --remove-section=.comment "$stage/usr/bin/thidua"
if ldd "$stage/usr/bin/thidua" | grep -q "/swift"; then
    echo "package: the binary still links the Swift toolchain's libraries:" >&2
    ldd "$stage/usr/bin/thidua" >&2
    exit 70
fi

# systemd units and the cron file, pointing at /usr/bin; both installed, neither enabled.
install -d "$stage/lib/systemd/system" "$stage/etc/cron.d"
for u in thidua.service thidua.timer; do
    sed -e 's|/usr/local/bin/thidua|/usr/bin/thidua|g' -e 's|/usr/local/share/doc/thidua|/usr/share/doc/thidua|g' \
        "deploy/systemd/$u" > "$stage/lib/systemd/system/$u"
    chmod 0644 "$stage/lib/systemd/system/$u"
done
{
    echo "# thidua from the Debian package. DISABLED: enable ONE way of running it nightly, either"
    echo "#   systemctl enable --now thidua.timer        (preferred), or"
    echo "#   remove the '#' before the line at the end of this file."
    sed -e 's|/usr/local/bin/thidua|/usr/bin/thidua|g' -e 's|^PATH=.*|PATH=/usr/bin:/bin|' cron/thidua.cron \
        | sed -e 's|^\([0-9*].*thidua run.*\)$|#\1|'
} > "$stage/etc/cron.d/thidua"
chmod 0644 "$stage/etc/cron.d/thidua"

# Configuration and plan: conffiles (an operator's edits survive upgrades).
install -D -m 0640 deploy/thidua.example.yaml "$stage/etc/thidua/thidua.yaml"
install -D -m 0644 plans/251-KH-VKSTC.yaml "$stage/etc/thidua/plan-251-KH-VKSTC.yaml"
# The second shipped plan (PLAN-LANGUAGE.md §21), for a configuration's plans: list (issue 23). Not a
# conffile: copy it to /etc/thidua/ to edit it.
install -D -m 0644 plans/KH-TD-6T-2026.yaml "$stage/usr/share/thidua/plans/KH-TD-6T-2026.yaml"

# Documentation, SQL, man page.
doc="$stage/usr/share/doc/thidua"
install -D -m 0644 README.md "$doc/README.md"
install -D -m 0644 deploy/thidua.example.yaml "$doc/thidua.example.yaml"
install -D -m 0644 packaging/copyright "$doc/copyright"
install -d "$doc/docs"
install -m 0644 docs/*.md "$doc/docs/"
install -m 0644 cron/README.md "$doc/docs/cron.md"
install -D -m 0644 CHANGELOG.md "$doc/CHANGELOG.md"
# Debian's own changelog format (lintian requires it): one entry per version, from CHANGELOG.md.
python3 - "$version" "$doc/changelog" <<'PY'
import datetime, email.utils, re, sys
version, out = sys.argv[1], sys.argv[2]
text = open("CHANGELOG.md", encoding="utf-8").read()
entries = re.findall(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})\n(.*?)(?=^## |\Z)", text, re.M | re.S)
lines = []
for v, day, body in entries:
    items = [re.sub(r"\s+", " ", i).strip() for i in re.split(r"^- ", body, flags=re.M) if i.strip()]
    stamp = email.utils.format_datetime(datetime.datetime.fromisoformat(day + "T12:00:00+00:00"))
    lines.append(f"thidua ({v}) bookworm; urgency=medium\n")
    for i in items:
        words, cur = i.split(" "), "  * "
        for w in words:
            if len(cur) + len(w) > 78:
                lines.append(cur.rstrip() + "\n")
                cur = "    "
            cur += w + " "
        lines.append(cur.rstrip() + "\n")
    lines.append(f"\n -- thidua developers <thidua@vks.gov.vn>  {stamp}\n\n")
if not entries or entries[0][0] != version:
    sys.exit(f"package: CHANGELOG.md's newest entry is not {version}")
open(out, "w", encoding="utf-8").write("".join(lines).rstrip("\n") + "\n")
PY
gzip -9n "$doc/changelog"
install -d "$stage/usr/share/thidua/sql"
install -m 0644 sql/schema.sql sql/roles.sql sql/reports.sql "$stage/usr/share/thidua/sql/"
# The JSON Schema of plan language 1 (issue 23), printed by the packaged binary itself; editors validate
# and complete plan files with it. A plan names it on its first line by a relative path (as in the
# repository, where it sits next to the plans): the link in /etc/thidua serves the installed plans.
"$bin" plan schema > "$work/plan-language-1.schema.json"
install -D -m 0644 "$work/plan-language-1.schema.json" "$stage/usr/share/thidua/plan-language-1.schema.json"
ln -s /usr/share/thidua/plan-language-1.schema.json "$stage/etc/thidua/plan-language-1.schema.json"
install -d "$stage/usr/share/man/man1"
python3 packaging/manpage.py "$stage/usr/bin/thidua" "$version" "$(date -u +%Y-%m-%d)" | gzip -9n > "$stage/usr/share/man/man1/thidua.1.gz"
chmod 0644 "$stage/usr/share/man/man1/thidua.1.gz"

# Yams (the YAML parser) compiles its own copy of libyaml into the binary; Debian's libyaml cannot
# replace it without patching Yams. Said once, for lintian.
install -D -m 0644 packaging/lintian-overrides "$stage/usr/share/lintian/overrides/thidua"

# Depends: what the binary links, found by dpkg-shlibdeps.
mkdir -p "$work/debian"
printf 'Source: thidua\n\nPackage: thidua\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O "-e$stage/usr/bin/thidua" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package: dpkg-shlibdeps found no dependency" >&2; exit 70; }

install -d "$stage/DEBIAN"
install -m 0755 packaging/postinst packaging/prerm packaging/postrm "$stage/DEBIAN/"
printf '/etc/thidua/thidua.yaml\n/etc/thidua/plan-251-KH-VKSTC.yaml\n/etc/cron.d/thidua\n' > "$stage/DEBIAN/conffiles"
cat > "$stage/DEBIAN/control" <<EOF
Package: thidua
Version: $version
Architecture: $arch
Maintainer: thidua developers <thidua@vks.gov.vn>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends, adduser
Section: misc
Priority: optional
Description: nightly emulation-movement report of the People's Procuracy
 Reads the PostgreSQL warehouse of the criminal case platform (QLAHS) and the
 LuyenAI learning site and publishes, every night, the leaderboards, milestone
 compliance and award shortlists of plan 251/KH-VKSTC: an HTML report for
 leadership (Vietnamese), CSV files, an Excel workbook and a Frictionless data
 package for the Statistics department.
EOF
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | grep -v '^etc/' | sort | xargs md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums" "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles"
deb="$root/thidua_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
echo "package: $deb ($(du -h "$deb" | cut -f1)); Depends: $depends, adduser" >&2
echo "$deb"
