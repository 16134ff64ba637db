#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Prove that code linked into the hypervisor never touches FPU/SIMD state (the guests own it).
#
# usage: check-no-simd.sh [--allow REGEX] [--skip-func REGEX] FILE...   (ELF objects or archives)
#        check-no-simd.sh --self-test
#
# Disassembles every executable section and fails on any x87, MMX, SSE, AVX, AVX-512 or AMX
# instruction: any use of %st, %mm, %xmm, %ymm, %zmm, %k or %tmm registers, any x87 mnemonic
# (they all start with "f": fld1, fnstcw, fxsave, ...), and the SIMD instructions that name no
# such register (emms, vzeroupper, [v]ldmxcsr/[v]stmxcsr, xsave*/xrstor*, AMX tile config).
# Fences, pause, crc32, popcnt, movnti, prefetch*, clflush, xgetbv/xsetbv and the VMX/SVM
# instructions use no FPU/SIMD state and pass.
#
#   --allow REGEX      mnemonics (extended regex, whole mnemonic) to accept anyway, e.g.
#                      'xsave|xrstor' once the hypervisor switches guest FPU state itself
#   --skip-func REGEX  functions (symbols) whose code is not checked, e.g. data kept in .text
# NO_SIMD_ALLOW / NO_SIMD_SKIP_FUNC in the environment set the same.
set -eu

OBJDUMP=${OBJDUMP:-objdump}
allow=${NO_SIMD_ALLOW:-}
skip=${NO_SIMD_SKIP_FUNC:-}

