// SPDX-License-Identifier: BSD-2-Clause
// Builders for the boot-protocol tests' synthetic images (tests/unit/img_fixture.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "img_fixture.h"

#define ELF64_EHSIZE 64
#define ELF32_EHSIZE 52
#define ELF64_PHSIZE 56
#define ELF32_PHSIZE 32

void img_put16(struct img *im, size_t off, uint16_t v)
{
	memcpy(im->data + off, &v, sizeof(v));
}

void img_put32(struct img *im, size_t off, uint32_t v)
{
	memcpy(im->data + off, &v, sizeof(v));
}

void img_put64(struct img *im, size_t off, uint64_t v)
{
	memcpy(im->data + off, &v, sizeof(v));
}

static void put_ph(struct img *im, size_t off, bool is64, const struct img_ph *p)
{
	if (is64) {
		img_put32(im, off, p->type);
		img_put64(im, off + 8, p->offset);
		img_put64(im, off + 16, p->vaddr);
		img_put64(im, off + 24, p->paddr);
		img_put64(im, off + 32, p->filesz);
		img_put64(im, off + 40, p->memsz);
	} else {
		img_put32(im, off, p->type);
		img_put32(im, off + 4, (uint32_t)p->offset);
		img_put32(im, off + 8, (uint32_t)p->vaddr);
		img_put32(im, off + 12, (uint32_t)p->paddr);
		img_put32(im, off + 16, (uint32_t)p->filesz);
		img_put32(im, off + 20, (uint32_t)p->memsz);
	}
}

void img_build_elf(struct img *im, const struct img_elf *e)
{
	static const uint8_t ident[8] = {0x7f, 'E', 'L', 'F', 0, 1, 1, 0};
	size_t eh = e->is64 ? ELF64_EHSIZE : ELF32_EHSIZE;
	size_t ph = e->is64 ? ELF64_PHSIZE : ELF32_PHSIZE;

	memset(im->data, 0, sizeof(im->data));
	memcpy(im->data, ident, sizeof(ident));
	im->data[4] = e->is64 ? 2 : 1;
	img_put16(im, E_TYPE, 2);
	img_put16(im, E_MACHINE, e->is64 ? 62 : 3);
	img_put32(im, E_VERSION, 1);
	if (e->is64) {
		img_put64(im, E_ENTRY, e->entry);
		img_put64(im, E64_PHOFF, eh);
		img_put16(im, E64_EHSIZE, (uint16_t)eh);
		img_put16(im, E64_PHENTSZ, (uint16_t)ph);
		img_put16(im, E64_PHNUM, (uint16_t)e->nph);
	} else {
		img_put32(im, E_ENTRY, (uint32_t)e->entry);
		img_put32(im, E32_PHOFF, (uint32_t)eh);
		img_put16(im, E32_EHSIZE, (uint16_t)eh);
		img_put16(im, E32_PHENTSZ, (uint16_t)ph);
		img_put16(im, E32_PHNUM, (uint16_t)e->nph);
	}
	for (size_t i = 0; i < e->nph; i++)
		put_ph(im, eh + i * ph, e->is64, &e->ph[i]);
	for (size_t i = eh + e->nph * ph; i < e->size; i++)
		if (!im->data[i])
			im->data[i] = (uint8_t)(i * 7); /* segment contents the tests can compare */
	im->size = e->size;
}

void img_simple_elf64(struct img *im)
{
	struct img_elf e = {.is64 = true, .entry = 0x1010, .nph = 1, .size = 0x200};

	e.ph[0] = (struct img_ph){1, 0x100, 0x1000, 0x1000, 0x100, 0x100};
	img_build_elf(im, &e);
}

void img_mb2_header(struct img *im, size_t off, const void *tags, size_t tags_len)
{
	uint32_t len = (uint32_t)(16 + tags_len);
	uint32_t magic = 0xe85250d6U, arch = 0;

	img_put32(im, off, magic);
	img_put32(im, off + 4, arch);
	img_put32(im, off + 8, len);
	img_put32(im, off + 12, -(magic + arch + len));
	memcpy(im->data + off + 16, tags, tags_len);
}

void img_mb1_header(struct img *im, size_t off, uint32_t flags, const uint32_t *addr)
{
	uint32_t magic = 0x1badb002U;

	img_put32(im, off, magic);
	img_put32(im, off + 4, flags);
	img_put32(im, off + 8, -(magic + flags));
	if (addr)
		memcpy(im->data + off + 12, addr, 5 * sizeof(uint32_t));
}

uint8_t *img_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}
