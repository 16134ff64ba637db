// SPDX-License-Identifier: BSD-2-Clause
// Boot-time loading of the partition description handed over as a multiboot2 module.
#ifndef BULKHEAD_BOOT_CONFIG_H
#define BULKHEAD_BOOT_CONFIG_H

#include "boot_bundle.h"
#include "mb2.h"
#include "virt_caps.h"

/*
 * Takes the description of a verified bundle (the first whose cpu-vendor is this CPU's, else the
 * first), checks it against this machine (ACPI CPUs, memory map, what the hypervisor holds, the
 * CPU vendor) and prints the partition table. Any error: prints every one and panics rather than
 * run an unsafe split. No bundle: warns and returns.
 */
void boot_config_load(const struct boot_bundle *bundles, size_t count, const struct mb2_info *mb,
		      const struct virt_caps *caps);

#endif
