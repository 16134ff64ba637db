#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Prints the image names (kernel = "...", initrd = "...", a module's file = "...") a description
# names, following its /include/ lines relative to each including file, so a board file that
# only overrides a few properties still packs every image of the description it includes.
set -eu

walk() {
	[ -f "$1" ] || return 0
	sed -n 's/.*\(kernel\|initrd\|file\) = "\([^"]*\)".*/\2/p' "$1"
	dir=$(dirname "$1")
	sed -n 's|^[[:space:]]*/include/[[:space:]]*"\([^"]*\)".*|\1|p' "$1" | while read -r inc; do
		walk "$dir/$inc"
	done
}

for f in "$@"; do
	walk "$f"
done | sort -u
