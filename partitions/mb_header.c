// SPDX-License-Identifier: BSD-2-Clause
// Multiboot2 header search and validation: what a guest image asks of its loader.

#include <stdio.h>
#include <string.h>

#include "mb_header.h"

/* Multiboot2 specification 3.1.2-3.1.12: header tags. */
enum mb2_htag {
	HTAG_END = 0,
	HTAG_INFO_REQ = 1,
	HTAG_ADDRESS = 2,
	HTAG_ENTRY = 3,
	HTAG_CONSOLE = 4,
	HTAG_FRAMEBUFFER = 5,
	HTAG_MODULE_ALIGN = 6,
	HTAG_EFI_BS = 7,
	HTAG_EFI32_ENTRY = 8,
	HTAG_EFI64_ENTRY = 9,
	HTAG_RELOCATABLE = 10,
};

#define HTAG_OPTIONAL	 (1U << 0) /* tag flags bit 0: the image can do without it */
#define CONSOLE_REQUIRED (1U << 0) /* console_flags bit 0: some console must be given */
#define MB2_FIXED_SIZE	 16	   /* magic, architecture, header_length, checksum */
#define MB2_TAG_HDR	 8	   /* type, flags, size */

struct mb2_fixed {
	uint32_t magic, arch, length, checksum;
};

struct mb2_htag_hdr {
	uint16_t type, flags;
	uint32_t size;
};

_Static_assert(sizeof(struct mb2_fixed) == MB2_FIXED_SIZE, "multiboot2 header fixed part");
_Static_assert(sizeof(struct mb2_htag_hdr) == MB2_TAG_HDR, "multiboot2 header tag");

/* Boot-information tag types an information request may name (Multiboot2 3.6). */
static const char *const info_names[] = {
    "end",
    "command line",
    "boot loader name",
    "modules",
    "basic memory information",
    "BIOS boot device",
    "memory map",
    "VBE information",
    "framebuffer information",
    "ELF sections",
    "APM table",
    "EFI 32-bit system table",
    "EFI 64-bit system table",
    "SMBIOS tables",
    "ACPI old RSDP",
    "ACPI new RSDP",
    "networking information",
    "EFI memory map",
    "EFI boot services not terminated",
    "EFI 32-bit image handle",
    "EFI 64-bit image handle",
    "image load base",
};

#define INFO_BIT(t) (1U << (t))
/* What partitions/mb_info.c writes (3, modules: one tag per module the description gives, so
 * an image that asks for them is met even when there are none). */
#define INFO_GIVEN \
	(INFO_BIT(1) | INFO_BIT(2) | INFO_BIT(3) | INFO_BIT(4) | INFO_BIT(6) | INFO_BIT(15))
#define INFO_NAMES (sizeof(info_names) / sizeof(info_names[0]))

struct hparse {
	const uint8_t *hdr; /* the header, inside the image */
	uint32_t len;
	struct mb_header *out;
	char *err;
	size_t errlen;
};

#define FAIL(c, ...) \
	((c)->err ? (void)snprintf((c)->err, (c)->errlen, __VA_ARGS__) : (void)0, false)

static const char *info_name(uint32_t type)
{
	return type < INFO_NAMES ? info_names[type] : "unknown";
}

/* 3.1.3: every non-optional request must be met, or the image is not booted. */
static bool tag_info_req(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t off)
{
	if ((t->size - MB2_TAG_HDR) % sizeof(uint32_t))
		return FAIL(c, "multiboot2 header: information request tag size %u is not 8 + 4n",
			    t->size);
	for (uint32_t o = off + MB2_TAG_HDR; o < off + t->size; o += sizeof(uint32_t)) {
		uint32_t type;

		memcpy(&type, c->hdr + o, sizeof(type));
		if (t->flags & HTAG_OPTIONAL)
			continue;
		if (type >= 32 || !(INFO_GIVEN & INFO_BIT(type)))
			return FAIL(c,
				    "multiboot2 header: requires boot information tag %u (%s), "
				    "which Bulkhead does not give",
				    type, info_name(type));
	}
	return true;
}

static bool tag_size(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t want,
		     const char *name)
{
	if (t->size != want)
		return FAIL(c, "multiboot2 header: %s tag (type %u) size %u is not %u", name,
			    t->type, t->size, want);
	return true;
}

static bool tag_address(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t off)
{
	uint32_t a[4];

	if (!tag_size(c, t, MB2_TAG_HDR + sizeof(a), "address"))
		return false;
	memcpy(a, c->hdr + off + MB2_TAG_HDR, sizeof(a));
	c->out->has_addr = true;
	c->out->header_addr = a[0];
	c->out->load_addr = a[1];
	c->out->load_end_addr = a[2];
	c->out->bss_end_addr = a[3];
	return true;
}

static bool tag_entry(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t off)
{
	if (!tag_size(c, t, MB2_TAG_HDR + sizeof(uint32_t), "entry address"))
		return false;
	memcpy(&c->out->entry_addr, c->hdr + off + MB2_TAG_HDR, sizeof(uint32_t));
	c->out->has_entry = true;
	return true;
}

