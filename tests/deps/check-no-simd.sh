#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Fail if any of the given archives/objects touches x87, MMX, SSE or AVX state.
#
#   check-no-simd.sh FILE...
#
# The hypervisor must leave FPU/vector state to the guests; -mgeneral-regs-only guarantees that for
# compiled C, this catches hand-written assembly and wrong flags. It flags vector and x87 registers
# and the mnemonics that touch that state without naming a register (fninit, fxsave, ldmxcsr, ...).
set -eu

: "${OBJDUMP:=objdump}"
status=0
for f in "$@"; do
	hits=$("$OBJDUMP" -d --no-show-raw-insn "$f" | awk -F '\t' '
		/^[^ \t].*:$/ { where = $0 }
		NF >= 2 && $1 ~ /^ *[0-9a-f]+:$/ {
			insn = $2
			split(insn, w, " ")
			if (insn ~ /%[xyz]mm[0-9]|%mm[0-7]|%st(\(|$|,)|%k[0-7]/ ||
			    (w[1] ~ /^f[a-z0-9]+$/ && w[1] != "fs") ||
			    w[1] ~ /^(emms|ldmxcsr|stmxcsr|vldmxcsr|vstmxcsr)$/ ||
			    w[1] ~ /^(fx|x)(save|rstor)/)
				print where " " insn
		}')
	if [ -n "$hits" ]; then
		echo "$f: FPU/SIMD instructions:" >&2
		echo "$hits" | head -n 20 >&2
		status=1
	fi
done
exit $status
