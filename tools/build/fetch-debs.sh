#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Download Debian binary packages (.deb) into the build cache, for tests that need a stock guest.
#
#   fetch-debs.sh CACHE_DIR PKG...
#
# Each PKG ends up as CACHE_DIR/deb/PKG.deb. A metapackage (linux-image-amd64) is followed to the
# package it depends on whose name starts with its own stem (linux-image-6.1.0-NN-amd64), which
# holds the files. A package already in the cache is not fetched again: later runs are offline.
# apt-get download needs no root and touches no installed package; the system's lists are used,
# refreshed once with apt-get update when they do not know a package.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 CACHE_DIR PKG..." >&2; exit 2; }
dir=$(mkdir -p "$1/deb" && cd "$1/deb" && pwd)
shift

known() { apt-cache show "$1" >/dev/null 2>&1; }

# linux-image-amd64 -> linux-image-6.1.0-NN-amd64: the dependency holding the kernel.
real_name() {
	stem=${1%-amd64}
	dep=$(apt-cache depends "$1" 2>/dev/null |
		sed -n "s/^ *Depends: \($stem-[0-9][^ ]*\)$/\1/p" | head -n 1)
	echo "${dep:-$1}"
}

for pkg in "$@"; do
	[ -s "$dir/$pkg.deb" ] && continue
	if ! known "$pkg"; then
		echo "  APT     update (package lists do not know $pkg)"
		apt-get -q update >"$dir/update.log" 2>&1 || { cat "$dir/update.log" >&2; exit 1; }
		known "$pkg" || { echo "$0: no Debian package $pkg" >&2; exit 1; }
	fi
	real=$(real_name "$pkg")
	echo "  APT     download $real"
	tmp=$dir/$pkg.tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	(cd "$tmp" && apt-get -q download "$real") >"$dir/$pkg.log" 2>&1 || {
		cat "$dir/$pkg.log" >&2
		exit 1
	}
	mv "$tmp"/*.deb "$dir/$pkg.deb"
	rm -rf "$tmp"
done
