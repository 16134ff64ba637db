/* SPDX-License-Identifier: BSD-2-Clause */
/* VMRUN for the L1 test hypervisor: L2's general registers in, VMRUN, L2's registers out. */

/* struct l2_regs (l1.h) offsets */
#define R_RBX 0
#define R_RCX 8
#define R_RDX 16
#define R_RSI 24
#define R_RDI 32
#define R_RBP 40
#define R_R8  48
#define R_R9  56
#define R_R10 64
#define R_R11 72
#define R_R12 80
#define R_R13 88
#define R_R14 96
#define R_R15 104

	.section .text
	.globl l1_vmrun
/* void l1_vmrun(uint64_t vmcb_pa (RDI), struct l2_regs *regs (RSI)) */
l1_vmrun:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rsi /* regs, found again on the stack after the exit (VMRUN restores RSP) */
	mov	%rdi, %rax
	mov	R_RBX(%rsi), %rbx
	mov	R_RCX(%rsi), %rcx
	mov	R_RDX(%rsi), %rdx
	mov	R_RDI(%rsi), %rdi
	mov	R_RBP(%rsi), %rbp
	mov	R_R8(%rsi), %r8
	mov	R_R9(%rsi), %r9
	mov	R_R10(%rsi), %r10
	mov	R_R11(%rsi), %r11
	mov	R_R12(%rsi), %r12
	mov	R_R13(%rsi), %r13
	mov	R_R14(%rsi), %r14
	mov	R_R15(%rsi), %r15
	mov	R_RSI(%rsi), %rsi
	vmrun	%rax
	/* #VMEXIT: RAX, RSP, RIP are L1's again (APM 15.6); the rest still hold L2's values. */
	xchg	(%rsp), %rsi
	mov	%rbx, R_RBX(%rsi)
	mov	%rcx, R_RCX(%rsi)
	mov	%rdx, R_RDX(%rsi)
	mov	%rdi, R_RDI(%rsi)
	mov	%rbp, R_RBP(%rsi)
	mov	%r8, R_R8(%rsi)
	mov	%r9, R_R9(%rsi)
	mov	%r10, R_R10(%rsi)
	mov	%r11, R_R11(%rsi)
	mov	%r12, R_R12(%rsi)
	mov	%r13, R_R13(%rsi)
	mov	%r14, R_R14(%rsi)
	mov	%r15, R_R15(%rsi)
	pop	%rax
	mov	%rax, R_RSI(%rsi)
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.section .note.GNU-stack, "", @progbits
