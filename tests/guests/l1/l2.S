/* SPDX-License-Identifier: BSD-2-Clause */
/* The L2 test bodies: each does one thing and ends with VMMCALL (RAX = L2_DONE); the labels
 * let L1 check the RIP an exit reports. Inputs come in the registers L1 gives L2. */

#include "l1.h"

.macro done
	mov	$L2_DONE, %eax
	vmmcall
	ud2 /* L1 never resumes L2 past its final VMMCALL */
.endm

	.section .text
	.globl l2_done, l2_cpuid, l2_hlt, l2_io_out, l2_io_out_next, l2_io_in, l2_io_in_next
	.globl l2_io_open, l2_rdmsr, l2_wrmsr, l2_read, l2_read_resume, l2_write, l2_clgi
	.globl l2_stgi, l2_sti_loop, l2_sti_hlt

l2_done:
	done

/* CPUID of leaf RAX / subleaf RCX; the results in R8-R11 (EAX, EBX, ECX, EDX). */
l2_cpuid:
	cpuid
	mov	%eax, %r8d
	mov	%ebx, %r9d
	mov	%ecx, %r10d
	mov	%edx, %r11d
	done

l2_hlt:
	hlt
	done

/* OUT DX (port), AX (value): a 16-bit write. */
l2_io_out:
	outw	%ax, %dx
l2_io_out_next:
	done

/* IN AL from L2_PORT_IN; the byte in R8. */
l2_io_in:
	inb	$L2_PORT_IN, %al
l2_io_in_next:
	movzbl	%al, %r8d
	done

l2_io_open:
	inb	$L2_PORT_OPEN, %al
	done

/* RDMSR RCX: the value in R8 (EAX) and R9 (EDX). */
l2_rdmsr:
	rdmsr
	mov	%eax, %r8d
	mov	%edx, %r9d
	done

/* WRMSR RCX with EDX:EAX. */
l2_wrmsr:
	wrmsr
	done

/* A read of [RDI] into R8; a #PF handler of L2 resumes at l2_read_resume. */
l2_read:
	mov	(%rdi), %rax
l2_read_resume:
	mov	%rax, %r8
	done

/* A write of RSI to [RDI]. */
l2_write:
	mov	%rsi, (%rdi)
	done

l2_clgi:
	clgi
	done

l2_stgi:
	stgi
	done

/* Interrupts on, then RCX rounds of PAUSE: time for a pending interrupt to arrive. */
l2_sti_loop:
	sti
1:	pause
	dec	%rcx
	jnz	1b
	cli
	done

/* Interrupts on and HLT in STI's shadow: only an interrupt after the HLT wakes it. */
l2_sti_hlt:
	sti
	hlt
	cli
	done

	.section .note.GNU-stack, "", @progbits
