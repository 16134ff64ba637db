// SPDX-License-Identifier: BSD-2-Clause
// Multiboot2 boot information parsing: every tag is bounds-checked before any of it is trusted.
#include <stdio.h>
#include <string.h>

#include "mb2.h"

/* Tag types, multiboot2 specification section 3.6. */
enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_MMAP = 6,
	MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
	MB2_TAG_EFI_MMAP = 17,
	MB2_TAG_EFI_BS = 18,
	MB2_TAG_EFI32_IH = 19,
	MB2_TAG_EFI64_IH = 20,
	MB2_TAG_LOAD_BASE = 21,
};

struct mb2_header {
	uint32_t total_size, reserved;
};

struct mb2_tag {
	uint32_t type, size;
};

struct mb2_tag_module {
	struct mb2_tag tag;
	uint32_t mod_start, mod_end; /* NUL-terminated command line follows */
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	uint32_t entry_size, entry_version; /* entries follow */
};

struct mb2_mmap_entry {
	uint64_t base, length;
	uint32_t type, reserved;
};

struct mb2_tag_load_base {
	struct mb2_tag tag;
	uint32_t load_base_addr;
};

_Static_assert(sizeof(struct mb2_header) == 8, "multiboot2 info header");
_Static_assert(sizeof(struct mb2_tag) == 8, "multiboot2 tag header");
_Static_assert(sizeof(struct mb2_tag_module) == 16, "multiboot2 module tag");
_Static_assert(offsetof(struct mb2_tag_module, mod_end) == 12, "multiboot2 module tag");
_Static_assert(sizeof(struct mb2_tag_mmap) == 16, "multiboot2 mmap tag");
_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "multiboot2 mmap entry");
_Static_assert(offsetof(struct mb2_mmap_entry, type) == 16, "multiboot2 mmap entry");
_Static_assert(sizeof(struct mb2_tag_load_base) == 12, "multiboot2 load base tag");

#define MB2_ALIGN     8U
#define MB2_MIN_SIZE  (sizeof(struct mb2_header) + sizeof(struct mb2_tag))
#define RSDP_V1_LEN   20U
#define RSDP_V2_LEN   36U
#define TAG_BIT(type) (1ULL << (type))
#define UNIQUE_TAGS                                                                   \
	(TAG_BIT(MB2_TAG_CMDLINE) | TAG_BIT(MB2_TAG_LOADER) | TAG_BIT(MB2_TAG_MMAP) | \
	 TAG_BIT(MB2_TAG_ACPI_OLD) | TAG_BIT(MB2_TAG_ACPI_NEW) | TAG_BIT(MB2_TAG_LOAD_BASE))
#define EFI_TAGS                                                                       \
	(TAG_BIT(MB2_TAG_EFI32) | TAG_BIT(MB2_TAG_EFI64) | TAG_BIT(MB2_TAG_EFI_MMAP) | \
	 TAG_BIT(MB2_TAG_EFI_BS) | TAG_BIT(MB2_TAG_EFI32_IH) | TAG_BIT(MB2_TAG_EFI64_IH))
#define TAG_BITS 64U

struct parser {
	const uint8_t *base;
	uint32_t size;
	struct mb2_info *out;
	char *err;
	size_t errlen;
};

#define FAIL(p, rc, ...) (((p)->err ? snprintf((p)->err, (p)->errlen, __VA_ARGS__) : 0), (rc))

/* A string tag is only usable if its NUL terminator lies inside the tag. */
static int tag_string(struct parser *p, uint32_t off, uint32_t hdr, const struct mb2_tag *tag,
		      const char **dst)
{
	const uint8_t *s = p->base + off + hdr;

	if (tag->size <= hdr || !memchr(s, 0, tag->size - hdr))
		return FAIL(p, -EINVAL, "mb2: tag type %u at offset %#x: string not NUL-terminated",
			    tag->type, off);
	*dst = (const char *)s;
	return 0;
}

