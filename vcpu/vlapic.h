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

/* INIT (@init) or reset of @v, on its own CPU, before guest code runs again: the shadows return
 * to their power-up values, then lapic_guest_reset() resets the physical APIC. INIT keeps
 * x2APIC mode; a reset returns to xAPIC. */
void vlapic_reset(struct vcpu *v, bool init);

/* Whether partitions are offered x2APIC (CPUID.1:ECX[21]): where Bulkhead runs the physical
 * APICs in x2APIC mode, so that the registers a partition owns can pass through. */
bool vlapic_x2apic_offered(void);

/* @v enters (@on) or leaves x2APIC mode: its x2APIC MSRs pass through or exit accordingly. */
void vlapic_x2apic_switch(struct vcpu *v, bool on);

/* An exit on x2APIC MSR @index (0x800-0x8ff). True: handled (a read fills *@val). False:
 * the access raises #GP, as on hardware (xAPIC mode, read-only or absent register, reserved
 * bits). */
bool vlapic_x2apic_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val);

/* Vector @vector raised on @t's core as a fixed IPI (channel doorbells, intra-partition IPIs). */
void vlapic_raise(struct vcpu *t, uint8_t vector);

/* IPIs this partition had refused so far. */
uint32_t vlapic_refused(const struct partition *p);

#endif
