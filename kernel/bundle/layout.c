// SPDX-License-Identifier: BSD-2-Clause
// Byte-level check of the bundle's FDT: the one canonical layout mkimage writes, so that every
// byte is either part of the structure the schema checks or of a property value that is signed.

#include <string.h>

#include <libfdt.h>

#include "internal.h"

/*
 * The canonical layout, as libfdt's sequential writer lays it out: the header, zeros up to the
 * next 16-byte boundary, one (terminating, all-zero) reservation entry, structure, strings.
 */
#define FDT_HEADER_SIZE	  40u
#define FDT_RSV_ENTRY	  16u
#define FDT_RSVMAP_OFFSET 48u
#define FDT_STRUCT_OFFSET (FDT_RSVMAP_OFFSET + FDT_RSV_ENTRY)
#define FDT_VERSION	  17u
#define FDT_LAST_COMP	  16u
#define FDT_PROP_HEADER	  12u /* tag, len, nameoff */
/* Property names of the format fit easily; a bitmap of string starts stays on the stack. */
#define BUNDLE_MAX_STRINGS 256u
#define BUNDLE_MAX_DEPTH   4 /* /images/<name>/hash */

_Static_assert(sizeof(struct fdt_header) == FDT_HEADER_SIZE, "FDT header is 40 bytes");
_Static_assert(sizeof(struct fdt_reserve_entry) == FDT_RSV_ENTRY, "reservation entry");
_Static_assert(sizeof(struct fdt_property) == FDT_PROP_HEADER, "property header");

struct hdr_rule {
	const char *field;
	uint64_t got, want;
};

static bool check_header(const uint8_t *b, size_t len, struct bundle_err *e)
{
	const uint64_t structs = fdt_size_dt_struct(b), strings = fdt_size_dt_strings(b);
	const struct hdr_rule rules[] = {
	    {"magic", fdt_magic(b), FDT_MAGIC},
	    {"totalsize", fdt_totalsize(b), len},
	    {"version", fdt_version(b), FDT_VERSION},
	    {"last_comp_version", fdt_last_comp_version(b), FDT_LAST_COMP},
	    {"boot_cpuid_phys", fdt_boot_cpuid_phys(b), 0},
	    {"off_mem_rsvmap", fdt_off_mem_rsvmap(b), FDT_RSVMAP_OFFSET},
	    {"off_dt_struct", fdt_off_dt_struct(b), FDT_STRUCT_OFFSET},
	    {"off_dt_strings", fdt_off_dt_strings(b), FDT_STRUCT_OFFSET + structs},
	    {"end of strings", fdt_off_dt_strings(b) + strings, len},
	};

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!BCC(e, rules[i].got == rules[i].want,
			 "malformed bundle: header %s is 0x%lx, must be 0x%lx", rules[i].field,
			 (unsigned long)rules[i].got, (unsigned long)rules[i].want))
			return false;
	return BCC(e, strings <= BUNDLE_MAX_STRINGS, "malformed bundle: %lu bytes of names",
		   (unsigned long)strings);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

struct walk {
	const uint8_t *structs, *strings;
	uint32_t struct_size, strings_size;
	int depth;
	bool root_closed;
	bool name_used[BUNDLE_MAX_STRINGS];
};

static bool check_node(struct walk *w, int off, int next, struct bundle_err *e)
{
	const char *name = (const char *)w->structs + off + 4;
	size_t end = (size_t)off + 4 + strlen(name) + 1;

	if (!BCC(e, end <= (size_t)next, "malformed bundle: node name past its end") ||
	    !BCC(e, !w->root_closed, "malformed bundle: a second root node"))
		return false;
	if (!BCC(e, ++w->depth <= BUNDLE_MAX_DEPTH, "malformed bundle: nodes nested too deep"))
		return false;
	return BCC(e, all_zero(w->structs + end, (size_t)next - end),
		   "malformed bundle: non-zero padding after node name \"%s\"", name);
}

