/* SPDX-License-Identifier: BSD-2-Clause */
/* The L2 test bodies: each does one thing and ends with VMCALL (RAX = L2_DONE), which always
 * exits (SDM 25.1.2); the labels let L1 check the RIP an exit reports. */

#include "l1vmx.h"

.macro done
	mov	$L2_DONE, %eax
	vmcall
	ud2 /* L1 never resumes L2 past its final VMCALL */
.endm

	.section .text
	.globl l2_done, l2_cpuid, l2_hlt, l2_io_out, l2_io_in, l2_io_open, l2_rdmsr, l2_wrmsr
	.globl l2_read, l2_write, l2_write32, l2_ud, l2_vmread, l2_vmwrite, l2_spin, l2_spin_end

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
	done

/* IN AL from L2_PORT_IN; the byte in R8. */
l2_io_in:
	inb	$L2_PORT_IN, %al
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

/* A read of [RDI] into R8. */
l2_read:
	mov	(%rdi), %rax
	mov	%rax, %r8
	done

/* A write of RSI to [RDI]; ESI alone (a 32-bit register such as the APIC's ICR). */
l2_write:
	mov	%rsi, (%rdi)
	done

l2_write32:
	movl	%esi, (%rdi)
	done

/* PAUSE RCX times: instructions in which a pending event is taken at the latest. */
l2_spin:
	pause
	loop	l2_spin
	done
l2_spin_end:

l2_ud:
	ud2
	done

/* VMREAD of field RCX into R8; VMWRITE of RDX to field RCX (VMCS shadowing). */
l2_vmread:
	vmread	%rcx, %r8
	done

l2_vmwrite:
	vmwrite	%rdx, %rcx
	done

	.section .note.GNU-stack, "", @progbits
