/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the L1 test hypervisor runs: under Bulkhead (hypercalls) or natively (COM1, port 0xf4). */
#ifndef L1_PLATFORM_H
#define L1_PLATFORM_H

extern const char l1_platform_name[];
void l1_platform_init(void); /* first thing guest_main does: the console works after it */

#endif
