// SPDX-License-Identifier: BSD-2-Clause
// MADT parsing: the CPUs, IOAPICs and interrupt overrides the hypervisor partitions.
#include <stdio.h>
#include <string.h>

#include "acpi.h"

/* MADT entry types, ACPI 6.5 table 5.45. */
enum madt_type {
	MADT_LAPIC = 0,
	MADT_IOAPIC = 1,
	MADT_OVERRIDE = 2,
	MADT_NMI_SOURCE = 3,
	MADT_LAPIC_NMI = 4,
	MADT_LAPIC_ADDR = 5,
	MADT_X2APIC = 9,
	MADT_X2APIC_NMI = 10,
	MADT_NTYPES,
};

struct madt_header {
	struct acpi_sdt_header hdr;
	uint32_t lapic_addr, flags;
} __attribute__((packed));

struct madt_entry {
	uint8_t type, length;
} __attribute__((packed));

struct madt_lapic {
	struct madt_entry e;
	uint8_t uid, apic_id;
	uint32_t flags;
} __attribute__((packed));

struct madt_ioapic {
	struct madt_entry e;
	uint8_t id, reserved;
	uint32_t addr, gsi_base;
} __attribute__((packed));

struct madt_override {
	struct madt_entry e;
	uint8_t bus, source;
	uint32_t gsi;
	uint16_t flags;
} __attribute__((packed));

struct madt_nmi_source {
	struct madt_entry e;
	uint16_t flags;
	uint32_t gsi;
} __attribute__((packed));

struct madt_lapic_nmi {
	struct madt_entry e;
	uint8_t uid;
	uint16_t flags;
	uint8_t lint;
} __attribute__((packed));

struct madt_lapic_addr {
	struct madt_entry e;
	uint16_t reserved;
	uint64_t addr;
} __attribute__((packed));

struct madt_x2apic {
	struct madt_entry e;
	uint16_t reserved;
	uint32_t x2apic_id, flags, uid;
} __attribute__((packed));

struct madt_x2apic_nmi {
	struct madt_entry e;
	uint16_t flags;
	uint32_t uid;
	uint8_t lint, reserved[3];
} __attribute__((packed));

_Static_assert(sizeof(struct madt_header) == 44, "MADT header layout");
_Static_assert(sizeof(struct madt_lapic) == 8, "MADT local APIC layout");
_Static_assert(sizeof(struct madt_ioapic) == 12, "MADT IOAPIC layout");
_Static_assert(offsetof(struct madt_ioapic, gsi_base) == 8, "MADT IOAPIC layout");
_Static_assert(sizeof(struct madt_override) == 10, "MADT override layout");
_Static_assert(offsetof(struct madt_override, flags) == 8, "MADT override layout");
_Static_assert(sizeof(struct madt_nmi_source) == 8, "MADT NMI source layout");
_Static_assert(sizeof(struct madt_lapic_nmi) == 6, "MADT local APIC NMI layout");
_Static_assert(offsetof(struct madt_lapic_nmi, lint) == 5, "MADT local APIC NMI layout");
_Static_assert(sizeof(struct madt_lapic_addr) == 12, "MADT LAPIC address override layout");
_Static_assert(sizeof(struct madt_x2apic) == 16, "MADT x2APIC layout");
_Static_assert(offsetof(struct madt_x2apic, uid) == 12, "MADT x2APIC layout");
_Static_assert(sizeof(struct madt_x2apic_nmi) == 12, "MADT x2APIC NMI layout");

/* Minimum length of each known entry type; 0 means unknown, skipped by its length. */
static const uint8_t madt_min_len[MADT_NTYPES] = {
    [MADT_LAPIC] = sizeof(struct madt_lapic),
    [MADT_IOAPIC] = sizeof(struct madt_ioapic),
    [MADT_OVERRIDE] = sizeof(struct madt_override),
    [MADT_NMI_SOURCE] = sizeof(struct madt_nmi_source),
    [MADT_LAPIC_NMI] = sizeof(struct madt_lapic_nmi),
    [MADT_LAPIC_ADDR] = sizeof(struct madt_lapic_addr),
    [MADT_X2APIC] = sizeof(struct madt_x2apic),
    [MADT_X2APIC_NMI] = sizeof(struct madt_x2apic_nmi),
};

