#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Download Debian source packages into a private cache without touching the system's apt state.
#
#   fetch-sources.sh CACHE_DIR SRCPKG...
#
# For every SRCPKG, CACHE_DIR/src/SRCPKG/ ends up holding the .dsc plus its tarballs. A package
# that already has a .dsc there is not fetched again, so a rebuild from the cache is offline.
#
# The machine only lists binary ("deb") repositories. We derive the matching "deb-src" entries from
# whatever apt is configured with (deb822 *.sources and one-line *.list files alike), so no mirror
# name is written in this repository, and point apt-get at private lists/cache directories.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 CACHE_DIR SRCPKG..." >&2; exit 2; }
cache=$(mkdir -p "$1" && cd "$1" && pwd)
shift

missing=
for pkg in "$@"; do
	if ! ls "$cache/src/$pkg"/*.dsc >/dev/null 2>&1; then
		missing="$missing $pkg"
	fi
done
[ -n "$missing" ] || exit 0

aptdir=$cache/apt
mkdir -p "$aptdir/sources.list.d" "$aptdir/lists/partial" "$aptdir/cache/archives/partial"

# Ask apt itself where its sources live, in case apt.conf relocates them.
eval "$(apt-config shell etc_dir Dir::Etc/d srclist Dir::Etc::sourcelist/f \
	srcparts Dir::Etc::sourceparts/d)"

# Turn each binary repository into a source repository; drop disabled and duplicate entries.
derive_deb822() {
	awk '
	function flush() {
		if (n && types ~ /(^|[ \t])deb([ \t]|$)/ && tolower(enabled) != "no") {
			print "Types: deb-src"
			for (i = 1; i <= n; i++)
				print lines[i]
			print ""
		}
		n = 0; types = ""; enabled = ""
	}
	/^[ \t]*#/ { next }
	/^[ \t]*$/ { flush(); next }
	tolower($1) == "types:" { types = $0; sub(/^[^:]*:[ \t]*/, "", types); next }
	tolower($1) == "enabled:" { enabled = $2 }
	{ lines[++n] = $0 }
	END { flush() }
	' "$1"
}

derive_oneline() {
	sed -n 's/^[ \t]*deb\([ \t]\)/deb-src\1/p' "$1"
}

{
	[ -f "$srclist" ] && derive_oneline "$srclist"
	for f in "$srcparts"*.list; do
		[ -f "$f" ] && derive_oneline "$f"
	done
	true
} | awk '!seen[$0]++' >"$aptdir/sources.list.new"
{
	for f in "$srcparts"*.sources; do
		[ -f "$f" ] && derive_deb822 "$f"
	done
	true
} >"$aptdir/sources.list.d/derived.sources.new"
mv "$aptdir/sources.list.new" "$aptdir/sources.list"
mv "$aptdir/sources.list.d/derived.sources.new" "$aptdir/sources.list.d/derived.sources"

if ! grep -qs . "$aptdir/sources.list" "$aptdir/sources.list.d/derived.sources"; then
	echo "$0: no apt repositories configured in $etc_dir; cannot fetch:$missing" >&2
	exit 1
fi

# Private lists and caches; the update hooks of the system configuration are for the system only.
set -- -q \
	-o Dir::Etc::SourceList="$aptdir/sources.list" \
	-o Dir::Etc::SourceParts="$aptdir/sources.list.d" \
	-o Dir::State::Lists="$aptdir/lists" \
	-o Dir::Cache="$aptdir/cache" \
	-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
	-o APT::Update::Post-Invoke::= -o APT::Update::Post-Invoke-Success::= \
	-o APT::Update::Pre-Invoke::= \
	-o APT::Get::Only-Source=true
if [ "$(id -u)" = 0 ]; then
	# The cache lives in a build tree that the unprivileged _apt user may not be able to enter.
	set -- "$@" -o APT::Sandbox::User=root
fi

echo "  APT     update (deb-src lists derived from $srclist and $srcparts)"
# By default an unreachable mirror is only a warning; here it must stop the build.
apt-get "$@" --error-on=any update >"$aptdir/update.log" 2>&1 || {
	cat "$aptdir/update.log" >&2
	exit 1
}

for pkg in $missing; do
	echo "  APT     source $pkg"
	rm -rf "$cache/src/$pkg.tmp"
	mkdir -p "$cache/src/$pkg.tmp"
	(cd "$cache/src/$pkg.tmp" && apt-get "$@" source --download-only "$pkg") \
		>"$aptdir/source-$pkg.log" 2>&1 || {
		cat "$aptdir/source-$pkg.log" >&2
		exit 1
	}
	rm -rf "$cache/src/$pkg"
	mv "$cache/src/$pkg.tmp" "$cache/src/$pkg"
done
