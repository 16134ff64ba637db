/* SPDX-License-Identifier: BSD-2-Clause */
/* VM entry with the guest's registers, the request check an NMI cannot slip past, the VM exit. */

/* Offsets in struct vcpu_regs (vcpu/vcpu.h; checked by _Static_assert in vmx_ops.c). */
#define R_RAX 0
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

/* Stack after the prologue (and at VM exit: HOST_RSP): 0 launched, 8 requests, 16 regs. */
#define S_LAUNCHED 0
#define S_REQ	   8
#define S_REGS	   16

#define HOST_RSP 0x6c14

/* enum vmx_enter_result (vmx.h) */
#define EXITED	     0
#define PENDING	     1
#define FAIL_INVALID 2
#define FAIL_VALID   3

	.text
	.globl vmx_enter
	.type vmx_enter, @function
/* enum vmx_enter_result vmx_enter(struct vcpu_regs *regs, const uint32_t *requests,
 *                                 bool launched); interrupts are off. */
vmx_enter:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi
	push %rsi
	push %rdx

	mov $HOST_RSP, %eax
	vmwrite %rsp, %rax

	/* From here to the VM entry an NMI goes to vmx_nmi_rewind, which restarts the window at
	 * the request check: a kick posted after the check is seen before entering. Once the
	 * VM entry has begun, the NMI stays pending; with "virtual NMIs" nothing blocks NMIs in
	 * VMX non-root operation (SDM Vol. 3C 26.6.1), so with "NMI exiting" it ends the run
	 * right after the entry. */
	lidt vmx_entry_idtr(%rip)
	.globl vmx_window_start
vmx_window_start:
	mov S_REQ(%rsp), %rax
	cmpl $0, (%rax)
	jne .Lpending
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
	cmpb $0, S_LAUNCHED(%rsp)
	mov R_RAX(%rax), %rax
	jne .Lresume
	vmlaunch
	jmp .Lfailed
.Lresume:
	vmresume
	.globl vmx_window_end
vmx_window_end:
.Lfailed:
	/* Still here: VMfailValid (ZF) or VMfailInvalid (CF) (SDM 31.2). */
	mov $FAIL_VALID, %eax
	jz .Lhost_idt
	mov $FAIL_INVALID, %eax
	jmp .Lhost_idt
.Lpending:
	mov $PENDING, %eax
.Lhost_idt:
	lidt vmx_host_idtr(%rip)
.Lout:
	add $24, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size vmx_enter, . - vmx_enter

/* HOST_RIP: RSP is back at the prologue's frame; every other register still holds the guest's.
 * The exit loaded the host IDTR, so the entry IDT is no longer in use. */
	.globl vmx_exit_entry
	.type vmx_exit_entry, @function
vmx_exit_entry:
	push %rax
	mov S_REGS+8(%rsp), %rax
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
	pop %rbx
	mov %rbx, R_RAX(%rax)
	mov $EXITED, %eax
	jmp .Lout
	.size vmx_exit_entry, . - vmx_exit_entry

/* The entry IDT's NMI gate (IST stack, frame: RIP at 0). Inside the window: back to its start. */
	.globl vmx_nmi_rewind
	.type vmx_nmi_rewind, @function
vmx_nmi_rewind:
	push %rax
	lea vmx_window_start(%rip), %rax
	cmp %rax, 8(%rsp)
	jb 1f
	lea vmx_window_end(%rip), %rax
	cmp %rax, 8(%rsp)
	jae 1f
	lea vmx_window_start(%rip), %rax
	mov %rax, 8(%rsp)
1:	pop %rax
	iretq
	.size vmx_nmi_rewind, . - vmx_nmi_rewind

/* An NMI that caused a VM exit blocks later NMIs until the next IRET, as a delivered one would
 * (SDM Vol. 3C, ch. 25, "NMI exiting"); one IRET to the next instruction ends that, so the next
 * kick still wakes cpu_wait_nmi(). Harmless when nothing is blocked. */
	.globl vmx_unblock_nmi
	.type vmx_unblock_nmi, @function
vmx_unblock_nmi:
	mov %rsp, %rax
	mov %ss, %rcx
	push %rcx
	push %rax
	pushfq
	mov %cs, %rcx
	push %rcx
	lea 1f(%rip), %rcx
	push %rcx
	iretq
1:	ret
	.size vmx_unblock_nmi, . - vmx_unblock_nmi

	.section .note.GNU-stack, "", @progbits
