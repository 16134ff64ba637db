/* SPDX-License-Identifier: BSD-2-Clause */
/* Hand-built guest images for the boot-protocol tests: ELF32/ELF64 files and multiboot headers. */
#ifndef IMG_FIXTURE_H
#define IMG_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMG_MAX	   65536
#define IMG_MAX_PH 24
#define IMG_ERRLEN 160

/* ELF header field offsets (ELF32 / ELF64) the tests patch to break one rule at a time. */
#define E_TYPE	    16
#define E_MACHINE   18
#define E_VERSION   20
#define E_ENTRY	    24
#define E64_PHOFF   32
#define E64_EHSIZE  52
#define E64_PHENTSZ 54
#define E64_PHNUM   56
#define E32_PHOFF   28
#define E32_EHSIZE  40
#define E32_PHENTSZ 42
#define E32_PHNUM   44

struct img_ph {
	uint32_t type;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

struct img_elf {
	bool is64;
	uint64_t entry;
	struct img_ph ph[IMG_MAX_PH];
	size_t nph;
	size_t size; /* file size; program headers follow the ELF header */
};

struct img {
	_Alignas(8) uint8_t data[IMG_MAX];
	size_t size;
};

void img_put16(struct img *im, size_t off, uint16_t v);
void img_put32(struct img *im, size_t off, uint32_t v);
void img_put64(struct img *im, size_t off, uint64_t v);
/* A valid little-endian x86 ET_EXEC file as @e describes, into @im (rest zero-filled). */
void img_build_elf(struct img *im, const struct img_elf *e);
/* A file with one ELF64 PT_LOAD of 0x100 bytes at 0x1000 (paddr = vaddr), entry 0x1010. */
void img_simple_elf64(struct img *im);

/* Multiboot2 header at @off: fixed part with a right checksum, then @tags (@tags_len bytes,
 * 8-byte-aligned tags, the end tag included by the caller). */
void img_mb2_header(struct img *im, size_t off, const void *tags, size_t tags_len);
/* Multiboot header at @off with @flags and the right checksum; @addr: 5 address fields. */
void img_mb1_header(struct img *im, size_t off, uint32_t flags, const uint32_t *addr);

/* Reads a whole file into a new buffer (NULL on failure); @size gets its length. */
uint8_t *img_read_file(const char *path, size_t *size);

#endif
