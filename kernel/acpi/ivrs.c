// SPDX-License-Identifier: BSD-2-Clause
// IVRS parsing (AMD-Vi): IOMMUs, the device IDs each one translates, and IVMD memory.
#include <stdio.h>
#include <string.h>

#include "acpi_tables.h"

/* AMD IOMMU specification 3.08, 5.2: IVinfo and 8 reserved bytes after the header. */
#define IVRS_ENTRIES_OFF 48

/* IVHD block types and the length of their fixed part (5.2.2.2, 5.2.2.3). */
#define IVHD_10	    0x10
#define IVHD_10_HDR 24
#define IVHD_11_HDR 40
#define IVMD_ALL    0x20
#define IVMD_RANGE  0x22
#define IVMD_LEN    32

/* IVHD device entry types (table 95): entries below 64 are 4 bytes, below 128 are 8. */
enum ivhd_dev {
	DEV_ALL = 1,
	DEV_SELECT = 2,
	DEV_RANGE_START = 3,
	DEV_RANGE_END = 4,
	DEV_ALIAS_SELECT = 0x42,
	DEV_ALIAS_RANGE = 0x43,
	DEV_EXT_SELECT = 0x46,
	DEV_EXT_RANGE = 0x47,
	DEV_SPECIAL = 0x48,
	DEV_ACPI_HID = 0xf0,
};
#define DEV_SHORT_MAX	64
#define DEV_LONG_MAX	128
#define SPECIAL_IOAPIC	1
#define SPECIAL_HPET	2
#define HID_UID_LEN_OFF 21
#define HID_FIXED_LEN	22

struct ivhd {
	uint8_t type, flags;
	uint16_t length, devid, cap_off;
	uint64_t base;
	uint16_t segment, info;
	uint32_t features;
} __attribute__((packed));

struct ivmd {
	uint8_t type, flags;
	uint16_t length, devid, aux;
	uint64_t reserved, start, size;
} __attribute__((packed));

_Static_assert(sizeof(struct ivhd) == IVHD_10_HDR, "IVHD layout");
_Static_assert(sizeof(struct ivmd) == IVMD_LEN, "IVMD layout");

struct ivrs_parser {
	const uint8_t *b;
	struct acpi_iommu_info *out;
	char *err;
	size_t errlen;
	uint16_t range_start; /* device ID of an open DEV_RANGE_START */
	bool in_range;
};

#define FAIL(p, rc, ...) (((p)->err ? snprintf((p)->err, (p)->errlen, __VA_ARGS__) : 0), (rc))

static int add_scope(struct ivrs_parser *p, uint8_t type, uint16_t first, uint16_t last, uint8_t id)
{
	struct acpi_iommu_info *o = p->out;

	if (o->nscopes == ACPI_MAX_IOMMU_SCOPES)
		return FAIL(p, -E2BIG, "IVRS: more than %u device entries", ACPI_MAX_IOMMU_SCOPES);
	o->scope[o->nscopes++] = (struct acpi_iommu_scope){.unit = (uint8_t)(o->nunits - 1),
							   .type = type,
							   .enum_id = id,
							   .bdf = first,
							   .bdf_last = last,
							   .depth = 1};
	return 0;
}

/* One device entry at @at, @len bytes: what it selects becomes a scope of the current IOMMU. */
static int device_entry(struct ivrs_parser *p, uint32_t at)
{
	uint8_t type = p->b[at];
	uint16_t devid;

	memcpy(&devid, p->b + at + 1, sizeof(devid));
	switch (type) {
	case DEV_ALL:
		p->out->unit[p->out->nunits - 1].include_all = true;
		return 0;
	case DEV_SELECT:
	case DEV_ALIAS_SELECT:
	case DEV_EXT_SELECT:
		return add_scope(p, ACPI_SCOPE_ENDPOINT, devid, devid, 0);
	case DEV_RANGE_START:
	case DEV_ALIAS_RANGE:
	case DEV_EXT_RANGE:
		p->range_start = devid;
		p->in_range = true;
		return 0;
	case DEV_RANGE_END:
		if (!p->in_range || devid < p->range_start)
			return FAIL(p, -EINVAL,
				    "IVRS: device range end at offset %#x without a "
				    "start below it",
				    at);
		p->in_range = false;
		return add_scope(p, ACPI_SCOPE_ENDPOINT, p->range_start, devid, 0);
	case DEV_SPECIAL:
		memcpy(&devid, p->b + at + 5, sizeof(devid));
		if (p->b[at + 7] == SPECIAL_IOAPIC || p->b[at + 7] == SPECIAL_HPET)
			return add_scope(
			    p, p->b[at + 7] == SPECIAL_IOAPIC ? ACPI_SCOPE_IOAPIC : ACPI_SCOPE_HPET,
			    devid, devid, p->b[at + 4]);
		return 0;
	default:
		return 0;
	}
}