static bool check_prop(struct walk *w, int off, int next, struct bundle_err *e)
{
	const struct fdt_property *p = (const void *)(w->structs + off);
	uint32_t nameoff = fdt32_to_cpu(p->nameoff);
	uint64_t end = (uint64_t)off + FDT_PROP_HEADER + fdt32_to_cpu(p->len);

	/* libfdt's own offset arithmetic is int: a huge length must not wrap past it. */
	if (!BCC(e, end <= (uint64_t)next, "malformed bundle: property value past its end") ||
	    !BCC(e, w->depth > 0, "malformed bundle: property outside the root node"))
		return false;
	if (!BCC(e, nameoff < w->strings_size && (nameoff == 0 || !w->strings[nameoff - 1]),
		 "malformed bundle: property name offset 0x%lx is not a name",
		 (unsigned long)nameoff))
		return false;
	if (!BCC(e, memchr(w->strings + nameoff, 0, w->strings_size - nameoff),
		 "malformed bundle: unterminated property name"))
		return false;
	w->name_used[nameoff] = true;
	return BCC(e, all_zero(w->structs + end, (size_t)(next - end)),
		   "malformed bundle: non-zero padding after a property value");
}

/* One tag; *done once FDT_END closes a well-formed tree. */
static bool check_tag(struct walk *w, const void *fdt, int *off, bool *done, struct bundle_err *e)
{
	int next;
	uint32_t tag = fdt_next_tag(fdt, *off, &next);
	bool ok = false;

	if (!BCC(e, next > *off && (uint32_t)next <= w->struct_size,
		 "malformed or truncated bundle: bad structure at 0x%x", *off))
		return false;
	if (tag == FDT_BEGIN_NODE)
		ok = check_node(w, *off, next, e);
	else if (tag == FDT_PROP)
		ok = check_prop(w, *off, next, e);
	else if (tag == FDT_END_NODE)
		ok = BCC(e, w->depth-- > 0, "malformed bundle: unbalanced end of node");
	else if (tag == FDT_END)
		ok = BCC(e, w->root_closed && (uint32_t)next == w->struct_size,
			 "malformed bundle: structure ends early or has trailing bytes");
	else
		BCC(e, tag != FDT_NOP, "malformed bundle: NOP or unknown tag 0x%lx",
		    (unsigned long)tag);
	w->root_closed = w->root_closed || (ok && w->depth == 0);
	*done = tag == FDT_END;
	*off = next;
	return ok;
}

/* Every name in the strings block is used by some property: no unreferenced bytes there. */
static bool check_strings(const struct walk *w, struct bundle_err *e)
{
	uint32_t p = 0;

	while (p < w->strings_size) {
		const uint8_t *nul = memchr(w->strings + p, 0, w->strings_size - p);

		if (!BCC(e, nul && w->name_used[p], "malformed bundle: unused bytes among names"))
			return false;
		p = (uint32_t)(nul - w->strings) + 1;
	}
	return true;
}

bool bundle_check_layout(const uint8_t *b, size_t len, struct bundle_err *e)
{
	static const uint8_t zeros[FDT_STRUCT_OFFSET - FDT_HEADER_SIZE];
	struct walk w = {0};
	bool done = false;
	int off = 0;

	if (!BCC(e, len >= FDT_STRUCT_OFFSET && len <= BUNDLE_MAX_SIZE,
		 "truncated or oversized bundle: %lu bytes", (unsigned long)len))
		return false;
	if (!check_header(b, len, e))
		return false;
	if (!BCC(e, memcmp(b + FDT_HEADER_SIZE, zeros, sizeof(zeros)) == 0,
		 "malformed bundle: memory reservations (or non-zero padding) are not allowed"))
		return false;
	w.structs = b + FDT_STRUCT_OFFSET;
	w.struct_size = fdt_size_dt_struct(b);
	w.strings = b + fdt_off_dt_strings(b);
	w.strings_size = fdt_size_dt_strings(b);
	while (!done)
		if (!check_tag(&w, b, &off, &done, e))
			return false;
	return check_strings(&w, e);
}
