/* SPDX-License-Identifier: BSD-2-Clause */
/* Exit handlers shared between the generic vCPU files (vcpu.c, io.c, hypercall.c). */
#ifndef BULKHEAD_VCPU_INTERNAL_H
#define BULKHEAD_VCPU_INTERNAL_H

#include <stdbool.h>

#include "vcpu.h"

bool vcpu_on_io(struct vcpu *v, const struct vcpu_exit *e);
bool vcpu_on_hypercall(struct vcpu *v, const struct vcpu_exit *e);

#endif
