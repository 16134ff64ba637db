// SPDX-License-Identifier: BSD-2-Clause
// I/O and MSR permission maps (APM Vol. 2, 15.10.1 and 15.11): intercept all, open the owned.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "msr_allow.h"
#include "svm.h"

/* The three MSR ranges the map covers, 2 bits (read, write) per MSR (Table 15-5). */
struct msrpm_range {
	uint32_t first;
	uint32_t byte_offset;
};

static const struct msrpm_range msrpm_ranges[] = {
    {0x00000000, 0x0000},
    {0xc0000000, 0x0800},
    {0xc0010000, 0x1000},
};

#define MSRPM_RANGE_MSRS 0x2000

#define MSRPM_READ  1U /* per MSR: bit 2n intercepts reads, bit 2n + 1 writes */
#define MSRPM_WRITE 2U

void svm_msrpm_set(uint8_t *map, uint32_t msr, bool read, bool write)
{
	for (size_t i = 0; i < sizeof(msrpm_ranges) / sizeof(msrpm_ranges[0]); i++) {
		uint32_t n = msr - msrpm_ranges[i].first;
		uint8_t *b = &map[msrpm_ranges[i].byte_offset + n / 4];
		unsigned int shift = (n % 4) * 2;

		if (msr < msrpm_ranges[i].first || n >= MSRPM_RANGE_MSRS)
			continue;
		*b = (uint8_t)((*b & ~(3U << shift)) |
			       ((read ? MSRPM_READ : 0) | (write ? MSRPM_WRITE : 0)) << shift);
	}
}

uint64_t svm_msrpm_build(void)
{
	uint8_t *map = page_alloc(MSRPM_SIZE, PAGE_SIZE);

	memset(map, 0xff, MSRPM_SIZE);
	for (size_t i = 0; i < msr_allow_count; i++)
		svm_msrpm_set(map, msr_allow[i], false, false);
	return (uint64_t)map;
}

void svm_iopm_open(uint8_t *map, uint64_t base, uint64_t size)
{
	for (uint64_t port = base; port < base + size && port < CFG_IO_LIMIT; port++)
		map[port / 8] &= (uint8_t) ~(1U << (port % 8));
}

/* Owned ports pass through; the virtual UART and every unowned port exit to Bulkhead. */
uint64_t svm_iopm_build(const struct cfg_partition *c)
{
	uint8_t *map = page_alloc(IOPM_SIZE, PAGE_SIZE);

	memset(map, 0xff, IOPM_SIZE);
	for (size_t i = 0; i < c->nioports; i++)
		svm_iopm_open(map, c->ioport[i].base, c->ioport[i].size);
	if (c->console == CFG_CONSOLE_PASSTHROUGH)
		svm_iopm_open(map, c->console_port, CFG_UART_PORTS);
	return (uint64_t)map;
}
