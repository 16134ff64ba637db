// SPDX-License-Identifier: BSD-2-Clause
// The memory map as comments (usable RAM, and every firmware region by name), the firmware
// regions again as /reserved nodes the validator checks partitions against, and the first
// partition's memory: most of the largest usable range, the rest left to the hypervisor.

#include <string.h>

#include "inspect.h"

#define MIB	     (1024ULL * 1024)
#define LOW_MEM_END  MIB	  /* the first MiB: real-mode structures, never a partition's */
#define PLACE_ALIGN  (2 * MIB)	  /* Bulkhead places partition memory on 2 MiB boundaries, */
#define GIB	     (1024 * MIB) /* and regions of 1 GiB or more on 1 GiB boundaries */
#define HV_RESERVE   (64 * MIB)	  /* at least this stays for the hypervisor's image and bundles */
#define HV_SHARE_DIV 4		  /* ... or a quarter of the range, if that is more */
#define MAX_RESERVED 32		  /* CFG_MAX_RESERVED: /reserved nodes a description may have */

static const char *why(const struct mem_range *m)
{
	if (mem_is_ram(m))
		return m->end < LOW_MEM_END ? "usable, below 1 MiB (not for partitions)" : "usable";
	if (!strcmp(m->type, "ACPI Tables"))
		return "firmware: ACPI tables, reclaimable by the OS only";
	if (!strcmp(m->type, "ACPI Non-volatile Storage"))
		return "firmware: ACPI NVS, never touched";
	if (!strcmp(m->type, "Persistent Memory") || !strcmp(m->type, "Persistent Memory (legacy)"))
		return "persistent memory: not placed by Bulkhead";
	if (!strcmp(m->type, "Unusable memory"))
		return "defective: never used";
	return "firmware: reserved, never a partition's memory or mmio";
}

void emit_memmap(FILE *f, const struct board *b)
{
	fprintf(f, "\t * Memory map (%s):\n", b->memmap_source[0] ? b->memmap_source : "none");
	for (size_t i = 0; i < b->nmem; i++)
		fprintf(f, "\t *   0x%016llx-0x%016llx %-26s %s\n",
			(unsigned long long)b->mem[i].start, (unsigned long long)b->mem[i].end,
			b->mem[i].type, why(&b->mem[i]));
}

/* The node name's stem for a firmware range: what the memory map calls it, in dts spelling. */
static const char *reserved_stem(const struct mem_range *m)
{
	if (!strcmp(m->type, "ACPI Tables"))
		return "acpi-tables";
	if (!strcmp(m->type, "ACPI Non-volatile Storage"))
		return "acpi-nvs";
	if (!strncmp(m->type, "Persistent Memory", strlen("Persistent Memory")))
		return "pmem";
	if (!strcmp(m->type, "Unusable memory"))
		return "unusable";
	return "firmware";
}

static void cells64(FILE *f, const char *prop, uint64_t v)
{
	fprintf(f, "%s = <0x%llx 0x%llx>;", prop, (unsigned long long)(v >> 32),
		(unsigned long long)(v & 0xffffffff));
}

void emit_reserved(FILE *f, const struct board *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nmem; i++)
		n += !mem_is_ram(&b->mem[i]);
	if (!n)
		return;
	fprintf(
	    f, "\t/* The memory map's firmware ranges: no partition's host-address memory or mmio\n"
	       "\t * may touch one (bulkhead-mkimage check and the boot refuse it). */\n"
	       "\treserved {\n");
	n = 0;
	for (size_t i = 0; i < b->nmem; i++) {
		const struct mem_range *m = &b->mem[i];

		if (mem_is_ram(m))
			continue;
		if (n++ == MAX_RESERVED) {
			fprintf(f,
				"\t\t/* TODO: more firmware ranges than /reserved takes (%d): "
				"keep the others clear by hand (the memory map above) */\n",
				MAX_RESERVED);
			break;
		}
		fprintf(f, "\t\t%s@%llx {\t\t/* %s */\n\t\t\t", reserved_stem(m),
			(unsigned long long)m->start, m->type);
		cells64(f, "address", m->start);
		fprintf(f, "\n\t\t\t");
		cells64(f, "size", m->end - m->start + 1);
		fprintf(f, "\n\t\t};\n");
	}
	fprintf(f, "\t};\n\n");
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* The placeable part of RAM range @m: above the first MiB, from an @align boundary. */
static uint64_t placeable(const struct mem_range *m, uint64_t align)
{
	uint64_t lo = align_up(m->start < LOW_MEM_END ? LOW_MEM_END : m->start, align);
	uint64_t hi = (m->end + 1) & ~(PLACE_ALIGN - 1);

	return m->end + 1 > m->end && hi > lo ? hi - lo : 0;
}

/* @want, shrunk until a region that large can be placed in @m at Bulkhead's alignment. */
static uint64_t fit(const struct mem_range *m, uint64_t want)
{
	uint64_t room = placeable(m, GIB);

	if (want < GIB || want <= room)
		return want;
	return room >= GIB ? room : GIB - PLACE_ALIGN;
}

uint64_t propose_memory(const struct board *b, const struct mem_range **from)
{
	uint64_t best = 0, keep;

	*from = NULL;
	for (size_t i = 0; i < b->nmem; i++)
		if (mem_is_ram(&b->mem[i]) && placeable(&b->mem[i], PLACE_ALIGN) > best) {
			best = placeable(&b->mem[i], PLACE_ALIGN);
			*from = &b->mem[i];
		}
	keep = best / HV_SHARE_DIV > HV_RESERVE ? best / HV_SHARE_DIV : HV_RESERVE;
	return best > keep ? fit(*from, (best - keep) & ~(PLACE_ALIGN - 1)) : 0;
}

void emit_memory(FILE *f, const struct board *b)
{
	const struct mem_range *from;
	uint64_t size = propose_memory(b, &from);

	fprintf(f, "\t\t\tmemory@0 {\n\t\t\t\tguest-address = <0x0>;\n");
	if (size) {
		fprintf(f,
			"\t\t\t\t/* %llu MiB of the %llu MiB of RAM at %#llx-%#llx, placed by "
			"Bulkhead;\n\t\t\t\t * the rest stays for the hypervisor and the other "
			"partitions */\n",
			(unsigned long long)(size / MIB),
			(unsigned long long)((from->end - from->start + 1) / MIB),
			(unsigned long long)from->start, (unsigned long long)from->end);
		fprintf(f, "\t\t\t\tsize = <0x%llx 0x%llx>;\n", (unsigned long long)(size >> 32),
			(unsigned long long)(size & 0xffffffff));
	} else {
		fprintf(f,
			"\t\t\t\t/* TODO: no usable RAM range above 1 MiB is large enough "
			"(the map is above): set the size */\n\t\t\t\tsize = <%#llx>;\n",
			(unsigned long long)PLACE_ALIGN);
	}
	fprintf(f, "\t\t\t};\n");
}
