// SPDX-License-Identifier: BSD-2-Clause
// A partition's firmware area placement and its memory map: its own regions, nothing else.

#include "memmap.h"

static bool writable(const struct cfg_mem *m)
{
	return (m->rights & CFG_W) != 0;
}

static bool covers(const struct cfg_mem *m, uint64_t base, uint64_t end)
{
	return m->gpa <= base && end - m->gpa <= m->size;
}

/* The lowest writable region that can hold a whole area, or NULL. */
static const struct cfg_mem *lowest_writable(const struct cfg_mem *mem, size_t nmem)
{
	const struct cfg_mem *best = NULL;

	for (size_t i = 0; i < nmem; i++)
		if (writable(&mem[i]) && mem[i].size >= FW_AREA_SIZE &&
		    (!best || mem[i].gpa < best->gpa))
			best = &mem[i];
	return best;
}

bool fw_area_place(const struct cfg_mem *mem, size_t nmem, uint64_t *gpa, uint64_t *size)
{
	const struct cfg_mem *low;

	for (size_t i = 0; i < nmem; i++) {
		if (writable(&mem[i]) && covers(&mem[i], FW_BIOS_AREA, FW_BIOS_END)) {
			*gpa = FW_BIOS_AREA;
			*size = FW_BIOS_END - FW_BIOS_AREA;
			return true;
		}
	}
	low = lowest_writable(mem, nmem);
	if (!low)
		return false;
	*gpa = low->gpa + low->size - FW_AREA_SIZE;
	*size = FW_AREA_SIZE;
	return true;
}

struct map {
	struct fw_map_entry *e;
	size_t n, max;
	bool full;
};

static void add(struct map *m, uint64_t base, uint64_t end, uint32_t type)
{
	if (base >= end)
		return;
	if (m->n == m->max) {
		m->full = true;
		return;
	}
	m->e[m->n++] = (struct fw_map_entry){base, end - base, type};
}

/* A region without the part the firmware area takes: up to two pieces. */
static void add_region(struct map *m, const struct cfg_mem *r, uint64_t area, uint64_t area_end)
{
	uint64_t end = r->gpa + r->size;
	uint32_t type = writable(r) ? FW_MEM_RAM : FW_MEM_RESERVED;

	add(m, r->gpa, end < area ? end : area, type);
	add(m, r->gpa > area_end ? r->gpa : area_end, end, type);
}

static void sort(struct fw_map_entry *e, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct fw_map_entry k = e[i];
		size_t j = i;

		for (; j > 0 && e[j - 1].base > k.base; j--)
			e[j] = e[j - 1];
		e[j] = k;
	}
}

/* Touching entries of one type become one; returns the new count. */
static size_t merge(struct fw_map_entry *e, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		struct fw_map_entry *last = out ? &e[out - 1] : NULL;

		if (last && last->type == e[i].type && last->base + last->size == e[i].base)
			last->size += e[i].size;
		else
			e[out++] = e[i];
	}
	return out;
}

int fw_memmap_build(const struct cfg_mem *mem, size_t nmem, uint64_t area_gpa, uint64_t area_size,
		    uint64_t acpi_size, struct fw_map_entry *out, size_t max)
{
	struct map m = {out, 0, max, false};
	uint64_t area_end = area_gpa + area_size;
	uint64_t acpi_end = area_gpa + (acpi_size < area_size ? acpi_size : area_size);

	for (size_t i = 0; i < nmem; i++)
		add_region(&m, &mem[i], area_gpa, area_end);
	add(&m, area_gpa, acpi_end, FW_MEM_ACPI);
	add(&m, acpi_end, area_end, FW_MEM_RESERVED);
	if (m.full)
		return -1;
	sort(out, m.n);
	return (int)merge(out, m.n);
}
