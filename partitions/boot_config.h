// SPDX-License-Identifier: BSD-2-Clause
// Boot-time loading of the partition description handed over as a multiboot2 module.
#ifndef BULKHEAD_BOOT_CONFIG_H
#define BULKHEAD_BOOT_CONFIG_H

#include "mb2.h"
#include "virt_caps.h"

/*
 * Finds the description (a module whose name ends in ".dtb"), checks it against this machine
 * (ACPI CPUs, memory map, what the hypervisor holds, the CPU vendor) and prints the partition
 * table. Any error: prints every one and panics rather than run an unsafe split. No description:
 * warns and returns.
 */
void boot_config_load(const struct mb2_info *mb, const struct virt_caps *caps);

#endif
