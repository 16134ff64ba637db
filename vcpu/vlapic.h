/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's view of its cores' local APICs: the trapped xAPIC page and IA32_APIC_BASE. */
#ifndef BULKHEAD_VLAPIC_H
#define BULKHEAD_VLAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"

#define VLAPIC_BASE 0xfee00000ULL /* architectural xAPIC base; relocation is refused */
#define VLAPIC_SIZE 0x1000ULL

/* A nested page fault in [VLAPIC_BASE, +VLAPIC_SIZE): emulates the access. False when the vCPU
 * must stop (part_fault() was called with the reason). Runs on @v's own CPU. */
bool vlapic_mmio(struct vcpu *v, const struct vcpu_exit *e);

/* IA32_APIC_BASE (MSR 0x1b). True: handled (a read fills *@val). False: not this MSR, or a
 * write that would relocate, disable or switch the APIC: the caller injects #GP. */
bool vlapic_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val);

/* INIT or reset of @v, on its own CPU, before guest code runs again: the shadows return to
 * their power-up values, then lapic_guest_reset() resets the physical APIC. */
void vlapic_reset(struct vcpu *v);

/* IPIs this partition had refused so far. */
uint32_t vlapic_refused(const struct partition *p);

#endif