static uint32_t device_entry_len(const uint8_t *b, uint32_t at, uint32_t end)
{
	if (b[at] < DEV_SHORT_MAX)
		return 4;
	if (b[at] < DEV_LONG_MAX)
		return 8;
	if (b[at] == DEV_ACPI_HID && end - at > HID_UID_LEN_OFF)
		return HID_FIXED_LEN + b[at + HID_UID_LEN_OFF];
	return 0; /* variable-length entries of unknown layout: cannot be skipped safely */
}

static int parse_ivhd(struct ivrs_parser *p, uint32_t off, uint16_t len)
{
	uint32_t hdr = p->b[off] == IVHD_10 ? IVHD_10_HDR : IVHD_11_HDR;
	struct ivhd h;
	int rc = 0;

	if (len < hdr)
		return FAIL(p, -EINVAL, "IVRS: IVHD type %#x at offset %#x: length %u < %u",
			    p->b[off], off, len, hdr);
	memcpy(&h, p->b + off, sizeof(h));
	if (p->out->nunits == ACPI_MAX_IOMMUS)
		return FAIL(p, -E2BIG, "IVRS: more than %u IOMMUs", ACPI_MAX_IOMMUS);
	p->out->unit[p->out->nunits++] =
	    (typeof(p->out->unit[0])){.base = h.base, .segment = h.segment, .bdf = h.devid};
	p->in_range = false;
	for (uint32_t at = off + hdr, n; at < off + len && !rc; at += n) {
		n = device_entry_len(p->b, at, off + len);
		if (!n || n > off + len - at)
			return FAIL(p, -EINVAL,
				    "IVRS: device entry type %#x at offset %#x runs "
				    "past its IVHD",
				    p->b[at], at);
		rc = device_entry(p, at);
	}
	return rc;
}

static int parse_ivmd(struct ivrs_parser *p, uint32_t off, uint16_t len)
{
	struct ivmd m;

	if (len < sizeof(m))
		return FAIL(p, -EINVAL, "IVRS: IVMD at offset %#x: length %u < %u", off, len,
			    IVMD_LEN);
	memcpy(&m, p->b + off, sizeof(m));
	if (!m.size || m.start + m.size - 1 < m.start)
		return FAIL(p, -EINVAL, "IVRS: IVMD at offset %#x: empty or wrapping range", off);
	if (p->out->nresv == ACPI_MAX_IOMMU_RESV)
		return FAIL(p, -E2BIG, "IVRS: more than %u memory definitions",
			    ACPI_MAX_IOMMU_RESV);
	p->out->resv[p->out->nresv++] =
	    (typeof(p->out->resv[0])){.base = m.start, .end = m.start + m.size - 1};
	return 0;
}

/*
 * Firmware lists one IOMMU several times, as type 10h and as 11h/40h for newer OSes; a reader
 * takes one family only. Type 10h is the one every IVRS has, so that is the one used here.
 */
static int walk(struct ivrs_parser *p, uint32_t table_len)
{
	int rc = 0;

	for (uint32_t off = IVRS_ENTRIES_OFF, len; off < table_len && !rc; off += len) {
		if (table_len - off < 4)
			return FAIL(p, -EINVAL, "IVRS: block at offset %#x runs past length %u",
				    off, table_len);
		len = (uint32_t)p->b[off + 2] | (uint32_t)p->b[off + 3] << 8;
		if (len < 4 || len > table_len - off)
			return FAIL(p, -EINVAL, "IVRS: block type %#x at offset %#x: length %u",
				    p->b[off], off, len);
		if (p->b[off] == IVHD_10)
			rc = parse_ivhd(p, off, (uint16_t)len);
		else if (p->b[off] >= IVMD_ALL && p->b[off] <= IVMD_RANGE)
			rc = parse_ivmd(p, off, (uint16_t)len);
	}
	return rc;
}

int acpi_parse_ivrs(const void *tbl, size_t len, struct acpi_iommu_info *out, char *err,
		    size_t errlen)
{
	struct ivrs_parser p = {.b = tbl, .out = out, .err = err, .errlen = errlen};
	struct acpi_sdt_header h;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = acpi_check_sdt(tbl, len, "IVRS", IVRS_ENTRIES_OFF, err, errlen);
	if (rc)
		return rc;
	memcpy(&h, tbl, sizeof(h));
	out->amd = true;
	rc = walk(&p, h.length);
	if (rc)
		memset(out, 0, sizeof(*out));
	out->amd = true;
	return rc;
}
