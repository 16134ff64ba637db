#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Check (or, with --fix, apply) the committed .clang-format on our own C sources and headers.
#
# usage: check-format.sh [--fix]
# Files: git ls-files '*.c' '*.h', minus test data and generated or third-party code
# (FORMAT_EXCLUDE: extra git pathspec patterns, e.g. 'kernel/foo/*.h'). Run from the repository.
set -euf # -f: the pathspecs below are not shell globs
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
mode=check
[ "${1:-}" = --fix ] && mode=fix

# Not ours or not written by hand: test vectors, anything generated, anything third-party.
exclude=":(exclude)tests/unit/data/* :(exclude)generated/* :(exclude)*/generated/*
:(exclude)*.gen.[ch] :(exclude)third_party/* :(exclude)*/third_party/* :(exclude)build/*"
for p in ${FORMAT_EXCLUDE:-}; do exclude="$exclude :(exclude)$p"; done

list=$(mktemp "${TMPDIR:-/tmp}/format-files.XXXXXX")
trap 'rm -f "$list"' EXIT
# shellcheck disable=SC2086 # one pathspec per word
git ls-files -z -- '*.c' '*.h' $exclude > "$list"
n=$(tr -cd '\0' < "$list" | wc -c)
if [ "$n" -eq 0 ]; then
	echo "check-format: no tracked C files"
	exit 0
fi

if [ $mode = fix ]; then
	xargs -0 "$CLANG_FORMAT" -i --style=file < "$list"
	echo "check-format: formatted $n files"
	exit 0
fi
if xargs -0 "$CLANG_FORMAT" --dry-run -Werror --style=file < "$list"; then
	echo "check-format: $n files match .clang-format"
else
	echo "check-format: files differ from .clang-format; fix with: make format" >&2
	exit 1
fi
