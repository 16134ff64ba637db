/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the L1 VMX test hypervisor runs: under Bulkhead (hypercalls) or natively on Bochs. */
#ifndef L1VMX_PLATFORM_H
#define L1VMX_PLATFORM_H

extern const char l1_platform_name[];
void l1_platform_init(void); /* first thing guest_main does: the console works after it */

#endif
