// SPDX-License-Identifier: BSD-2-Clause
// ELF32/ELF64 executable parser for guest images: every header field a loader relies on is bounded.

#include <stdio.h>
#include <string.h>

#include "elf_image.h"

/* System V ABI, "ELF Header" and "Program Header" (gABI 4.1 / ELF-64 Object File Format). */
#define EI_NIDENT     16
#define EI_CLASS      4
#define EI_DATA	      5
#define EI_VERSION    6
#define ELFCLASS32    1
#define ELFCLASS64    2
#define ELFDATA2LSB   1
#define EV_CURRENT    1
#define ET_EXEC	      2
#define EM_386	      3
#define EM_X86_64     62
#define PT_LOAD	      1
#define ELF_MAX_PHNUM 64 /* more program headers than any kernel has: refused as corrupt */

static const uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};

struct elf32_ehdr {
	uint8_t ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_ehdr {
	uint8_t ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

_Static_assert(sizeof(struct elf32_ehdr) == 52, "ELF32 header size");
_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header size");
_Static_assert(sizeof(struct elf32_phdr) == 32, "ELF32 program header size");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header size");

/* The class-independent view of what the parser checks. */
struct elf_hdr {
	uint16_t type, machine, ehsize, phentsize, phnum;
	uint32_t version;
	uint64_t entry, phoff;
};

struct elf_ctx {
	const uint8_t *data;
	size_t size;
	bool is64;
	char *err;
	size_t errlen;
};

struct phdr {
	uint32_t type;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

#define FAIL(c, ...) \
	((c)->err ? (void)snprintf((c)->err, (c)->errlen, __VA_ARGS__) : (void)0, false)

static void read_hdr(const struct elf_ctx *c, struct elf_hdr *h)
{
	if (c->is64) {
		struct elf64_ehdr e;

		memcpy(&e, c->data, sizeof(e));
		*h = (struct elf_hdr){e.type,  e.machine, e.ehsize, e.phentsize,
				      e.phnum, e.version, e.entry,  e.phoff};
	} else {
		struct elf32_ehdr e;

		memcpy(&e, c->data, sizeof(e));
		*h = (struct elf_hdr){e.type,  e.machine, e.ehsize, e.phentsize,
				      e.phnum, e.version, e.entry,  e.phoff};
	}
}

/* e_ident: magic, class, byte order, version (gABI "ELF Identification"). */
static bool check_ident(struct elf_ctx *c)
{
	if (c->size < EI_NIDENT || memcmp(c->data, elf_magic, sizeof(elf_magic)) != 0)
		return FAIL(c, "ELF: no ELF magic (7f 45 4c 46) at offset 0");
	if (c->data[EI_CLASS] != ELFCLASS32 && c->data[EI_CLASS] != ELFCLASS64)
		return FAIL(c, "ELF: e_ident[EI_CLASS] %u is neither ELFCLASS32 nor ELFCLASS64",
			    c->data[EI_CLASS]);
	if (c->data[EI_DATA] != ELFDATA2LSB)
		return FAIL(c, "ELF: e_ident[EI_DATA] %u is not little-endian (1)",
			    c->data[EI_DATA]);
	if (c->data[EI_VERSION] != EV_CURRENT)
		return FAIL(c, "ELF: e_ident[EI_VERSION] %u is not 1", c->data[EI_VERSION]);
	c->is64 = c->data[EI_CLASS] == ELFCLASS64;
	if (c->size < (c->is64 ? sizeof(struct elf64_ehdr) : sizeof(struct elf32_ehdr)))
		return FAIL(c, "ELF: file of %lu bytes is shorter than its ELF header",
			    (unsigned long)c->size);
	return true;
}

static bool check_hdr(struct elf_ctx *c, const struct elf_hdr *h)
{
	size_t ehsize = c->is64 ? sizeof(struct elf64_ehdr) : sizeof(struct elf32_ehdr);
	size_t phsize = c->is64 ? sizeof(struct elf64_phdr) : sizeof(struct elf32_phdr);
	uint16_t machine = c->is64 ? EM_X86_64 : EM_386;

	if (h->type != ET_EXEC)
		return FAIL(c, "ELF: e_type %u is not ET_EXEC (2)", h->type);
	if (h->machine != machine)
		return FAIL(c, "ELF: e_machine %u is not %s (%u)", h->machine,
			    c->is64 ? "EM_X86_64" : "EM_386", machine);
	if (h->version != EV_CURRENT)
		return FAIL(c, "ELF: e_version %u is not 1", h->version);
	if (h->ehsize < ehsize)
		return FAIL(c, "ELF: e_ehsize %u is below %lu", h->ehsize, (unsigned long)ehsize);
	if (h->phentsize != phsize)
		return FAIL(c, "ELF: e_phentsize %u is not %lu", h->phentsize,
			    (unsigned long)phsize);
	if (h->phnum == 0 || h->phnum > ELF_MAX_PHNUM)
		return FAIL(c, "ELF: e_phnum %u is not in 1-%u", h->phnum, ELF_MAX_PHNUM);
	if (h->phoff > c->size || (uint64_t)h->phnum * phsize > c->size - h->phoff)
		return FAIL(
		    c,
		    "ELF: e_phoff 0x%lx + e_phnum %u * %lu is past the end of the file (%lu bytes)",
		    (unsigned long)h->phoff, h->phnum, (unsigned long)phsize,
		    (unsigned long)c->size);
	return true;
}

static void read_phdr(const struct elf_ctx *c, uint64_t off, struct phdr *ph)
{
	if (c->is64) {
		struct elf64_phdr p;

		memcpy(&p, c->data + off, sizeof(p));
		*ph = (struct phdr){p.type, p.offset, p.vaddr, p.paddr, p.filesz, p.memsz};
	} else {
		struct elf32_phdr p;

		memcpy(&p, c->data + off, sizeof(p));
		*ph = (struct phdr){p.type, p.offset, p.vaddr, p.paddr, p.filesz, p.memsz};
	}
}

static bool check_load(struct elf_ctx *c, unsigned int i, const struct phdr *ph)
{
	if (ph->offset > c->size || ph->filesz > c->size - ph->offset)
		return FAIL(c,
			    "ELF: segment %u: p_offset 0x%lx + p_filesz 0x%lx is past the end of "
			    "the file (%lu bytes)",
			    i, (unsigned long)ph->offset, (unsigned long)ph->filesz,
			    (unsigned long)c->size);
	if (ph->filesz > ph->memsz)
		return FAIL(c, "ELF: segment %u: p_filesz 0x%lx exceeds p_memsz 0x%lx", i,
			    (unsigned long)ph->filesz, (unsigned long)ph->memsz);
	if (ph->paddr + ph->memsz < ph->paddr || ph->vaddr + ph->memsz < ph->vaddr)
		return FAIL(c, "ELF: segment %u: p_paddr/p_vaddr + p_memsz 0x%lx wraps around", i,
			    (unsigned long)ph->memsz);
	return true;
}

/* The entry is a virtual address: the segment holding it says where it is physically. */
static bool entry_phys(struct elf_ctx *c, const struct phdr *ph, size_t n, uint64_t entry,
		       uint64_t *out)
{
	for (size_t i = 0; i < n; i++)
		if (entry >= ph[i].vaddr && entry - ph[i].vaddr < ph[i].memsz) {
			*out = entry - ph[i].vaddr + ph[i].paddr;
			return true;
		}
	return FAIL(c, "ELF: e_entry 0x%lx is in no PT_LOAD segment", (unsigned long)entry);
}

static bool read_loads(struct elf_ctx *c, const struct elf_hdr *h, struct img_layout *out)
{
	struct phdr ph[ELF_MAX_SEGMENTS];
	size_t n = 0;

	for (unsigned int i = 0; i < h->phnum; i++) {
		struct phdr p;

		read_phdr(c, h->phoff + (uint64_t)i * h->phentsize, &p);
		if (p.type != PT_LOAD || p.memsz == 0)
			continue;
		if (!check_load(c, i, &p))
			return false;
		if (n == ELF_MAX_SEGMENTS)
			return FAIL(c, "ELF: more than %u PT_LOAD segments", ELF_MAX_SEGMENTS);
		ph[n] = p;
		out->seg[n++] = (struct img_segment){p.paddr, p.offset, p.filesz, p.memsz};
	}
	if (n == 0)
		return FAIL(c, "ELF: no PT_LOAD segment with p_memsz > 0");
	out->nseg = n;
	return entry_phys(c, ph, n, h->entry, &out->entry);
}

bool elf_image_parse(const void *data, size_t size, struct img_layout *out, char *err,
		     size_t errlen)
{
	struct elf_ctx c = {data, size, false, err, errlen};
	struct elf_hdr h;

	memset(out, 0, sizeof(*out));
	if (!check_ident(&c))
		return false;
	read_hdr(&c, &h);
	if (!check_hdr(&c, &h))
		return false;
	out->elf64 = c.is64;
	return read_loads(&c, &h, out);
}
