// SPDX-License-Identifier: BSD-2-Clause
// DMAR parsing (Intel VT-d): remapping units, the devices each one names, and RMRR memory.
#include <stdio.h>
#include <string.h>

#include "acpi_tables.h"

/* Intel VT-d 4.1, 8.1: width, flags and 10 reserved bytes after the header. */
#define DMAR_WIDTH_OFF	 36
#define DMAR_ENTRIES_OFF 48
#define DRHD_INCLUDE_ALL (1U << 0)

enum dmar_type { DMAR_DRHD = 0, DMAR_RMRR = 1 };

struct dmar_entry {
	uint16_t type, length;
} __attribute__((packed));

struct dmar_drhd { /* 8.3 */
	struct dmar_entry e;
	uint8_t flags, size;
	uint16_t segment;
	uint64_t base;
} __attribute__((packed));

struct dmar_rmrr { /* 8.4 */
	struct dmar_entry e;
	uint16_t reserved, segment;
	uint64_t base, limit;
} __attribute__((packed));

struct dmar_scope { /* 8.3.1; (device, function) path steps follow */
	uint8_t type, length;
	uint16_t reserved;
	uint8_t enum_id, bus;
} __attribute__((packed));

_Static_assert(sizeof(struct dmar_drhd) == 16, "DRHD layout");
_Static_assert(sizeof(struct dmar_rmrr) == 24, "RMRR layout");
_Static_assert(sizeof(struct dmar_scope) == 6, "DMAR device scope layout");

struct dmar_parser {
	const uint8_t *b;
	struct acpi_iommu_info *out;
	char *err;
	size_t errlen;
};

#define FAIL(p, rc, ...) (((p)->err ? snprintf((p)->err, (p)->errlen, __VA_ARGS__) : 0), (rc))

/* Device scopes of the DRHD at @off, from @from to its end; the unit is the last one added. */
static int parse_scopes(struct dmar_parser *p, uint32_t off, uint32_t from, uint32_t end)
{
	struct dmar_scope s;

	for (uint32_t at = off + from; at < off + end; at += s.length) {
		if (off + end - at < sizeof(s))
			return FAIL(p, -EINVAL,
				    "DMAR: device scope at offset %#x runs past its unit", at);
		memcpy(&s, p->b + at, sizeof(s));
		if (s.length < sizeof(s) + 2 || (s.length - sizeof(s)) % 2 ||
		    s.length > off + end - at)
			return FAIL(p, -EINVAL, "DMAR: device scope at offset %#x: length %u", at,
				    s.length);
		if (p->out->nscopes == ACPI_MAX_IOMMU_SCOPES)
			return FAIL(p, -E2BIG, "DMAR: more than %u device scopes",
				    ACPI_MAX_IOMMU_SCOPES);
		p->out->scope[p->out->nscopes++] = (struct acpi_iommu_scope){
		    .unit = (uint8_t)(p->out->nunits - 1),
		    .type = s.type,
		    .enum_id = s.enum_id,
		    .bdf =
			ACPI_BDF(s.bus, p->b[at + sizeof(s)] & 0x1f, p->b[at + sizeof(s) + 1] & 7),
		    .bdf_last =
			ACPI_BDF(s.bus, p->b[at + sizeof(s)] & 0x1f, p->b[at + sizeof(s) + 1] & 7),
		    .depth = (uint8_t)((s.length - sizeof(s)) / 2)};
	}
	return 0;
}

static int parse_drhd(struct dmar_parser *p, uint32_t off, uint16_t len)
{
	struct dmar_drhd d;

	if (len < sizeof(d))
		return FAIL(p, -EINVAL, "DMAR: DRHD at offset %#x: length %u < %u", off, len,
			    (unsigned)sizeof(d));
	memcpy(&d, p->b + off, sizeof(d));
	if (p->out->nunits == ACPI_MAX_IOMMUS)
		return FAIL(p, -E2BIG, "DMAR: more than %u remapping units", ACPI_MAX_IOMMUS);
	p->out->unit[p->out->nunits++] = (typeof(p->out->unit[0])){
	    .base = d.base, .segment = d.segment, .include_all = d.flags & DRHD_INCLUDE_ALL};
	return parse_scopes(p, off, sizeof(d), len);
}

static int parse_rmrr(struct dmar_parser *p, uint32_t off, uint16_t len)
{
	struct dmar_rmrr r;

	if (len < sizeof(r))
		return FAIL(p, -EINVAL, "DMAR: RMRR at offset %#x: length %u < %u", off, len,
			    (unsigned)sizeof(r));
	memcpy(&r, p->b + off, sizeof(r));
	if (r.limit < r.base)
		return FAIL(p, -EINVAL, "DMAR: RMRR at offset %#x: limit %#lx below base %#lx", off,
			    (unsigned long)r.limit, (unsigned long)r.base);
	if (p->out->nresv == ACPI_MAX_IOMMU_RESV)
		return FAIL(p, -E2BIG, "DMAR: more than %u reserved memory regions",
			    ACPI_MAX_IOMMU_RESV);
	p->out->resv[p->out->nresv++] =
	    (typeof(p->out->resv[0])){.base = r.base, .end = r.limit, .segment = r.segment};
	return 0;
}

static int walk(struct dmar_parser *p, uint32_t table_len)
{
	struct dmar_entry e;
	int rc = 0;

	for (uint32_t off = DMAR_ENTRIES_OFF; off < table_len && !rc; off += e.length) {
		if (table_len - off < sizeof(e))
			return FAIL(p, -EINVAL, "DMAR: structure at offset %#x runs past length %u",
				    off, table_len);
		memcpy(&e, p->b + off, sizeof(e));
		if (e.length < sizeof(e) || e.length > table_len - off)
			return FAIL(p, -EINVAL, "DMAR: structure type %u at offset %#x: length %u",
				    e.type, off, e.length);
		if (e.type == DMAR_DRHD)
			rc = parse_drhd(p, off, e.length);
		else if (e.type == DMAR_RMRR)
			rc = parse_rmrr(p, off, e.length);
	}
	return rc;
}

int acpi_parse_dmar(const void *tbl, size_t len, struct acpi_iommu_info *out, char *err,
		    size_t errlen)
{
	struct dmar_parser p = {.b = tbl, .out = out, .err = err, .errlen = errlen};
	struct acpi_sdt_header h;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = acpi_check_sdt(tbl, len, "DMAR", DMAR_ENTRIES_OFF, err, errlen);
	if (rc)
		return rc;
	memcpy(&h, tbl, sizeof(h));
	out->host_addr_width = p.b[DMAR_WIDTH_OFF];
	rc = walk(&p, h.length);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
