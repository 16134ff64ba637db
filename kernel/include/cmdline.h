/* SPDX-License-Identifier: BSD-2-Clause */
/* The hypervisor's command line (from GRUB): space-separated key=value options. */
#ifndef BULKHEAD_CMDLINE_H
#define BULKHEAD_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Copies the value of the last "key=value" into buf; a bare "key" yields "". False if absent or
 * the value does not fit (never a silently cut value). */
bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

#endif
