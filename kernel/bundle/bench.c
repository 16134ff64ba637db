// SPDX-License-Identifier: BSD-2-Clause
// `bench=bundle`: the cost of verifying a bundle, in TSC cycles (exact under QEMU -icount).

#include "boot_bundle.h"
#include "printk.h"
#include "x86.h"

void boot_bundle_bench(const struct boot_bundle *b, unsigned runs)
{
	struct bundle_view v;
	uint64_t total = 0, t0, per;
	char err[160];

	for (unsigned i = 0; i < runs; i++) {
		t0 = rdtsc();
		if (bundle_verify(b->copy, b->size, &bundle_trusted_keys, bundle_min_version, &v,
				  err, sizeof(err)) != 0) {
			pr_err("bench: bundle-verify failed: %s", err);
			return;
		}
		total += rdtsc() - t0;
	}
	per = total / (runs ? runs : 1);
	per = per ? per : 1;
	/* The signature check dominates, so bytes per cycle is far below 1: print it in millionths
	 * (bytes per million cycles) to keep it exact in integers. */
	pr_info("bench: bundle-verify bytes=%lu cycles=%lu bytes/cycle=%lu.%06lu runs=%u",
		(unsigned long)b->size, (unsigned long)per, (unsigned long)(b->size / per),
		(unsigned long)(b->size * 1000000 / per % 1000000), runs);
}