#define LAPIC_ENABLED	     (1U << 0)
#define LAPIC_ONLINE_CAPABLE (1U << 1)
#define LAPIC_NMI_ALL_UID8   0xFF /* 8-bit "all processors" UID of type 4 entries */

struct madt_parser {
	const uint8_t *base;
	uint32_t off; /* of the entry being parsed, for error messages */
	struct acpi_madt_info *out;
	char *err;
	size_t errlen;
};

#define FAIL(p, rc, ...) (((p)->err ? snprintf((p)->err, (p)->errlen, __VA_ARGS__) : 0), (rc))
#define FULL(p, what, max)                                                                       \
	FAIL(p, -E2BIG, "MADT: entry at offset %#x: more than %u %s", (p)->off, (unsigned)(max), \
	     what)

static bool usable(const struct acpi_cpu *c)
{
	return c->enabled || c->online_capable;
}

/* Placeholder entries for absent sockets may repeat an ID; only usable CPUs must be unique. */
static int add_cpu(struct madt_parser *p, uint32_t apic_id, uint32_t uid, uint32_t flags,
		   bool x2apic)
{
	struct acpi_madt_info *o = p->out;
	struct acpi_cpu c = {.apic_id = apic_id,
			     .uid = uid,
			     .enabled = flags & LAPIC_ENABLED,
			     .online_capable =
				 !(flags & LAPIC_ENABLED) && (flags & LAPIC_ONLINE_CAPABLE),
			     .x2apic = x2apic};

	for (size_t i = 0; i < o->ncpus && usable(&c); i++)
		if (o->cpu[i].apic_id == apic_id && usable(&o->cpu[i]))
			return FAIL(p, -EINVAL,
				    "MADT: entry at offset %#x: APIC ID 0x%x listed twice", p->off,
				    apic_id);
	if (o->ncpus == ACPI_MAX_CPUS)
		return FULL(p, "CPUs", ACPI_MAX_CPUS);
	o->cpu[o->ncpus++] = c;
	return 0;
}

static int add_ioapic(struct madt_parser *p, const struct madt_ioapic *e)
{
	struct acpi_madt_info *o = p->out;

	if (o->nioapics == ACPI_MAX_IOAPICS)
		return FULL(p, "IOAPICs", ACPI_MAX_IOAPICS);
	o->ioapic[o->nioapics++] =
	    (struct acpi_ioapic){.id = e->id, .addr = e->addr, .gsi_base = e->gsi_base};
	return 0;
}

static int add_override(struct madt_parser *p, const struct madt_override *e)
{
	struct acpi_madt_info *o = p->out;

	if (o->novr == ACPI_MAX_OVERRIDES)
		return FULL(p, "interrupt source overrides", ACPI_MAX_OVERRIDES);
	o->ovr[o->novr++] = (struct acpi_override){
	    .bus = e->bus, .source = e->source, .gsi = e->gsi, .flags = e->flags};
	return 0;
}

static int add_nmi_source(struct madt_parser *p, const struct madt_nmi_source *e)
{
	struct acpi_madt_info *o = p->out;

	if (o->nnmi_src == ACPI_MAX_NMI_SOURCES)
		return FULL(p, "NMI sources", ACPI_MAX_NMI_SOURCES);
	o->nmi_src[o->nnmi_src++] = (struct acpi_nmi_source){.gsi = e->gsi, .flags = e->flags};
	return 0;
}

static int add_lapic_nmi(struct madt_parser *p, uint32_t uid, uint16_t flags, uint8_t lint)
{
	struct acpi_madt_info *o = p->out;

	if (o->nlapic_nmi == ACPI_MAX_LAPIC_NMIS)
		return FULL(p, "local APIC NMIs", ACPI_MAX_LAPIC_NMIS);
	o->lapic_nmi[o->nlapic_nmi++] =
	    (struct acpi_lapic_nmi){.uid = uid, .flags = flags, .lint = lint};
	return 0;
}

