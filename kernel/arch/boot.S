/* SPDX-License-Identifier: BSD-2-Clause */
/* Multiboot2 entry: from GRUB's 32-bit protected mode to 64-bit long mode on the boot CPU. */
#include "layout.h"
#include "macros.inc"

#define PTE_P  0x001
#define PTE_W  0x002
#define PTE_PS 0x080

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* end tag: type 0, flags 0, size 8 */
	.word 0, 0
	.long 8
mb2_header_end:

	.section .text.boot, "ax"
	.code32
	.globl _start32
_start32:
	cli
	cld
	/* Keep GRUB's hand-off in registers the bss clear below does not use. */
	mov	%eax, %esi
	mov	%ebx, %ebp

	/* GRUB zero-fills the bss, but a chain loader might not: the page tables live there. */
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl

	mov	$(boot_stack + BOOT_STACK_SIZE), %esp
	mov	%esi, mb2_magic
	mov	%ebp, mb2_info_phys

	/* Long mode support: CPUID 0x80000001 EDX bit 29. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	bt	$29, %edx
	jnc	no_long_mode

	/* Identity map the low 4 GiB with 2 MiB pages: enough for the image, the boot information,
	 * the LAPIC and the firmware tables until mm_init() builds the final tables. */
	mov	$boot_pdpt, %eax
	or	$(PTE_P | PTE_W), %eax
	mov	%eax, boot_pml4
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$12, %eax
	add	$boot_pd, %eax
	or	$(PTE_P | PTE_W), %eax
	mov	%eax, boot_pdpt(, %ecx, 8)
	inc	%ecx
	cmp	$4, %ecx
	jne	1b
	xor	%ecx, %ecx
2:	mov	%ecx, %eax
	shl	$21, %eax
	or	$(PTE_P | PTE_W | PTE_PS), %eax
	mov	%eax, boot_pd(, %ecx, 8)
	mov	%ecx, %eax
	shr	$11, %eax		/* upper half of (index << 21) */
	mov	%eax, boot_pd + 4(, %ecx, 8)
	inc	%ecx
	cmp	$2048, %ecx
	jne	2b

	.globl enter_long_mode32
	/* Shared with the APs' 32-bit path: expects the page tables' address in boot_cr3. */
	mov	$boot_pml4, %eax
	mov	%eax, boot_cr3
	mov	$bsp_long_entry, %ebx
	jmp	enter_long_mode32

no_long_mode:
	mov	$msg_no_lm, %esi
	call	early_puts32
3:	hlt
	jmp	3b

/* EBX = 64-bit entry point (below 4 GiB). Uses boot_cr3. */
enter_long_mode32:
	lgdt	boot_gdtr
	mov	%cr4, %eax
	or	$(CR4_PAE | CR4_PGE), %eax
	mov	%eax, %cr4
	mov	boot_cr3, %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PE | CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0
	push	$SEL_CODE64
	push	%ebx
	lret

/* Polled write to COM1: the only way to say why the boot stopped before long mode. */
early_puts32:
	mov	$0x3fd, %dx
1:	in	%dx, %al
	test	$0x20, %al
	jz	1b
	lodsb
	test	%al, %al
	jz	2f
	mov	$0x3f8, %dx
	out	%al, %dx
	jmp	early_puts32
2:	ret

	.code64
bsp_long_entry:
	load_flat_segments
	mov	$(boot_stack + BOOT_STACK_SIZE), %rsp
	xor	%ebp, %ebp		/* terminates stack traces */
	mov	mb2_magic(%rip), %edi
	mov	mb2_info_phys(%rip), %esi
	call	kmain
4:	cli
	hlt
	jmp	4b

	.section .rodata
msg_no_lm:
	.asciz "Bulkhead: this CPU has no long mode (x86-64); stopping.\r\n"

	.balign 8
	.globl boot_gdt
boot_gdt:
	.quad 0				/* SEL_NULL */
	.quad 0x00af9a000000ffff	/* SEL_CODE64: long mode, DPL 0 */
	.quad 0x00cf92000000ffff	/* SEL_DATA */
	.quad 0x00cf9a000000ffff	/* SEL_CODE32: for the APs' 32-bit step */
boot_gdt_end:

	.balign 8
	.globl boot_gdtr
boot_gdtr:
	.word boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	.data
	.globl mb2_magic, mb2_info_phys, boot_cr3
mb2_magic:	.long 0
mb2_info_phys:	.long 0
boot_cr3:	.long 0

	.bss
	.balign 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
boot_pd:	.skip 4 * 4096
	/* Unmapped once the final page tables are up (cpu_setup_stacks): overflow faults. */
	.globl boot_stack_guard, boot_stack
boot_stack_guard: .skip 4096
boot_stack:	.skip BOOT_STACK_SIZE
