/* SPDX-License-Identifier: BSD-2-Clause */
/* GDT, TSS and IDT layouts (SDM Vol. 3A, 3.4.5, 7.7, 6.14). */
#ifndef BULKHEAD_DESC_H
#define BULKHEAD_DESC_H

#include <stdint.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "64-bit TSS is 104 bytes");
_Static_assert(__builtin_offsetof(struct tss, ist) == 0x24, "IST1 at 0x24");

/* null, code64, data, code32, then the 16-byte TSS descriptor. */
#define GDT_ENTRIES 6

struct gdt {
	uint64_t entry[GDT_ENTRIES];
} __attribute__((aligned(16)));

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate is 16 bytes");

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

void idt_init(void);
void idt_load(void);

#endif
