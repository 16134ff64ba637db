// SPDX-License-Identifier: BSD-2-Clause
// MSR and I/O bitmaps (SDM Vol. 3C, 24.6.4, 24.6.9): every bit set exits; open the allowed.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "msr_allow.h"
#include "vmx_maps.h"

/* Four 1 KiB quarters: read low, read high, write low, write high MSRs (24.6.9). */
#define MSR_LOW_FIRST	   0x00000000U
#define MSR_HIGH_FIRST	   0xc0000000U
#define MSR_RANGE_MSRS	   0x2000U
#define MSR_READ_LOW	   0x000
#define MSR_READ_HIGH	   0x400
#define MSR_WRITE_DISTANCE 0x800 /* write bitmaps follow the read bitmaps */

static void clear_bit(uint8_t *map, uint32_t bit)
{
	map[bit / 8] &= (uint8_t) ~(1U << (bit % 8));
}

static void put_bit(uint8_t *map, uint32_t bit, bool set)
{
	if (set)
		map[bit / 8] |= (uint8_t)(1U << (bit % 8));
	else
		clear_bit(map, bit);
}

void vmx_msr_bitmap_set(uint8_t *map, uint32_t msr, bool read, bool write)
{
	uint32_t base;

	if (msr - MSR_LOW_FIRST < MSR_RANGE_MSRS)
		base = MSR_READ_LOW;
	else if (msr - MSR_HIGH_FIRST < MSR_RANGE_MSRS)
		base = MSR_READ_HIGH;
	else
		return; /* outside both ranges: always exits */
	put_bit(map + base, msr & (MSR_RANGE_MSRS - 1), read);
	put_bit(map + base + MSR_WRITE_DISTANCE, msr & (MSR_RANGE_MSRS - 1), write);
}

uint64_t vmx_msr_bitmap_build(void)
{
	uint8_t *map = page_alloc(VMX_MSR_BITMAP_SIZE, PAGE_SIZE);

	memset(map, 0xff, VMX_MSR_BITMAP_SIZE);
	for (size_t i = 0; i < msr_allow_count; i++)
		vmx_msr_bitmap_set(map, msr_allow[i], false, false);
	return (uint64_t)map;
}

void vmx_io_bitmap_open(uint8_t *map, uint64_t base, uint64_t size)
{
	for (uint64_t port = base; port < base + size && port < CFG_IO_LIMIT; port++)
		clear_bit(map, (uint32_t)port);
}

/* Bitmap B directly follows A, so one bit index per port covers both (ports 0x8000+ land in B). */
uint64_t vmx_io_bitmap_build(const struct cfg_partition *c)
{
	uint8_t *map = page_alloc(VMX_IO_BITMAP_SIZE, PAGE_SIZE);

	memset(map, 0xff, VMX_IO_BITMAP_SIZE);
	for (size_t i = 0; i < c->nioports; i++)
		vmx_io_bitmap_open(map, c->ioport[i].base, c->ioport[i].size);
	if (c->console == CFG_CONSOLE_PASSTHROUGH)
		vmx_io_bitmap_open(map, c->console_port, CFG_UART_PORTS);
	return (uint64_t)map;
}
