// SPDX-License-Identifier: BSD-2-Clause
// MCFG parsing: where each PCI segment's memory-mapped configuration space (ECAM) lies.
#include <stdio.h>
#include <string.h>

#include "acpi_tables.h"

/* PCI Firmware Specification 3.2, table 4-2/4-3: 8 reserved bytes, then 16-byte entries. */
#define MCFG_ENTRIES_OFF 44

struct mcfg_entry {
	uint64_t base;
	uint16_t segment;
	uint8_t bus_start, bus_end;
	uint32_t reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct mcfg_entry) == 16, "MCFG entry layout");
_Static_assert(offsetof(struct mcfg_entry, bus_end) == 11, "MCFG entry layout");

int acpi_parse_mcfg(const void *tbl, size_t len, struct acpi_mcfg_info *out, char *err,
		    size_t errlen)
{
	struct acpi_sdt_header h;
	struct mcfg_entry e;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = acpi_check_sdt(tbl, len, "MCFG", MCFG_ENTRIES_OFF, err, errlen);
	if (rc)
		return rc;
	memcpy(&h, tbl, sizeof(h));
	if ((h.length - MCFG_ENTRIES_OFF) % sizeof(e)) {
		if (err)
			snprintf(err, errlen, "MCFG: length %u leaves a partial entry", h.length);
		return -EINVAL;
	}
	for (uint32_t off = MCFG_ENTRIES_OFF; off < h.length; off += sizeof(e)) {
		memcpy(&e, (const uint8_t *)tbl + off, sizeof(e));
		if (e.bus_end < e.bus_start || e.base & 0xfffff) {
			if (err)
				snprintf(err, errlen,
					 "MCFG: entry at offset %#x: buses %u-%u at %#lx: "
					 "reversed range or base not 1 MiB aligned",
					 off, e.bus_start, e.bus_end, (unsigned long)e.base);
			memset(out, 0, sizeof(*out));
			return -EINVAL;
		}
		if (out->count == ACPI_MAX_MCFG) {
			if (err)
				snprintf(err, errlen, "MCFG: more than %u windows", ACPI_MAX_MCFG);
			memset(out, 0, sizeof(*out));
			return -E2BIG;
		}
		out->win[out->count].base = e.base;
		out->win[out->count].segment = e.segment;
		out->win[out->count].bus_start = e.bus_start;
		out->win[out->count++].bus_end = e.bus_end;
	}
	return 0;
}
