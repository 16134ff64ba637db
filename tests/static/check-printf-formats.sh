#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The hypervisor's printf is newlib's nano formatter: it knows only the h, l and L length
# modifiers, so %zu, %llu, %jd, %td and %hhu print garbage and shift every later argument.
# gcc's -Wformat checks against ISO C and cannot see this; this check does.
#
# usage: check-printf-formats.sh FILE...   (exit 1 and list the lines on any finding)
set -eu
bad=$(grep -nE '%[-+ #0-9.*]*(z|ll|j|t|hh)[diouxXn]' "$@" || true)
if [ -n "$bad" ]; then
	echo "printf formats the hypervisor's nano printf does not support (use %lu, %lx, ...):" >&2
	echo "$bad" >&2
	exit 1
fi
