/* SPDX-License-Identifier: BSD-2-Clause */
/* Multiboot test guests' entry: 32-bit protected mode to long mode, then guest_main(magic, info).
 * Built twice: MB_PROTO=2 carries a multiboot2 header, MB_PROTO=1 a multiboot (0.6.96) one. */

#define MB2_MAGIC     0xe85250d6
#define MB1_MAGIC     0x1badb002
#define MB1_FLAGS     0x00000003 /* page-aligned modules, memory information */
#define TAG_INFO_REQ  1
#define TAG_END	      0
#define PTE_P_W	      0x003
#define PTE_P_W_PS    0x083 /* 2 MiB page */
#define PAGE	      4096
#define MAP_GIB	      4
#define PD_ENTRIES    (MAP_GIB * 512)
#define CR0_PE_PG     0x80000001
#define CR4_PAE	      0x00000020
#define MSR_EFER      0xc0000080
#define EFER_LME      0x00000100
#define SEL_CODE64    0x08
#define SEL_DATA      0x10
#define STACK_SIZE    16384

	.section .text.start, "ax"
#if MB_PROTO == 2
	/* Multiboot2 3.1: the header, then the boot information this guest checks. */
	.balign 8
mb2_header:
	.long MB2_MAGIC, 0, mb2_header_end - mb2_header
	.long -(MB2_MAGIC + (mb2_header_end - mb2_header))
	.balign 8
mb2_info_req:
	.word TAG_INFO_REQ, 0
	.long mb2_info_req_end - mb2_info_req
	.long 1, 2, 4, 6, 15 /* cmdline, loader name, basic memory, memory map, ACPI new RSDP */
mb2_info_req_end:
	.balign 8
	.word TAG_END, 0
	.long 8
mb2_header_end:
#else
	/* Multiboot 0.6.96 3.1: magic, flags, checksum; no address fields: loaded as ELF. */
	.balign 4
	.long MB1_MAGIC, MB1_FLAGS, -(MB1_MAGIC + MB1_FLAGS)
#endif

	.code32
	.globl _start
_start:
	cli
	mov	%eax, %edi /* magic and boot information: guest_main's arguments */
	mov	%ebx, %esi
	mov	$(stack + STACK_SIZE), %esp

	/* Identity map [0, 4 GiB) with 2 MiB pages: PML4 -> PDPT -> four page directories. */
	mov	$pdpt, %eax
	or	$PTE_P_W, %eax
	mov	%eax, pml4
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$12, %eax
	add	$pd, %eax
	or	$PTE_P_W, %eax
	mov	%eax, pdpt(, %ecx, 8)
	inc	%ecx
	cmp	$MAP_GIB, %ecx
	jb	1b
	xor	%ecx, %ecx
2:	mov	%ecx, %eax
	shl	$21, %eax
	or	$PTE_P_W_PS, %eax
	mov	%eax, pd(, %ecx, 8)
	inc	%ecx
	cmp	$PD_ENTRIES, %ecx
	jb	2b

	mov	$pml4, %eax
	mov	%eax, %cr3
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$MSR_EFER, %ecx /* Bulkhead emulates EFER writes */
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	lgdt	gdt_desc
	mov	%cr0, %eax
	or	$CR0_PE_PG, %eax
	mov	%eax, %cr0
	ljmp	$SEL_CODE64, $long64

	.code64
long64:
	mov	$SEL_DATA, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	$(stack + STACK_SIZE), %rsp
	mov	%edi, %edi /* the upper halves are undefined after the mode switch */
	mov	%esi, %esi
#if MB_PROTO == 2
	mov	%rsi, guest_boot_info(%rip) /* the library's ACPI helpers read multiboot2 tags */
#endif
	call	guest_main
3:	hlt
	jmp	3b

	.section .rodata
	.balign 8
gdt:
	.quad 0
	.quad 0x00af9a000000ffff /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff /* 0x10: flat data */
gdt_end:
gdt_desc:
	.word gdt_end - gdt - 1
	.long gdt

	.section .bss
	.balign PAGE
pml4:	.skip PAGE
pdpt:	.skip PAGE
pd:	.skip MAP_GIB * PAGE
stack:	.skip STACK_SIZE

	.section .note.GNU-stack, "", @progbits
