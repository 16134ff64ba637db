// SPDX-License-Identifier: BSD-2-Clause
// SRAT parsing: the NUMA proximity domain of each CPU and memory range.
#include <stdio.h>
#include <string.h>

#include "acpi_tables.h"

/* ACPI 6.5, 5.2.16: 4 + 8 reserved bytes after the header, then typed affinity structures. */
#define SRAT_ENTRIES_OFF 48
#define SRAT_ENABLED	 (1U << 0)

enum srat_type { SRAT_LAPIC = 0, SRAT_MEMORY = 1, SRAT_X2APIC = 2 };

struct srat_lapic {
	uint8_t type, length, domain_lo, apic_id;
	uint32_t flags;
	uint8_t sapic_eid, domain_hi[3];
	uint32_t clock_domain;
} __attribute__((packed));

struct srat_memory {
	uint8_t type, length;
	uint32_t domain;
	uint16_t reserved1;
	uint64_t base, length_bytes;
	uint32_t reserved2, flags;
	uint64_t reserved3;
} __attribute__((packed));

struct srat_x2apic {
	uint8_t type, length;
	uint16_t reserved1;
	uint32_t domain, x2apic_id, flags, clock_domain, reserved2;
} __attribute__((packed));

_Static_assert(sizeof(struct srat_lapic) == 16, "SRAT local APIC affinity layout");
_Static_assert(sizeof(struct srat_memory) == 40, "SRAT memory affinity layout");
_Static_assert(offsetof(struct srat_memory, flags) == 28, "SRAT memory affinity layout");
_Static_assert(sizeof(struct srat_x2apic) == 24, "SRAT x2APIC affinity layout");

#define FAIL(rc, ...) \
	((err ? snprintf(err, errlen, __VA_ARGS__) : 0), memset(out, 0, sizeof(*out)), (rc))

static int add_cpu(struct acpi_srat_info *out, uint32_t apic_id, uint32_t domain, uint32_t flags)
{
	if (!(flags & SRAT_ENABLED))
		return 0;
	if (out->ncpus == ACPI_MAX_SRAT_CPUS)
		return -E2BIG;
	out->cpu[out->ncpus].apic_id = apic_id;
	out->cpu[out->ncpus++].domain = domain;
	return 0;
}

static int add_mem(struct acpi_srat_info *out, const struct srat_memory *m)
{
	if (!(m->flags & SRAT_ENABLED) || !m->length_bytes)
		return 0;
	if (out->nmem == ACPI_MAX_SRAT_MEM)
		return -E2BIG;
	out->mem[out->nmem].base = m->base;
	out->mem[out->nmem].length = m->length_bytes;
	out->mem[out->nmem].domain = m->domain;
	out->mem[out->nmem++].flags = m->flags;
	return 0;
}

/* Entries are byte-aligned inside the table, so each is copied out before use. */
static int parse_entry(struct acpi_srat_info *out, const uint8_t *p, uint8_t type, uint8_t len)
{
	union {
		struct srat_lapic l;
		struct srat_memory m;
		struct srat_x2apic x;
	} u;

	memcpy(&u, p, len < sizeof(u) ? len : sizeof(u));
	switch (type) {
	case SRAT_LAPIC:
		return add_cpu(out, u.l.apic_id,
			       u.l.domain_lo | (uint32_t)u.l.domain_hi[0] << 8 |
				   (uint32_t)u.l.domain_hi[1] << 16 |
				   (uint32_t)u.l.domain_hi[2] << 24,
			       u.l.flags);
	case SRAT_MEMORY:
		return add_mem(out, &u.m);
	default:
		return add_cpu(out, u.x.x2apic_id, u.x.domain, u.x.flags);
	}
}

static const uint8_t srat_min_len[] = {
    [SRAT_LAPIC] = sizeof(struct srat_lapic),
    [SRAT_MEMORY] = sizeof(struct srat_memory),
    [SRAT_X2APIC] = sizeof(struct srat_x2apic),
};

int acpi_parse_srat(const void *tbl, size_t len, struct acpi_srat_info *out, char *err,
		    size_t errlen)
{
	const uint8_t *b = tbl;
	struct acpi_sdt_header h;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = acpi_check_sdt(tbl, len, "SRAT", SRAT_ENTRIES_OFF, err, errlen);
	if (rc)
		return rc;
	memcpy(&h, tbl, sizeof(h));
	for (uint32_t off = SRAT_ENTRIES_OFF; off < h.length; off += b[off + 1]) {
		uint8_t type, elen;

		if (h.length - off < 2 || b[off + 1] < 2 || b[off + 1] > h.length - off)
			return FAIL(-EINVAL, "SRAT: entry at offset %#x runs past length %u", off,
				    h.length);
		type = b[off];
		elen = b[off + 1];
		if (type >= sizeof(srat_min_len))
			continue; /* GICC, ITS and other architectures' entries */
		if (elen < srat_min_len[type])
			return FAIL(-EINVAL, "SRAT: entry type %u at offset %#x: length %u < %u",
				    type, off, elen, srat_min_len[type]);
		if (parse_entry(out, b + off, type, elen))
			return FAIL(-E2BIG,
				    "SRAT: entry at offset %#x: more than %u CPUs or %u "
				    "memory ranges",
				    off, ACPI_MAX_SRAT_CPUS, ACPI_MAX_SRAT_MEM);
	}
	return 0;
}
