/* SPDX-License-Identifier: BSD-2-Clause */
/* The MSRs every backend lets a partition read and write without an exit. */
#ifndef BULKHEAD_MSR_ALLOW_H
#define BULKHEAD_MSR_ALLOW_H

#include <stddef.h>
#include <stdint.h>

extern const uint32_t msr_allow[];
extern const size_t msr_allow_count;

#endif
