// SPDX-License-Identifier: BSD-2-Clause
// ACPI discovery: find and check the RSDP, then list the tables its RSDT/XSDT points to.
#include <stdio.h>
#include <string.h>

#include "acpi.h"

#define RSDP_SIGNATURE	"RSD PTR "
#define RSDP_SIG_LEN	8
#define RSDP_ALIGN	16
#define RSDT_ENTRY_SIZE 4
#define XSDT_ENTRY_SIZE 8
#define SIG_LEN		4
#define ACPI_REV2	2
#define HDR_LEN		sizeof(struct acpi_sdt_header)

/* FADT fields locating the DSDT (ACPI 6.5 table 5.9); X_DSDT wins when present and non-zero. */
#define FADT_DSDT_OFF  40
#define FADT_XDSDT_OFF 140

#define FAIL(err, errlen, rc, ...) (((err) ? snprintf((err), (errlen), __VA_ARGS__) : 0), (rc))

/* Firmware signatures are not NUL-terminated and may be garbage: make them printable. */
static void sig_str(char out[SIG_LEN + 1], const char *sig)
{
	for (int i = 0; i < SIG_LEN; i++)
		out[i] = sig[i] >= ' ' && sig[i] <= '~' ? sig[i] : '?';
	out[SIG_LEN] = '\0';
}

uint8_t acpi_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

static bool rsdp_valid(const struct acpi_rsdp *r, size_t avail)
{
	if (avail < ACPI_RSDP_V1_LEN || memcmp(r->signature, RSDP_SIGNATURE, RSDP_SIG_LEN) ||
	    acpi_checksum(r, ACPI_RSDP_V1_LEN))
		return false;
	if (r->revision < ACPI_REV2)
		return true;
	return avail >= ACPI_RSDP_V2_LEN && r->length >= ACPI_RSDP_V2_LEN && r->length <= avail &&
	       !acpi_checksum(r, r->length);
}

int acpi_find_rsdp(const void *area, size_t len, uint64_t area_phys, uint64_t *rsdp_phys)
{
	const uint8_t *base = area;
	size_t off = (size_t)(-area_phys & (RSDP_ALIGN - 1));

	for (; off < len && len - off >= ACPI_RSDP_V1_LEN; off += RSDP_ALIGN) {
		if (rsdp_valid((const struct acpi_rsdp *)(base + off), len - off)) {
			*rsdp_phys = area_phys + off;
			return 0;
		}
	}
	return -ENOENT;
}

/* Map the table at @phys and check length and checksum; -EFAULT unmappable, -EINVAL corrupt. */
static int map_table(uint64_t phys, acpi_map_fn map, void *ctx, const uint8_t **tbl,
		     const char *what, char *err, size_t errlen)
{
	struct acpi_sdt_header h;
	const void *p = map(phys, HDR_LEN, ctx);
	char sig[SIG_LEN + 1];
	uint8_t sum;

	if (!p)
		return FAIL(err, errlen, -EFAULT, "ACPI: %s at %#lx: not mappable", what,
			    (unsigned long)phys);
	memcpy(&h, p, sizeof(h));
	sig_str(sig, h.signature);
	if (h.length < HDR_LEN || h.length > ACPI_MAX_TABLE_LEN)
		return FAIL(err, errlen, -EINVAL, "ACPI: %s %s at %#lx: length %u implausible",
			    what, sig, (unsigned long)phys, h.length);
	p = map(phys, h.length, ctx);
	if (!p)
		return FAIL(err, errlen, -EFAULT, "ACPI: %s %s at %#lx+%#x: not mappable", what,
			    sig, (unsigned long)phys, h.length);
	sum = acpi_checksum(p, h.length);
	if (sum)
		return FAIL(err, errlen, -EINVAL, "ACPI: %s %s at %#lx: checksum off by %#x", what,
			    sig, (unsigned long)phys, sum);
	*tbl = p;
	return 0;
}

