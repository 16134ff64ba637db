/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMRUN consistency checks of L1's VMCB (AMD APM Vol. 2, 15.5.1) and its permission maps:
 * pure functions over L0's copy, shared by the hypervisor and the host unit tests. */
#ifndef BULKHEAD_NESTED_VMCB12_CHECKS_H
#define BULKHEAD_NESTED_VMCB12_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "svm/vmcb.h"

/* What the checks need to know of the machine and of L1. */
struct vmcb12_env {
	unsigned int phys_bits; /* MAXPHYADDR (CPUID 0x80000008 EAX[7:0]) */
	uint64_t efer_allowed;	/* EFER bits L1 may give its guest */
	uint64_t cr4_allowed;	/* CR4 bits that are not reserved */
	bool npt_offered;	/* CPUID 0x8000000A EDX[0] as L1 sees it */
	/* Whether guest-physical [gpa, gpa + len) lies in L1's readable memory. */
	bool (*in_l1)(const void *ctx, uint64_t gpa, uint64_t len);
	const void *ctx;
};

/* NULL when L0's copy @v12 may run; else the text of the first rule it breaks. */
const char *vmcb12_check(const struct vmcb *v12, const struct vmcb12_env *env);

/* The event of an EVENTINJ field is one the processor could deliver (15.20). */
bool vmcb12_event_valid(uint64_t event_inj);

/* Where L1's maps start: bits 11:0 of the base fields are ignored (15.10.1, 15.11). */
#define VMCB12_MAP_BASE_MASK (~0xfffULL)

/* Permission maps (15.10.1, 15.11): does @map ask for an exit on this access? */
bool iopm_intercepts(const uint8_t *map, uint16_t port, unsigned int size);
bool msrpm_intercepts(const uint8_t *map, uint32_t msr, bool write);
/* @dst = @l0 | @l1 over @len bytes: a bit is open only when both maps open it. */
void permission_map_merge(uint8_t *dst, const uint8_t *l0, const uint8_t *l1, size_t len);

#endif
