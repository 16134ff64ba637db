// SPDX-License-Identifier: BSD-2-Clause
// Description tests: a valid base .dts, overrides appended to it, the errors as one string.
#ifndef BULKHEAD_CFG_FIXTURE_H
#define BULKHEAD_CFG_FIXTURE_H

#include <stddef.h>

#include "config.h"

/*
 * The base description (two partitions a and b, channel c from a to b), valid on the test
 * machine. dtc merges a later "/ { ... };" block into it, so a test states only its change,
 * using /delete-property/ or /delete-node/ to take something away.
 */
extern const char cfg_base_dts[];

/* APIC IDs 0-3, RAM 0-0x9ffff and 1 MiB-1 GiB, the hypervisor image at 2-3 MiB, SVM. */
extern const struct machine cfg_test_machine;

/* dtc -I dts -O dtb of @src; a malloc'd blob, NULL (and a test failure) if dtc refused. */
void *cfg_dtc(const char *src, size_t *size);

/* Every error of base + @extra checked on @m (NULL: no machine), one "path: prop: msg" per
 * line; "" when the description is accepted. Static buffer. */
const char *cfg_errors(const char *extra, const struct machine *m);

/* The description the last cfg_errors() call built. */
const struct cfg_desc *cfg_last_desc(void);

#define assert_cfg(extra, want)	      assert_string_equal(cfg_errors(extra, NULL), want)
#define assert_cfg_on(extra, m, want) assert_string_equal(cfg_errors(extra, m), want)

#endif
