// SPDX-License-Identifier: BSD-2-Clause
// Address-to-symbol lookup; pure, so the host tests can check it on a table of their own.

#include "ksyms.h"

/* The symbol containing addr: the last one at or below it (binary search). */
const struct ksym *ksym_lookup(const struct ksym *table, size_t count, uint64_t addr)
{
	size_t lo = 0, hi = count;

	if (count == 0 || addr < table[0].addr)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return &table[lo];
}
