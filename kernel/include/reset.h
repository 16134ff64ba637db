/* SPDX-License-Identifier: BSD-2-Clause */
/* Resetting the whole machine: a partition's "reset-system" fault policy. */
#ifndef BULKHEAD_RESET_H
#define BULKHEAD_RESET_H

/* Logs who asked, then resets through the chipset; never returns. */
_Noreturn void machine_reset(const char *who);

#endif
