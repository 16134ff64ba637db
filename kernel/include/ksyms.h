/* SPDX-License-Identifier: BSD-2-Clause */
/* The image's own function symbols, so stack traces name functions (generated at link time). */
#ifndef BULKHEAD_KSYMS_H
#define BULKHEAD_KSYMS_H

#include <stddef.h>
#include <stdint.h>

struct ksym {
	uint64_t addr;
	const char *name;
};

/* Sorted by address; tools/build/ksyms.sh writes them from the first link pass. */
const struct ksym *ksym_lookup(const struct ksym *table, size_t count, uint64_t addr);

#endif
