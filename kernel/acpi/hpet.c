// SPDX-License-Identifier: BSD-2-Clause
// HPET table parsing: the timer block a partition would need as MMIO, and who made it.
#include <stdio.h>
#include <string.h>

#include "acpi_tables.h"

/* IA-PC HPET specification 1.0a, table 3: the description table after the SDT header. */
struct hpet_table {
	struct acpi_sdt_header hdr;
	uint32_t
	    block_id; /* rev 7:0, comparators-1 12:8, counter size 13, legacy 15, vendor 31:16 */
	uint8_t space_id, bit_width, bit_offset, access_size;
	uint64_t address;
	uint8_t number;
	uint16_t min_tick;
	uint8_t page_protection;
} __attribute__((packed));

_Static_assert(sizeof(struct hpet_table) == 56, "HPET table layout");
_Static_assert(offsetof(struct hpet_table, address) == 44, "HPET table layout");
_Static_assert(offsetof(struct hpet_table, min_tick) == 53, "HPET table layout");

#define HPET_COMPARATORS_SHIFT 8
#define HPET_COMPARATORS_MASK  0x1f
#define HPET_VENDOR_SHIFT      16

int acpi_parse_hpet(const void *tbl, size_t len, struct acpi_hpet_info *out, char *err,
		    size_t errlen)
{
	struct hpet_table t;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = acpi_check_sdt(tbl, len, "HPET", sizeof(t), err, errlen);
	if (rc)
		return rc;
	memcpy(&t, tbl, sizeof(t));
	if (!t.address || t.address & (ACPI_HPET_MMIO_SIZE - 1)) {
		if (err)
			snprintf(err, errlen, "HPET: base %#lx is zero or not 1 KiB aligned",
				 (unsigned long)t.address);
		return -EINVAL;
	}
	out->base = t.address;
	out->space_id = t.space_id;
	out->number = t.number;
	out->comparators = ((t.block_id >> HPET_COMPARATORS_SHIFT) & HPET_COMPARATORS_MASK) + 1;
	out->vendor_id = (uint16_t)(t.block_id >> HPET_VENDOR_SHIFT);
	out->min_tick = t.min_tick;
	return 0;
}
