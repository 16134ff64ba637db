/* SPDX-License-Identifier: BSD-2-Clause */
/* The 256 IDT entry stubs: each pushes an error code (0 where the CPU gives none, SDM 6.13)
 * and its vector, then the general registers, and calls guest_trap_dispatch(frame). */

/* Vectors for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
		      (v) == 29 || (v) == 30)

	.section .text
	.balign 16
	.globl guest_trap_stubs
guest_trap_stubs:
	.set vec, 0
	.rept 256
	.balign 16 /* each stub is 16 bytes: the IDT code finds stub v at guest_trap_stubs + 16 v */
	.if !HAS_ERROR(vec)
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.set vec, vec + 1
	.endr

trap_common:
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, %rdi /* struct trap_frame *; 16-byte aligned here (176 bytes pushed in all) */
	cld
	call guest_trap_dispatch
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
	add $16, %rsp /* vector and error code */
	iretq

	.section .note.GNU-stack, "", @progbits
