/* SPDX-License-Identifier: BSD-2-Clause */
/* Application processor start: real-mode trampoline (copied below 1 MiB) to long mode. */
#include "layout.h"
#include "macros.inc"

#define AP_STACK32_SIZE 64

/*
 * smp.c copies [ap_trampoline_start, ap_trampoline_end) to a page below 1 MiB and points the SIPI
 * vector at it. Only this part has to be position independent: it runs with CS = page >> 4 and
 * leaves real mode for code inside the image at once, so the rest can use absolute addresses.
 */
	.section .rodata
	.code16
	.globl ap_trampoline_start, ap_trampoline_end
ap_trampoline_start:
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	lgdtl	ap_gdtr - ap_trampoline_start
	mov	%cr0, %eax
	or	$CR0_PE, %eax
	mov	%eax, %cr0
	ljmpl	$SEL_CODE32, $ap_start32
	.balign 8
ap_gdtr:
	.word	4 * 8 - 1
	.long	boot_gdt
ap_trampoline_end:

	.section .text.boot, "ax"
	.code32
ap_start32:
	mov	$SEL_DATA, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	/* enter_long_mode32 returns into 64-bit code with lret; APs start one at a time, so one
	 * small stack serves them all until they switch to their own. */
	mov	$(ap_stack32 + AP_STACK32_SIZE), %esp
	mov	$ap_long_entry, %ebx
	jmp	enter_long_mode32

	.code64
ap_long_entry:
	load_flat_segments
	mov	ap_boot_stack(%rip), %rsp
	mov	ap_boot_cpu(%rip), %rdi
	xor	%ebp, %ebp
	call	ap_main
1:	cli
	hlt
	jmp	1b

	.data
	.balign 8
	/* Written by the boot CPU before each INIT-SIPI-SIPI; APs start one at a time. */
	.globl ap_boot_stack, ap_boot_cpu
ap_boot_stack:	.quad 0
ap_boot_cpu:	.quad 0

	.bss
	.balign 16
ap_stack32:	.skip AP_STACK32_SIZE
