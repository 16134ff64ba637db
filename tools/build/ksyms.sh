#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Function symbols of a hypervisor ELF as C, for stack traces (kernel/cpu/ksyms.c reads them).
#
#   ksyms.sh ELF                 print the table as C
#   ksyms.sh --compare OLD NEW   fail if any function moved between the two link passes
set -eu

text_syms() {
	nm -n --defined-only "$1" | awk '$2 == "t" || $2 == "T" { print $1, $3 }'
}

if [ "$1" = "--compare" ]; then
	if [ "$(text_syms "$2")" != "$(text_syms "$3")" ]; then
		echo "ksyms: functions moved between link passes; stack traces would name wrong ones" >&2
		exit 1
	fi
	exit 0
fi

echo '#include "ksyms.h"'
echo '__attribute__((section(".ksyms"), used)) const struct ksym ksyms_table[] = {'
text_syms "$1" | awk '{ printf "\t{0x%s, \"%s\"},\n", $1, $2 }'
echo '};'
