/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the L1 VMX test hypervisor runs: under Bulkhead (hypercalls) or natively on Bochs. */
#ifndef L1VMX_PLATFORM_H
#define L1VMX_PLATFORM_H

#include <stdint.h>

extern const char l1_platform_name[];
void l1_platform_init(void);
/* The end of the partition's memory (it starts at guest-physical 0); 0 natively, where no
 * bound but MAXPHYADDR exists (hostile.c). */
extern uint64_t l1_partition_end; /* first thing guest_main does: the console works after it */

#endif
