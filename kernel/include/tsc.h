/* SPDX-License-Identifier: BSD-2-Clause */
/* Time for the boot path: the TSC frequency, from CPUID where it is stated, else the PIT. */
#ifndef BULKHEAD_TSC_H
#define BULKHEAD_TSC_H

#include <stdint.h>

extern uint64_t tsc_khz;

void tsc_calibrate(void);
uint64_t tsc_deadline_us(uint64_t us);
void udelay(uint64_t us);

#endif
