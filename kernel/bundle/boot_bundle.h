// SPDX-License-Identifier: BSD-2-Clause
// Boot-time bundles: every boot module verified on the hypervisor's own copy before any use.
#ifndef BULKHEAD_BOOT_BUNDLE_H
#define BULKHEAD_BOOT_BUNDLE_H

#include "bundle.h"
#include "mb2.h"

struct boot_bundle {
	const char *name; /* the module's command line (its file name) */
	const uint8_t *copy;
	size_t size;
	struct bundle_view view; /* points into copy */
};

/* Built in by the build ($(BUILD)/gen/bundle_keys.c). */
extern const struct bundle_keys bundle_trusted_keys;
extern const uint32_t bundle_min_version;

/*
 * Copy every boot module into page-allocated memory (size bounded first), verify each copy, and
 * fill @out. Any module that is not a bundle that verifies stops the boot (panic with the reason):
 * nothing unverified is ever used. Returns how many bundles there are (0: no module at all).
 */
size_t boot_bundle_load(const struct mb2_info *mb, struct boot_bundle *out, size_t max);

/* `bench=bundle`: time bundle_verify() of @b @runs times with the TSC and print the result. */
void boot_bundle_bench(const struct boot_bundle *b, unsigned runs);

#endif