static bool tag_console(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t off)
{
	uint32_t flags;

	if (!tag_size(c, t, MB2_TAG_HDR + sizeof(flags), "console flags"))
		return false;
	memcpy(&flags, c->hdr + off + MB2_TAG_HDR, sizeof(flags));
	if ((flags & CONSOLE_REQUIRED) && !(t->flags & HTAG_OPTIONAL))
		return FAIL(c, "multiboot2 header: console flags tag requires a console (EGA text "
			       "or framebuffer), which Bulkhead does not give");
	return true;
}

static bool tag_reloc(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t off)
{
	uint32_t r[4];

	if (!tag_size(c, t, MB2_TAG_HDR + sizeof(r), "relocatable"))
		return false;
	memcpy(r, c->hdr + off + MB2_TAG_HDR, sizeof(r));
	c->out->relocatable = true;
	c->out->reloc_min = r[0];
	c->out->reloc_max = r[1];
	c->out->reloc_align = r[2];
	c->out->reloc_pref = r[3];
	return true;
}

/* Tags Bulkhead cannot honour are refused only when the image says it needs them. */
static bool tag_refused(struct hparse *c, const struct mb2_htag_hdr *t, const char *what)
{
	if (t->flags & HTAG_OPTIONAL)
		return true;
	return FAIL(c, "multiboot2 header: tag %u %s, which Bulkhead does not give", t->type, what);
}

static bool one_tag(struct hparse *c, const struct mb2_htag_hdr *t, uint32_t off)
{
	switch (t->type) {
	case HTAG_INFO_REQ:
		return tag_info_req(c, t, off);
	case HTAG_ADDRESS:
		return tag_address(c, t, off);
	case HTAG_ENTRY:
		return tag_entry(c, t, off);
	case HTAG_CONSOLE:
		return tag_console(c, t, off);
	case HTAG_FRAMEBUFFER:
		return tag_refused(c, t, "requires a framebuffer");
	case HTAG_MODULE_ALIGN: /* 3.1.10: met, partitions/mb_modules.c places every module on a page */
		return tag_size(c, t, MB2_TAG_HDR, "module alignment");
	case HTAG_EFI_BS:
	case HTAG_EFI32_ENTRY:
	case HTAG_EFI64_ENTRY:
		return tag_refused(c, t, "requires EFI");
	case HTAG_RELOCATABLE:
		return tag_reloc(c, t, off);
	default:
		return tag_refused(c, t, "is unknown and not optional");
	}
}

/* 3.1.3: tags follow the fixed part, 8-byte aligned, until the end tag. */
static bool walk_tags(struct hparse *c)
{
	uint32_t off = MB2_FIXED_SIZE;

	while (off <= c->len - MB2_TAG_HDR) {
		struct mb2_htag_hdr t;

		memcpy(&t, c->hdr + off, sizeof(t));
		if (t.size < MB2_TAG_HDR || t.size > c->len - off)
			return FAIL(
			    c,
			    "multiboot2 header: tag %u at header offset %u: size %u outside 8..%u",
			    t.type, off, t.size, c->len - off);
		if (t.type == HTAG_END)
			return t.size == MB2_TAG_HDR ||
			       FAIL(c, "multiboot2 header: end tag size %u is not 8", t.size);
		if (!one_tag(c, &t, off))
			return false;
		off += (t.size + MB2_HDR_ALIGN - 1) & ~(uint32_t)(MB2_HDR_ALIGN - 1);
	}
	return FAIL(c, "multiboot2 header: no end tag within header_length %u", c->len);
}

/* 3.1.2: magic, architecture, header_length, checksum. */
static bool mb2_check(struct hparse *c, const struct mb2_fixed *f, size_t room)
{
	if (f->magic + f->arch + f->length + f->checksum != 0)
		return FAIL(c, "multiboot2 header at offset 0x%lx: checksum 0x%x does not sum to 0",
			    (unsigned long)c->out->offset, f->checksum);
	if (f->arch != MB2_HDR_ARCH_I386)
		return FAIL(c, "multiboot2 header at offset 0x%lx: architecture %u is not i386 (0)",
			    (unsigned long)c->out->offset, f->arch);
	if (f->length < MB2_FIXED_SIZE + MB2_TAG_HDR || f->length > room)
		return FAIL(c,
			    "multiboot2 header at offset 0x%lx: header_length %u outside %u..%lu "
			    "(the first 32 KiB of the file)",
			    (unsigned long)c->out->offset, f->length, MB2_FIXED_SIZE + MB2_TAG_HDR,
			    (unsigned long)room);
	c->len = f->length;
	return walk_tags(c);
}

static size_t search_end(size_t size, size_t limit)
{
	return size < limit ? size : limit;
}

bool mb2_header_find(const void *img, size_t size, struct mb_header *out, char *err, size_t errlen)
{
	struct hparse c = {NULL, 0, out, err, errlen};
	size_t end = search_end(size, MB2_HDR_SEARCH);

	memset(out, 0, sizeof(*out));
	for (size_t off = 0; off + MB2_FIXED_SIZE <= end; off += MB2_HDR_ALIGN) {
		struct mb2_fixed f;

		memcpy(&f, (const uint8_t *)img + off, sizeof(f));
		if (f.magic != MB2_HDR_MAGIC)
			continue;
		c.hdr = (const uint8_t *)img + off;
		out->offset = off;
		return mb2_check(&c, &f, end - off);
	}
	return FAIL(&c, "no multiboot2 header (magic 0x%x, 8-byte aligned) in the first %u bytes",
		    MB2_HDR_MAGIC, MB2_HDR_SEARCH);
}