/* Entries are byte-aligned inside the table, so each is copied out before use. */
static int parse_entry(struct madt_parser *p, uint8_t type)
{
	union {
		struct madt_lapic lapic;
		struct madt_ioapic ioapic;
		struct madt_override ovr;
		struct madt_nmi_source nmi_src;
		struct madt_lapic_nmi lnmi;
		struct madt_lapic_addr addr;
		struct madt_x2apic x2;
		struct madt_x2apic_nmi x2nmi;
	} u;

	memcpy(&u, p->base + p->off, madt_min_len[type]);
	switch (type) {
	case MADT_LAPIC:
		return add_cpu(p, u.lapic.apic_id, u.lapic.uid, u.lapic.flags, false);
	case MADT_IOAPIC:
		return add_ioapic(p, &u.ioapic);
	case MADT_OVERRIDE:
		return add_override(p, &u.ovr);
	case MADT_NMI_SOURCE:
		return add_nmi_source(p, &u.nmi_src);
	case MADT_LAPIC_NMI:
		return add_lapic_nmi(p,
				     u.lnmi.uid == LAPIC_NMI_ALL_UID8 ? ACPI_UID_ALL : u.lnmi.uid,
				     u.lnmi.flags, u.lnmi.lint);
	case MADT_LAPIC_ADDR:
		p->out->lapic_addr = u.addr.addr;
		return 0;
	case MADT_X2APIC:
		return add_cpu(p, u.x2.x2apic_id, u.x2.uid, u.x2.flags, true);
	case MADT_X2APIC_NMI:
		return add_lapic_nmi(p, u.x2nmi.uid, u.x2nmi.flags, u.x2nmi.lint);
	default:
		return 0;
	}
}

static int check_header(struct madt_parser *p, size_t len, struct madt_header *h)
{
	if (len < sizeof(*h))
		return FAIL(p, -EINVAL, "MADT: %u bytes, shorter than its %u-byte header",
			    (unsigned)len, (unsigned)sizeof(*h));
	memcpy(h, p->base, sizeof(*h));
	if (memcmp(h->hdr.signature, "APIC", sizeof(h->hdr.signature)))
		return FAIL(p, -EINVAL, "MADT: signature is not APIC");
	if (h->hdr.length < sizeof(*h) || h->hdr.length > len)
		return FAIL(p, -EINVAL, "MADT: header length %u outside [%u, %u]", h->hdr.length,
			    (unsigned)sizeof(*h), (unsigned)len);
	if (acpi_checksum(p->base, h->hdr.length))
		return FAIL(p, -EINVAL, "MADT: checksum off by %#x",
			    acpi_checksum(p->base, h->hdr.length));
	return 0;
}

/* Bounds-check the entry at p->off and dispatch it; unknown types are only length-checked. */
static int parse_at(struct madt_parser *p, uint32_t table_len, struct madt_entry *e)
{
	if (table_len - p->off < sizeof(*e))
		return FAIL(p, -EINVAL, "MADT: entry at offset %#x: header runs past length %u",
			    p->off, table_len);
	memcpy(e, p->base + p->off, sizeof(*e));
	if (e->length < sizeof(*e) || e->length > table_len - p->off)
		return FAIL(p, -EINVAL,
			    "MADT: entry type %u at offset %#x: length %u outside [%u, %u]",
			    e->type, p->off, e->length, (unsigned)sizeof(*e), table_len - p->off);
	if (e->type >= MADT_NTYPES || !madt_min_len[e->type])
		return 0;
	if (e->length < madt_min_len[e->type])
		return FAIL(p, -EINVAL, "MADT: entry type %u at offset %#x: length %u < %u",
			    e->type, p->off, e->length, madt_min_len[e->type]);
	return parse_entry(p, e->type);
}

int acpi_parse_madt(const void *madt, size_t len, struct acpi_madt_info *out, char *err,
		    size_t errlen)
{
	struct madt_parser p = {.base = madt, .out = out, .err = err, .errlen = errlen};
	struct madt_header h;
	struct madt_entry e;
	int rc;

	memset(out, 0, sizeof(*out));
	if (err && errlen)
		err[0] = '\0';
	rc = check_header(&p, len, &h);
	if (rc)
		return rc;
	out->lapic_addr = h.lapic_addr;
	out->flags = h.flags;
	for (p.off = sizeof(h); p.off < h.hdr.length; p.off += e.length) {
		rc = parse_at(&p, h.hdr.length, &e);
		if (rc) {
			memset(out, 0, sizeof(*out));
			return rc;
		}
	}
	return 0;
}
