/* SPDX-License-Identifier: BSD-2-Clause */
/* Segment selectors, stack sizes and other layout constants shared by assembly and C. */
#ifndef BULKHEAD_LAYOUT_H
#define BULKHEAD_LAYOUT_H

/* Every GDT (the boot one and each CPU's own) uses the same selectors. */
#define SEL_NULL   0x00
#define SEL_CODE64 0x08
#define SEL_DATA   0x10
#define SEL_CODE32 0x18
#define SEL_TSS	   0x20

#define PAGE_SIZE  4096
#define PAGE_SHIFT 12

#define CPU_STACK_SIZE	(16 * 1024)
#define BOOT_STACK_SIZE CPU_STACK_SIZE /* the boot CPU keeps it as its own */
#define IST_STACK_SIZE	(8 * 1024)

/* Interrupt Stack Table slots (1-based, as the IDT gate encodes them). */
#define IST_NMI	  1
#define IST_DF	  2
#define IST_MC	  3
#define IST_COUNT 3

#define MAX_CPUS 64

/* multiboot2 hand-off (Multiboot2 specification, 3.3 "I386 machine state"). */
#define MB2_HEADER_MAGIC     0xe85250d6
#define MB2_ARCH_I386	     0
#define MB2_BOOTLOADER_MAGIC 0x36d76289

/* Control register and MSR bits the boot path needs before any C runs (hex: valid in both). */
#define CR0_PE	 0x00000001
#define CR0_WP	 0x00010000
#define CR0_PG	 0x80000000
#define CR4_PAE	 0x00000020
#define CR4_PGE	 0x00000080
#define MSR_EFER 0xc0000080
#define EFER_LME 0x00000100
#define EFER_NXE 0x00000800

#endif