scan() { # FILE: print offending lines as "FILE[member] <function> address: instruction"
	"$OBJDUMP" -d -w --no-show-raw-insn "$1" | awk -v file="$1" -v allow="$allow" -v skip="$skip" '
	function reset_member() { fn = "?" }
	/^In archive / { next }
	/:[ \t]+file format / { member = $1; sub(/:$/, "", member); reset_member(); next }
	/^[0-9a-f]+ <.*>:$/ { fn = $0; sub(/^[0-9a-f]+ </, "", fn); sub(/>:$/, "", fn); next }
	/^ *[0-9a-f]+:\t/ {
		if (skip != "" && fn ~ ("^(" skip ")$")) next
		line = $0
		addr = line; sub(/:.*/, "", addr); gsub(/ /, "", addr)
		insn = line; sub(/^ *[0-9a-f]+:\t/, "", insn)
		ops = insn
		sub(/[ \t]*#.*$/, "", ops)          # objdump comments (addresses, symbols)
		gsub(/<[^>]*>/, "", ops)            # symbol references
		# Skip prefixes to find the mnemonic.
		n = split(ops, w, /[ \t]+/)
		i = 1
		while (i <= n && w[i] ~ /^(lock|rep|repz|repnz|repe|repne|data16|data32|addr16|addr32|notrack|bnd|xacquire|xrelease|cs|ds|es|fs|gs|ss|rex(\.[WRXB]+)?|rex64|\{[a-z0-9]+\})$/) i++
		mn = (i <= n) ? w[i] : ""
		bad = 0
		if (ops ~ /%([xyz]mm[0-9]+|mm[0-7]|k[0-7]|tmm[0-7]|st(\([0-7]\))?)([^a-z0-9]|$)/) bad = 1
		else if (mn ~ /^f/) bad = 1
		else if (mn ~ /^(wait|emms|femms|vzeroupper|vzeroall|v?ldmxcsr|v?stmxcsr|xsave[a-z0-9]*|xrstor[a-z0-9]*|ldtilecfg|sttilecfg|tilerelease)$/) bad = 1
		if (bad && allow != "" && mn ~ ("^(" allow ")$")) bad = 0
		if (bad) {
			where = (member != "" && member != file) ? file "[" member "]" : file
			printf "%s <%s> %s: %s\n", where, fn, addr, insn
		}
	}'
}

check() { # FILE...: 0 if all clean
	status=0
	for f in "$@"; do
		if [ ! -f "$f" ]; then
			echo "check-no-simd: $f: no such file" >&2
			status=1
			continue
		fi
		out=$(scan "$f") || { echo "check-no-simd: $f: objdump failed" >&2; status=1; continue; }
		if [ -n "$out" ]; then
			n=$(printf '%s\n' "$out" | wc -l)
			echo "check-no-simd: $f: $n FPU/SIMD instruction(s):" >&2
			printf '%s\n' "$out" | sed 's/^/  /' >&2
			status=1
		fi
	done
	return $status
}

self_test() { # the checker must reject each kind of FPU/SIMD use and accept ordinary code
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/no-simd.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	cat > "$tmp/bad.s" <<'EOF'
	.text
	.globl sse, avx, x87, x87mem, avx512, mmx, mxcsr, xstate
sse:	movaps %xmm0, %xmm1
	ret
avx:	vzeroupper
	ret
x87:	fld1
	ret
x87mem:	fnstcw (%rax)
	ret
avx512:	kmovw %k1, %k2
	vaddps %zmm1, %zmm2, %zmm3
	ret
mmx:	emms
	movq %mm0, %mm1
	ret
mxcsr:	ldmxcsr (%rax)
	ret
xstate:	fxsave (%rax)
	xsave (%rax)
	ret
EOF
	cat > "$tmp/good.s" <<'EOF'
	.text
	.globl good
good:	mfence
	lfence
	sfence
	pause
	crc32l %eax, %ebx
	popcnt %rax, %rbx
	movnti %eax, (%rbx)
	prefetcht0 (%rax)
	clflush (%rax)
	rdrand %rax
	xgetbv
	xsetbv
	lock incl (%rax)
	rep movsb
	vmcall
	vmlaunch
	vmresume
	vmread %rax, %rbx
	vmwrite %rax, %rbx
	vmptrld (%rax)
	vmxon (%rax)
	vmxoff
	invept (%rax), %rbx
	vmrun
	vmmcall
	vmload
	vmsave
	stgi
	clgi
	call xmm_named_function
	ret
xmm_named_function:
	ret
EOF
	as --64 -o "$tmp/bad.o" "$tmp/bad.s"
	as --64 -o "$tmp/good.o" "$tmp/good.s"
	ar rcs "$tmp/libmixed.a" "$tmp/good.o" "$tmp/bad.o"
	fail=0
	expect=11 # offending instructions in bad.s
	got=$(scan "$tmp/bad.o" | wc -l)
	[ "$got" -eq "$expect" ] || { echo "self-test: bad.o: $got of $expect flagged:"; scan "$tmp/bad.o"; fail=1; }
	for fn in sse avx x87 x87mem avx512 mmx mxcsr xstate; do
		scan "$tmp/bad.o" | grep -q "<$fn>" || { echo "self-test: <$fn> not flagged"; fail=1; }
	done
	if check "$tmp/bad.o" 2>/dev/null; then echo "self-test: bad.o accepted"; fail=1; fi
	if ! check "$tmp/good.o"; then echo "self-test: good.o rejected"; fail=1; fi
	if check "$tmp/libmixed.a" 2>/dev/null; then echo "self-test: archive with bad.o accepted"; fail=1; fi
	scan "$tmp/libmixed.a" | grep -q 'libmixed.a\[bad.o\] <sse>' ||
		{ echo "self-test: archive member not named"; fail=1; }
	allow='fxsave|xsave'
	got=$(scan "$tmp/bad.o" | wc -l)
	allow=''
	[ "$got" -eq $((expect - 2)) ] || { echo "self-test: --allow did not apply ($got)"; fail=1; }
	skip='sse|avx'
	got=$(scan "$tmp/bad.o" | wc -l)
	skip=''
	[ "$got" -eq $((expect - 2)) ] || { echo "self-test: --skip-func did not apply ($got)"; fail=1; }
	if [ $fail -eq 0 ]; then
		echo "check-no-simd: self-test passed ($expect FPU/SIMD instructions caught, clean code accepted)"
	fi
	return $fail
}

while [ $# -gt 0 ]; do
	case $1 in
	--self-test) self_test; exit ;;
	--allow) allow=$2; shift 2 ;;
	--skip-func) skip=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "usage: $0 [--allow REGEX] [--skip-func REGEX] FILE... | --self-test" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--allow REGEX] [--skip-func REGEX] FILE... | --self-test" >&2; exit 2; }
check "$@" && echo "check-no-simd: no FPU/SIMD instructions in: $*"
