// SPDX-License-Identifier: BSD-2-Clause
// Where a multiboot2 image's modules go: page-aligned, above the kernel, in the partition's RAM.

#include <stdio.h>
#include <string.h>

#include "mb_info.h"

#define MOD_PAGE    0x1000ULL
#define LIMIT_32BIT (1ULL << 32) /* module tags carry 32-bit addresses (Multiboot2 3.6.6) */

#define FAIL(err, errlen, ...) \
	((err) ? (void)snprintf((err), (errlen), __VA_ARGS__) : (void)0, false)

static uint64_t page_up(uint64_t n)
{
	return (n + MOD_PAGE - 1) & ~(MOD_PAGE - 1);
}

/* Lowest page-aligned start >= @from where @size bytes fit inside one RAM entry of the map
 * (the map leaves out the firmware area and anything that is not the partition's), below
 * 4 GiB. False when no entry has room. */
static bool lowest_fit(const struct part_fw *fw, uint64_t from, uint64_t size, uint64_t *out)
{
	bool found = false;

	for (size_t i = 0; i < fw->nmap; i++) {
		const struct fw_map_entry *e = &fw->map[i];
		uint64_t start = page_up(e->base > from ? e->base : from);
		uint64_t end = e->base + e->size < LIMIT_32BIT ? e->base + e->size : LIMIT_32BIT;

		if (e->type != FW_MEM_RAM || start >= end || size > end - start)
			continue;
		if (!found || start < *out)
			*out = start;
		found = true;
	}
	return found;
}

bool mb_modules_place(const struct part_fw *fw, uint64_t above, struct mb_module *mods, size_t n,
		      char *err, size_t errlen)
{
	uint64_t cursor = page_up(above);

	if (above > LIMIT_32BIT)
		return FAIL(err, errlen,
			    "the kernel ends at 0x%lx, above 4 GiB: no room for modules",
			    (unsigned long)above);
	for (size_t i = 0; i < n; i++) {
		if (!lowest_fit(fw, cursor, mods[i].size, &mods[i].gpa))
			return FAIL(
			    err, errlen,
			    "module %lu (%s, %lu bytes) does not fit in the partition's RAM "
			    "between 0x%lx and 4 GiB",
			    (unsigned long)i, mods[i].string, (unsigned long)mods[i].size,
			    (unsigned long)cursor);
		/* The next module starts on the page after this one, even when this one is empty. */
		cursor = page_up(mods[i].gpa + mods[i].size + (mods[i].size == 0));
	}
	return true;
}
