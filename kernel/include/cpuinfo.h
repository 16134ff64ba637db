/* SPDX-License-Identifier: BSD-2-Clause */
/* Identifies the boot CPU for the banner. */
#ifndef BULKHEAD_CPUINFO_H
#define BULKHEAD_CPUINFO_H

#include "virt_caps.h"

void cpuinfo_report(struct virt_caps *caps);

#endif
