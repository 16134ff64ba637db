/* SPDX-License-Identifier: BSD-2-Clause */
/* Emulation of one guest instruction that faulted on trapped MMIO: fetch, decode, access, retire. */
#ifndef BULKHEAD_MMIO_H
#define BULKHEAD_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"

/* One access to the emulated registers: @size bytes at @gpa; a read fills *@val. False stops
 * the vCPU; the handler has then reported why (part_fault). */
typedef bool (*mmio_handler_fn)(struct vcpu *v, uint64_t gpa, unsigned int size, bool write,
				uint64_t *val);

/* Emulates the instruction at the guest's RIP that caused the nested page fault @e: the access
 * goes through @handler, a read lands in the guest register, RIP moves past the instruction.
 * False when the vCPU must stop; part_fault() was called with the reason (the instruction
 * bytes when it cannot be emulated). */
bool mmio_emulate(struct vcpu *v, const struct vcpu_exit *e, mmio_handler_fn handler);

/* A gpt_read_fn over the partition @ctx's readable memory: the guest's own page tables are
 * read where the guest can read, nowhere else. */
bool mmio_read_table(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val);

#endif
