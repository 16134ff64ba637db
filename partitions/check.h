// SPDX-License-Identifier: BSD-2-Clause
// Inside the validator: one file per group of rules, and the range arithmetic they share.
#ifndef BULKHEAD_CHECK_H
#define BULKHEAD_CHECK_H

#include "config.h"

void cfg_check_cpus(const struct cfg_desc *desc, struct cfg_diags *d);
void cfg_check_memory(const struct cfg_desc *desc, struct cfg_diags *d);
void cfg_check_ports(const struct cfg_desc *desc, struct cfg_diags *d);
void cfg_check_devices(const struct cfg_desc *desc, struct cfg_diags *d);
void cfg_check_channels(const struct cfg_desc *desc, struct cfg_diags *d);
void cfg_check_reserved(const struct cfg_desc *desc, struct cfg_diags *d);
void cfg_check_policy(const struct cfg_desc *desc, struct cfg_diags *d);
/* Against the machine (partitions/check_pci.c): pci-devices present, DMA, BAR placement. */
void cfg_check_pci_machine(const struct cfg_desc *desc, const struct machine *m,
			   struct cfg_diags *d);

/* Last byte of [base, base + size); size must be non-zero. */
static inline uint64_t range_last(uint64_t base, uint64_t size)
{
	return base + (size - 1);
}

/* base + size does not fit in 64 bits (a range ending exactly at 2^64 is fine). */
static inline bool range_wraps(uint64_t base, uint64_t size)
{
	return size != 0 && range_last(base, size) < base;
}

/* Both ranges non-empty and not wrapping. */
static inline bool ranges_overlap(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return a <= range_last(b, bsize) && b <= range_last(a, asize);
}

static inline bool aligned(uint64_t v, uint64_t align)
{
	return (v & (align - 1)) == 0;
}

/* "/partitions/<name>" and "/partitions/<name>/<memory node>" for messages. */
void cfg_part_path(const struct cfg_partition *p, char *out, size_t size);
void cfg_mem_path(const struct cfg_partition *p, const struct cfg_mem *m, char *out, size_t size);

#endif