/* Record a table, or count it as bad and keep the first reason in @err. */
static int add_table(struct acpi_tables *t, uint64_t phys, acpi_map_fn map, void *ctx, char *err,
		     size_t errlen)
{
	const uint8_t *tbl;
	struct acpi_sdt_header h;

	if (map_table(phys, map, ctx, &tbl, "table", t->bad ? NULL : err, errlen)) {
		t->bad++;
		return 0;
	}
	if (t->count == ACPI_MAX_TABLES)
		return FAIL(err, errlen, -E2BIG, "ACPI: more than %u tables", ACPI_MAX_TABLES);
	memcpy(&h, tbl, sizeof(h));
	memcpy(t->table[t->count].sig, h.signature, SIG_LEN);
	t->table[t->count].phys = phys;
	t->table[t->count].length = h.length;
	t->count++;
	return 0;
}

static uint64_t root_entry(const uint8_t *root, size_t i, size_t width)
{
	uint32_t a32;
	uint64_t a64;

	if (width == RSDT_ENTRY_SIZE) {
		memcpy(&a32, root + HDR_LEN + i * width, sizeof(a32));
		return a32;
	}
	memcpy(&a64, root + HDR_LEN + i * width, sizeof(a64));
	return a64;
}

static int load_root(struct acpi_tables *t, uint64_t phys, bool xsdt, acpi_map_fn map, void *ctx,
		     char *err, size_t errlen)
{
	const char *name = xsdt ? "XSDT" : "RSDT";
	size_t width = xsdt ? XSDT_ENTRY_SIZE : RSDT_ENTRY_SIZE;
	struct acpi_sdt_header h;
	const uint8_t *root;
	int rc;

	t->count = t->bad = 0;
	t->xsdt = xsdt;
	t->root_phys = phys;
	rc = map_table(phys, map, ctx, &root, "root table", err, errlen);
	if (rc)
		return rc;
	memcpy(&h, root, sizeof(h));
	if (memcmp(h.signature, name, SIG_LEN) || (h.length - HDR_LEN) % width)
		return FAIL(err, errlen, -EINVAL, "ACPI: %s at %#lx: bad signature or length %u",
			    name, (unsigned long)phys, h.length);
	for (size_t i = 0; i < (h.length - HDR_LEN) / width && !rc; i++)
		if (root_entry(root, i, width))
			rc = add_table(t, root_entry(root, i, width), map, ctx, err, errlen);
	return rc;
}

/* The DSDT is reached through the FADT, not the root table, but the hypervisor wants it too. */
static int add_dsdt(struct acpi_tables *t, acpi_map_fn map, void *ctx, char *err, size_t errlen)
{
	const struct acpi_sdt_header *fadt = acpi_get_table(t, "FACP", 0, map, ctx);
	uint32_t dsdt32 = 0;
	uint64_t dsdt = 0;

	if (!fadt)
		return 0;
	if (fadt->length >= FADT_DSDT_OFF + sizeof(dsdt32)) {
		memcpy(&dsdt32, (const uint8_t *)fadt + FADT_DSDT_OFF, sizeof(dsdt32));
		dsdt = dsdt32;
	}
	if (fadt->length >= FADT_XDSDT_OFF + sizeof(dsdt)) {
		uint64_t x;

		memcpy(&x, (const uint8_t *)fadt + FADT_XDSDT_OFF, sizeof(x));
		dsdt = x ? x : dsdt;
	}
	return dsdt ? add_table(t, dsdt, map, ctx, err, errlen) : 0;
}

int acpi_load_tables(const void *rsdp, size_t rsdp_len, uint64_t rsdp_phys, acpi_map_fn map,
		     void *ctx, struct acpi_tables *out, char *err, size_t errlen)
{
	struct acpi_rsdp r = {0};
	bool use_xsdt;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (err && errlen)
		err[0] = '\0';
	if (!rsdp || !rsdp_valid(rsdp, rsdp_len))
		return FAIL(err, errlen, -EINVAL,
			    "ACPI: RSDP at %#lx (%u bytes): bad signature, length or checksum",
			    (unsigned long)rsdp_phys, (unsigned)rsdp_len);
	memcpy(&r, rsdp, rsdp_len < sizeof(r) ? rsdp_len : sizeof(r));
	use_xsdt = r.revision >= ACPI_REV2 && r.xsdt_address;
	if (!use_xsdt && !r.rsdt_address)
		return FAIL(err, errlen, -EINVAL, "ACPI: RSDP at %#lx: no RSDT or XSDT address",
			    (unsigned long)rsdp_phys);
	if (use_xsdt)
		rc = load_root(out, r.xsdt_address, true, map, ctx, err, errlen);
	/* Some firmware ships a broken XSDT next to a good RSDT; the XSDT error stays in @err. */
	if (!use_xsdt || (rc && r.rsdt_address))
		rc = load_root(out, r.rsdt_address, false, map, ctx, use_xsdt ? NULL : err, errlen);
	if (!rc)
		rc = add_dsdt(out, map, ctx, err, errlen);
	if (rc)
		memset(out, 0, sizeof(*out));
	out->rsdp_phys = rsdp_phys;
	out->revision = r.revision;
	return rc;
}

