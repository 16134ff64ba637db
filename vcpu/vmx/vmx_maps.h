/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMX MSR and I/O bitmaps of a partition (SDM Vol. 3C, 24.6.4 and 24.6.9). */
#ifndef BULKHEAD_VMX_MAPS_H
#define BULKHEAD_VMX_MAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

#define VMX_MSR_BITMAP_SIZE 4096
#define VMX_IO_BITMAP_SIZE  (2 * 4096) /* A: ports 0-0x7fff, B: 0x8000-0xffff, back to back */
#define VMX_IO_BITMAP_B	    4096

/* All MSRs exit except the shared allow-list (vcpu/msr_allow.c). */
uint64_t vmx_msr_bitmap_build(void);
/* Whether reads and writes of @msr exit, in MSR bitmap @map. */
void vmx_msr_bitmap_set(uint8_t *map, uint32_t msr, bool read, bool write);
/* All ports exit except the partition's own and its passthrough console. */
uint64_t vmx_io_bitmap_build(const struct cfg_partition *c);
/* Opens ports [base, base + size) of a built bitmap (a passed-through function's I/O BARs). */
void vmx_io_bitmap_open(uint8_t *map, uint64_t base, uint64_t size);

#endif
