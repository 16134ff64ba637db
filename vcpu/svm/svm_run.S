/* SPDX-License-Identifier: BSD-2-Clause */
/* VMRUN with the guest's general-purpose registers; VMLOAD/VMSAVE switch the hidden state. */

/* Offsets in struct vcpu_regs (vcpu/vcpu.h; checked by _Static_assert in svm_ops.c). */
#define R_RBX 8
#define R_RCX 16
#define R_RDX 24
#define R_RSI 32
#define R_RDI 40
#define R_RBP 48
#define R_R8  64
#define R_R9  72
#define R_R10 80
#define R_R11 88
#define R_R12 96
#define R_R13 104
#define R_R14 112
#define R_R15 120

/* Stack after the prologue: 0 host IF, 8 host save pa, 16 vmcb pa, 24 regs. */
#define S_IF   0
#define S_HOST 8
#define S_VMCB 16
#define S_REGS 24

	.text
	.globl svm_vmrun
	.type svm_vmrun, @function
/* void svm_vmrun(struct vcpu_regs *regs, uint64_t vmcb_pa, uint64_t host_save_pa,
 *		   uint64_t host_if) */
svm_vmrun:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi
	push %rsi
	push %rdx
	push %rcx

	/* GIF stays clear until the host's FS/GS (its per-CPU pointer) are back. */
	clgi
	mov S_HOST(%rsp), %rax
	vmsave %rax
	mov S_VMCB(%rsp), %rax
	vmload %rax

	mov S_REGS(%rsp), %rax
	mov R_RBX(%rax), %rbx
	mov R_RCX(%rax), %rcx
	mov R_RDX(%rax), %rdx
	mov R_RSI(%rax), %rsi
	mov R_RDI(%rax), %rdi
	mov R_RBP(%rax), %rbp
	mov R_R8(%rax), %r8
	mov R_R9(%rax), %r9
	mov R_R10(%rax), %r10
	mov R_R11(%rax), %r11
	mov R_R12(%rax), %r12
	mov R_R13(%rax), %r13
	mov R_R14(%rax), %r14
	mov R_R15(%rax), %r15
	/* With V_INTR_MASKING the host's IF masks physical interrupts during the run (APM
	 * 15.21.1): for a nested guest it stands for L1's IF. GIF = 0 holds them until VMRUN. */
	cmpq $0, S_IF(%rsp)
	je 1f
	sti
1:	mov S_VMCB(%rsp), %rax
	vmrun %rax
	cli

	/* #VMEXIT: RAX, RSP, RIP are the host's again; the rest still hold the guest's. */
	mov S_REGS(%rsp), %rax
	mov %rbx, R_RBX(%rax)
	mov %rcx, R_RCX(%rax)
	mov %rdx, R_RDX(%rax)
	mov %rsi, R_RSI(%rax)
	mov %rdi, R_RDI(%rax)
	mov %rbp, R_RBP(%rax)
	mov %r8, R_R8(%rax)
	mov %r9, R_R9(%rax)
	mov %r10, R_R10(%rax)
	mov %r11, R_R11(%rax)
	mov %r12, R_R12(%rax)
	mov %r13, R_R13(%rax)
	mov %r14, R_R14(%rax)
	mov %r15, R_R15(%rax)
	mov S_VMCB(%rsp), %rax
	vmsave %rax
	mov S_HOST(%rsp), %rax
	vmload %rax
	stgi

	add $32, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size svm_vmrun, . - svm_vmrun

	.section .note.GNU-stack, "", @progbits
