/* SPDX-License-Identifier: BSD-2-Clause */
/* Exit handlers shared between the generic vCPU files (vcpu.c, io.c, hypercall.c). */
#ifndef BULKHEAD_VCPU_INTERNAL_H
#define BULKHEAD_VCPU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"

bool vcpu_on_io(struct vcpu *v, const struct vcpu_exit *e);
bool vcpu_on_hypercall(struct vcpu *v, const struct vcpu_exit *e);
bool vcpu_on_msr(struct vcpu *v, const struct vcpu_exit *e);
bool vcpu_on_xsetbv(struct vcpu *v, const struct vcpu_exit *e);

/* Hypercalls of channels and health (vcpu/hypercall_health.c); results as in hypercall.h. */
int64_t hc_channel_info(struct vcpu *v);
int64_t hc_doorbell(struct vcpu *v);
int64_t hc_watchdog_kick(struct vcpu *v);
int64_t hc_health(struct vcpu *v);

/* The trapped xAPIC page (vcpu/vlapic.c): guests keep it at its architectural address. */
#define VLAPIC_BASE 0xfee00000ULL
#define VLAPIC_SIZE 0x1000ULL
bool vlapic_mmio(struct vcpu *v, const struct vcpu_exit *e);
bool vlapic_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val);

#endif
