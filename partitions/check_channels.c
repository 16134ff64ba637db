// SPDX-License-Identifier: BSD-2-Clause
// Channel rules: page-sized shared memory, one writer that is not also a reader, readers once,
// and a guest-physical place that is free in every partition that maps it.

#include <stdio.h>
#include <string.h>

#include "check.h"

static void check_readers(const struct cfg_channel *ch, const char *path, struct cfg_diags *d)
{
	for (size_t r = 0; r < ch->nreaders; r++) {
		bool twice = false;

		if (ch->reader[r] < 0)
			continue; /* unknown partition: reported by the parser */
		for (size_t o = 0; o < r; o++)
			twice |= ch->reader[o] == ch->reader[r];
		CC(d, !twice, path, "readers", "\"%s\" is listed twice", ch->reader_name[r]);
		CC(d, ch->reader[r] != ch->writer, path, "readers",
		   "\"%s\" is the writer; it cannot also be a reader", ch->reader_name[r]);
	}
}

/* The channel on its own; false when its range is too broken to compare with anything. */
static bool shape_ok(const struct cfg_channel *ch, const char *path, struct cfg_diags *d)
{
	bool ok;

	if (!CC(d, ch->size != 0, path, "size", "must not be zero"))
		return false;
	ok = CC(d, aligned(ch->size, CFG_PAGE), path, "size", "0x%lx is not a multiple of 4 KiB",
		(unsigned long)ch->size);
	ok &= CC(d, aligned(ch->gpa, CFG_PAGE), path, "guest-address", "0x%lx is not 4 KiB aligned",
		 (unsigned long)ch->gpa);
	ok &= CC(d, !range_wraps(ch->gpa, ch->size), path, "guest-address",
		 "guest range 0x%lx + 0x%lx wraps past the 64-bit address space",
		 (unsigned long)ch->gpa, (unsigned long)ch->size);
	return ok;
}

/* Whether partition @part maps channel @ch (as writer or reader). */
bool cfg_channel_maps(const struct cfg_channel *ch, int part)
{
	if (part < 0)
		return false;
	if (ch->writer == part)
		return true;
	for (size_t r = 0; r < ch->nreaders; r++)
		if (ch->reader[r] == part)
			return true;
	return false;
}

/* The interrupt controllers' pages are in every partition's guest-physical space. */
static void check_apic_pages(const struct cfg_channel *ch, const char *path, struct cfg_diags *d)
{
	CC(d, !ranges_overlap(ch->gpa, ch->size, CFG_GUEST_IOAPIC, CFG_PAGE), path, "guest-address",
	   "guest range 0x%lx-0x%lx overlaps the I/O APIC page at 0x%lx", (unsigned long)ch->gpa,
	   (unsigned long)range_last(ch->gpa, ch->size), (unsigned long)CFG_GUEST_IOAPIC);
	CC(d, !ranges_overlap(ch->gpa, ch->size, CFG_GUEST_LAPIC, CFG_PAGE), path, "guest-address",
	   "guest range 0x%lx-0x%lx overlaps the local APIC page at 0x%lx", (unsigned long)ch->gpa,
	   (unsigned long)range_last(ch->gpa, ch->size), (unsigned long)CFG_GUEST_LAPIC);
}

/* Memory regions and passthrough MMIO of one partition that maps the channel. */
static void check_against_partition(const struct cfg_channel *ch, const struct cfg_partition *p,
				    const char *path, struct cfg_diags *d)
{
	for (size_t i = 0; i < p->nmem; i++) {
		const struct cfg_mem *m = &p->mem[i];

		if (!m->size || range_wraps(m->gpa, m->size))
			continue; /* reported by the memory rules */
		CC(d, !ranges_overlap(ch->gpa, ch->size, m->gpa, m->size), path, "guest-address",
		   "guest range 0x%lx-0x%lx overlaps /partitions/%s/%s (0x%lx-0x%lx)",
		   (unsigned long)ch->gpa, (unsigned long)range_last(ch->gpa, ch->size), p->name,
		   m->node, (unsigned long)m->gpa, (unsigned long)range_last(m->gpa, m->size));
	}
	for (size_t i = 0; i < p->nmmio; i++) {
		const struct cfg_range *r = &p->mmio[i];

		if (!r->size || range_wraps(r->base, r->size))
			continue; /* reported by the device rules */
		CC(d, !ranges_overlap(ch->gpa, ch->size, r->base, r->size), path, "guest-address",
		   "guest range 0x%lx-0x%lx overlaps mmio 0x%lx-0x%lx of /partitions/%s",
		   (unsigned long)ch->gpa, (unsigned long)range_last(ch->gpa, ch->size),
		   (unsigned long)r->base, (unsigned long)range_last(r->base, r->size), p->name);
	}
}

/* An earlier channel that a partition maps together with this one must not overlap it. */
static void check_against_channels(const struct cfg_desc *desc, size_t i, const bool ok[],
				   const char *path, struct cfg_diags *d)
{
	const struct cfg_channel *ch = &desc->chan[i];

	for (size_t o = 0; o < i; o++) {
		const struct cfg_channel *oc = &desc->chan[o];
		int shared = -1;

		for (size_t p = 0; p < desc->nparts && shared < 0; p++)
			if (cfg_channel_maps(ch, (int)p) && cfg_channel_maps(oc, (int)p))
				shared = (int)p;
		if (!ok[o] || shared < 0)
			continue;
		CC(d, !ranges_overlap(ch->gpa, ch->size, oc->gpa, oc->size), path, "guest-address",
		   "guest range 0x%lx-0x%lx overlaps /channels/%s (0x%lx-0x%lx), which partition "
		   "\"%s\" also maps",
		   (unsigned long)ch->gpa, (unsigned long)range_last(ch->gpa, ch->size), oc->name,
		   (unsigned long)oc->gpa, (unsigned long)range_last(oc->gpa, oc->size),
		   desc->part[shared].name);
	}
}

void cfg_check_channels(const struct cfg_desc *desc, struct cfg_diags *d)
{
	bool ok[CFG_MAX_CHANNELS];

	for (size_t i = 0; i < desc->nchans; i++) {
		const struct cfg_channel *ch = &desc->chan[i];
		char path[CFG_PATH_MAX];

		snprintf(path, sizeof(path), "/channels/%s", ch->name);
		check_readers(ch, path, d);
		ok[i] = shape_ok(ch, path, d);
		if (!ok[i])
			continue;
		check_apic_pages(ch, path, d);
		for (size_t p = 0; p < desc->nparts; p++)
			if (cfg_channel_maps(ch, (int)p))
				check_against_partition(ch, &desc->part[p], path, d);
		check_against_channels(desc, i, ok, path, d);
	}
}