static int parse_module(struct parser *p, uint32_t off, const struct mb2_tag *tag)
{
	struct mb2_tag_module m;
	struct mb2_module *mod;

	if (tag->size < sizeof(m))
		return FAIL(p, -EINVAL, "mb2: module tag at offset %#x: size %u too small", off,
			    tag->size);
	if (p->out->module_count == MB2_MAX_MODULES)
		return FAIL(p, -E2BIG, "mb2: module tag at offset %#x: more than %u modules", off,
			    MB2_MAX_MODULES);
	memcpy(&m, p->base + off, sizeof(m));
	if (m.mod_start > m.mod_end)
		return FAIL(p, -EINVAL, "mb2: module tag at offset %#x: start %#x > end %#x", off,
			    m.mod_start, m.mod_end);
	mod = &p->out->modules[p->out->module_count];
	mod->start = m.mod_start;
	mod->end = m.mod_end;
	if (tag_string(p, off, sizeof(m), tag, &mod->cmdline))
		return -EINVAL;
	p->out->module_count++;
	return 0;
}

static uint32_t normalize_type(uint32_t type)
{
	return type >= MEM_AVAILABLE && type <= MEM_BAD ? type : MEM_RESERVED;
}

static int parse_mmap(struct parser *p, uint32_t off, const struct mb2_tag *tag)
{
	struct mb2_tag_mmap mt;
	struct mb2_mmap_entry e;
	uint32_t pos, n = 0;

	if (tag->size < sizeof(mt))
		return FAIL(p, -EINVAL, "mb2: mmap tag at offset %#x: size %u too small", off,
			    tag->size);
	memcpy(&mt, p->base + off, sizeof(mt));
	if (mt.entry_size < sizeof(e) || (tag->size - sizeof(mt)) % mt.entry_size)
		return FAIL(p, -EINVAL,
			    "mb2: mmap tag at offset %#x: entry_size %u invalid for tag size %u",
			    off, mt.entry_size, tag->size);
	for (pos = sizeof(mt); pos < tag->size; pos += mt.entry_size, n++) {
		if (p->out->mmap_count == MB2_MAX_MMAP)
			return FAIL(p, -E2BIG, "mb2: mmap tag at offset %#x: more than %u entries",
				    off, MB2_MAX_MMAP);
		memcpy(&e, p->base + off + pos, sizeof(e));
		if (e.length > UINT64_MAX - e.base)
			return FAIL(p, -EINVAL,
				    "mb2: mmap tag at offset %#x: entry %u base %#lx length %#lx "
				    "wraps",
				    off, n, (unsigned long)e.base, (unsigned long)e.length);
		p->out->mmap[p->out->mmap_count++] = (struct mem_region){
		    .base = e.base, .size = e.length, .type = normalize_type(e.type)};
	}
	return 0;
}

static int parse_acpi(struct parser *p, uint32_t off, const struct mb2_tag *tag)
{
	bool v2 = tag->type == MB2_TAG_ACPI_NEW;
	uint32_t len = tag->size - sizeof(*tag);

	if (len < (v2 ? RSDP_V2_LEN : RSDP_V1_LEN))
		return FAIL(p, -EINVAL,
			    "mb2: ACPI RSDP tag type %u at offset %#x: %u bytes too short",
			    tag->type, off, len);
	if (p->out->rsdp_v2 && !v2)
		return 0;
	p->out->rsdp = p->base + off + sizeof(*tag);
	p->out->rsdp_len = len;
	p->out->rsdp_v2 = v2;
	return 0;
}

static int parse_load_base(struct parser *p, uint32_t off, const struct mb2_tag *tag)
{
	struct mb2_tag_load_base lb;

	if (tag->size < sizeof(lb))
		return FAIL(p, -EINVAL, "mb2: load base tag at offset %#x: size %u too small", off,
			    tag->size);
	memcpy(&lb, p->base + off, sizeof(lb));
	p->out->load_base = lb.load_base_addr;
	p->out->load_base_valid = true;
	return 0;
}