const struct acpi_sdt_header *acpi_get_table(const struct acpi_tables *t, const char sig[4],
					     unsigned instance, acpi_map_fn map, void *ctx)
{
	const uint8_t *tbl;

	for (size_t i = 0; i < t->count; i++) {
		if (memcmp(t->table[i].sig, sig, SIG_LEN) || instance--)
			continue;
		if (map_table(t->table[i].phys, map, ctx, &tbl, "table", NULL, 0) ||
		    memcmp(tbl, sig, SIG_LEN) ||
		    ((const struct acpi_sdt_header *)tbl)->length != t->table[i].length)
			return NULL;
		return (const struct acpi_sdt_header *)tbl;
	}
	return NULL;
}

/* FADT offsets not above (ACPI 6.5 table 5.9); fields past a short FADT's length stay 0. */
#define FADT_FACS_OFF	   36
#define FADT_BOOT_ARCH_OFF 109
#define FADT_FLAGS_OFF	   112
#define FADT_MINOR_OFF	   131
#define FADT_XFACS_OFF	   132
#define FADT_HV_VENDOR_OFF 268
#define FADT_MIN_LEN	   (FADT_FLAGS_OFF + 4)

/* @size bytes at @off of the table into @dst when the table's @len covers them. */
static void fadt_field(const uint8_t *f, uint32_t len, size_t off, void *dst, size_t size)
{
	if (len >= off + size)
		memcpy(dst, f + off, size);
}

int acpi_parse_fadt(const void *fadt, size_t len, struct acpi_fadt_info *out, char *err,
		    size_t errlen)
{
	const uint8_t *f = fadt;
	struct acpi_sdt_header h;
	uint32_t facs32 = 0;

	memset(out, 0, sizeof(*out));
	if (len < HDR_LEN)
		return FAIL(err, errlen, -EINVAL, "FADT: %u bytes, shorter than a header",
			    (unsigned)len);
	memcpy(&h, f, sizeof(h));
	if (memcmp(h.signature, "FACP", SIG_LEN) || h.length < FADT_MIN_LEN || h.length > len)
		return FAIL(err, errlen, -EINVAL, "FADT: bad signature or length %u (%u readable)",
			    h.length, (unsigned)len);
	if (acpi_checksum(f, h.length))
		return FAIL(err, errlen, -EINVAL, "FADT: checksum off by %#x",
			    acpi_checksum(f, h.length));
	out->revision = h.revision;
	fadt_field(f, h.length, FADT_FACS_OFF, &facs32, sizeof(facs32));
	fadt_field(f, h.length, FADT_DSDT_OFF, &out->dsdt32, sizeof(out->dsdt32));
	fadt_field(f, h.length, FADT_BOOT_ARCH_OFF, &out->boot_arch, sizeof(out->boot_arch));
	fadt_field(f, h.length, FADT_FLAGS_OFF, &out->flags, sizeof(out->flags));
	fadt_field(f, h.length, FADT_MINOR_OFF, &out->minor, sizeof(out->minor));
	fadt_field(f, h.length, FADT_XFACS_OFF, &out->facs, sizeof(out->facs));
	fadt_field(f, h.length, FADT_XDSDT_OFF, &out->x_dsdt, sizeof(out->x_dsdt));
	fadt_field(f, h.length, FADT_HV_VENDOR_OFF, out->hv_vendor, ACPI_FADT_HV_VENDOR_LEN);
	out->dsdt = out->x_dsdt ? out->x_dsdt : out->dsdt32;
	out->facs = out->facs ? out->facs : facs32;
	return 0;
}
