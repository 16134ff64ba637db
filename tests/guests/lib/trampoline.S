/* SPDX-License-Identifier: BSD-2-Clause */
/* The application processors' way from the start-up IPI's real mode (SDM 9.4.4) to 64-bit
 * code: copied by smp.c to SMP_TRAMPOLINE, which the SIPI vector points at. Protected mode,
 * PAE, the BSP's CR3, EFER.LME, paging (SDM 9.8.5), then smp.c's ap_entry on its own stack. */

#include "smp.h"

#define GDT_CODE64 0x08 /* the same selectors as Bulkhead's raw64 GDT */
#define GDT_DATA   0x10
#define GDT_CODE32 0x18
#define CR0_PE	   (1 << 0)
#define CR0_BOOT   0x80010033 /* PG WP NE ET MP PE, the raw64 boot state's CR0 */
#define CR4_PAE	   (1 << 5)
#define MSR_EFER   0xc0000080
#define EFER_LME   (1 << 8)
#define EFER_NXE   (1 << 11)
#define AT(sym)	   (SMP_TRAMPOLINE + ((sym) - smp_trampoline))

	.section .rodata, "a"
	.globl smp_trampoline, smp_trampoline_end, smp_tramp_cr3, smp_tramp_stack, smp_tramp_entry
	.code16
smp_trampoline:
	cli
	cld
	mov %cs, %ax
	mov %ax, %ds
	lgdtl tramp_gdtr - smp_trampoline
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	ljmpl $GDT_CODE32, $AT(pm32)

	.code32
pm32:
	mov $GDT_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov AT(smp_tramp_cr3), %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $(EFER_LME | EFER_NXE), %eax
	wrmsr
	mov $CR0_BOOT, %eax
	mov %eax, %cr0
	ljmpl $GDT_CODE64, $AT(lm64)

	.code64
lm64:
	mov AT(smp_tramp_stack), %rsp
	mov AT(smp_tramp_entry), %rax
	xor %ebp, %ebp
	call *%rax
1:	cli
	hlt
	jmp 1b

	.balign 8
tramp_gdt:
	.quad 0
	.quad 0x00af9a000000ffff /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff /* 0x10: flat data */
	.quad 0x00cf9a000000ffff /* 0x18: flat 32-bit code */
tramp_gdtr:
	.word tramp_gdtr - tramp_gdt - 1
	.long AT(tramp_gdt)
	.balign 8
smp_tramp_cr3:	 .quad 0 /* filled in by smp.c before each start-up IPI */
smp_tramp_stack: .quad 0
smp_tramp_entry: .quad 0
smp_trampoline_end:

	.section .note.GNU-stack, "", @progbits