static int parse_tag(struct parser *p, uint32_t off, const struct mb2_tag *tag)
{
	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		return tag_string(p, off, sizeof(*tag), tag, &p->out->cmdline);
	case MB2_TAG_LOADER:
		return tag_string(p, off, sizeof(*tag), tag, &p->out->loader);
	case MB2_TAG_MODULE:
		return parse_module(p, off, tag);
	case MB2_TAG_MMAP:
		return parse_mmap(p, off, tag);
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		return parse_acpi(p, off, tag);
	case MB2_TAG_LOAD_BASE:
		return parse_load_base(p, off, tag);
	default:
		return 0; /* framebuffer, ELF sections, SMBIOS...: not needed by the hypervisor */
	}
}

static int check_header(struct parser *p, uint64_t info_phys)
{
	struct mb2_header h;

	memcpy(&h, p->base, sizeof(h));
	if (info_phys % MB2_ALIGN)
		return FAIL(p, -EINVAL, "mb2: boot info at %#lx not %u-byte aligned",
			    (unsigned long)info_phys, MB2_ALIGN);
	if (h.total_size < MB2_MIN_SIZE || h.total_size > MB2_MAX_INFO_SIZE ||
	    h.total_size % MB2_ALIGN)
		return FAIL(p, -EINVAL, "mb2: boot info at %#lx: total_size %u implausible",
			    (unsigned long)info_phys, h.total_size);
	p->size = h.total_size;
	return 0;
}

/* Walk the tags up to the end tag; every tag must lie entirely inside total_size. */
static int walk_tags(struct parser *p, uint64_t *seen)
{
	uint32_t off = sizeof(struct mb2_header);
	struct mb2_tag tag;
	int rc;

	for (;;) {
		if (off > p->size - sizeof(tag))
			return FAIL(p, -EINVAL, "mb2: no end tag within total_size %u", p->size);
		memcpy(&tag, p->base + off, sizeof(tag));
		if (tag.size < sizeof(tag) || tag.size > p->size - off)
			return FAIL(p, -EINVAL,
				    "mb2: tag type %u at offset %#x: size %u outside total_size %u",
				    tag.type, off, tag.size, p->size);
		if (tag.type == MB2_TAG_END)
			return tag.size == sizeof(tag)
				   ? 0
				   : FAIL(p, -EINVAL, "mb2: end tag at offset %#x: size %u", off,
					  tag.size);
		if (tag.type < TAG_BITS && (*seen & UNIQUE_TAGS & TAG_BIT(tag.type)))
			return FAIL(p, -EINVAL, "mb2: tag type %u at offset %#x: duplicate",
				    tag.type, off);
		if (tag.type < TAG_BITS)
			*seen |= TAG_BIT(tag.type);
		rc = parse_tag(p, off, &tag);
		if (rc)
			return rc;
		off += (tag.size + MB2_ALIGN - 1) & ~(MB2_ALIGN - 1);
	}
}

int mb2_parse(const void *info, uint64_t info_phys, struct mb2_info *out, char *err, size_t errlen)
{
	struct parser p = {.base = info, .out = out, .err = err, .errlen = errlen};
	uint64_t seen = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (err && errlen)
		err[0] = '\0';
	rc = check_header(&p, info_phys);
	if (!rc)
		rc = walk_tags(&p, &seen);
	if (!rc && !(seen & TAG_BIT(MB2_TAG_MMAP)))
		rc = FAIL(&p, -EINVAL, "mb2: no memory map tag (type %u)", MB2_TAG_MMAP);
	if (rc) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	out->info_phys = info_phys;
	out->info_size = p.size;
	out->efi = seen & EFI_TAGS;
	out->efi_bs_active = seen & TAG_BIT(MB2_TAG_EFI_BS);
	return 0;
}
