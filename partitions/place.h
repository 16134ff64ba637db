/* SPDX-License-Identifier: BSD-2-Clause */
/* Placing partitions in host memory and loading their images (partitions/place.c). */
#ifndef BULKHEAD_PLACE_H
#define BULKHEAD_PLACE_H

#include <stdbool.h>

#include "boot_bundle.h"
#include "partition.h"

/* Every memory region of p->cfg gets host memory; false (logged) when a fixed one is not free. */
bool part_place(struct partition *p);
/* Copies the raw64 image to its entry, writes the boot area, fills @boot. False: logged. */
bool part_load_raw64(struct partition *p, const struct boot_bundle *b, struct vcpu_boot *boot);

#endif
