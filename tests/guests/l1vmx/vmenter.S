/* SPDX-License-Identifier: BSD-2-Clause */
/* VM entry for the L1 VMX test hypervisor: L2's general registers in, VMLAUNCH or VMRESUME, and
 * at the VM exit (HOST_RIP) L2's registers out. VMX switches only RSP and RIP (SDM 27.5.3). */

#define HOST_RSP 0x6c14
#define HOST_RIP 0x6c16

/* struct l2_regs (l1vmx.h) offsets */
#define R_RAX 0
#define R_RBX 8
#define R_RCX 16
#define R_RDX 24
#define R_RSI 32
#define R_RDI 40
#define R_RBP 48
#define R_R8  56
#define R_R9  64
#define R_R10 72
#define R_R11 80
#define R_R12 88
#define R_R13 96
#define R_R14 104
#define R_R15 112

#define VMX_FAIL_INVALID 1
#define VMX_FAIL_VALID	 2

	.section .text
	.globl vmx_enter
/* enum vmx_result vmx_enter(int launch (EDI), struct l2_regs *regs (RSI)) */
vmx_enter:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rsi /* regs, found again on the stack after the exit */
	mov	$HOST_RSP, %eax
	vmwrite	%rsp, %rax
	mov	$HOST_RIP, %eax
	lea	vmx_exit(%rip), %rdx
	vmwrite	%rdx, %rax
	/* MOVs leave the flags alone: the test of @launch decides after the registers are in. */
	test	%edi, %edi
	mov	R_RAX(%rsi), %rax
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
	jz	1f
	vmlaunch
	jmp	2f
1:	vmresume
	/* Still here: VMfailInvalid (CF) or VMfailValid (ZF). */
2:	mov	$VMX_FAIL_INVALID, %eax
	jc	3f
	mov	$VMX_FAIL_VALID, %eax
3:	add	$8, %rsp
	jmp	4f

vmx_exit:
	xchg	(%rsp), %rsi
	mov	%rax, R_RAX(%rsi)
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
	xor	%eax, %eax
4:	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.section .note.GNU-stack, "", @progbits
