// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the ELF image parser: ELF32/ELF64 happy paths, every refusal, bulkhead.elf itself.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "elf_image.h"
#include "img_fixture.h"

static struct img im;
static struct img_layout lay;
static char err[IMG_ERRLEN];

/* An exactly sized heap copy, so ASan sees any read past the file's end. */
static bool parse(void)
{
	uint8_t *copy = malloc(im.size ? im.size : 1);
	bool ok;

	memcpy(copy, im.data, im.size);
	err[0] = 0;
	ok = elf_image_parse(copy, im.size, &lay, err, sizeof(err));
	free(copy);
	return ok;
}

static void refused(const char *what)
{
	assert_false(parse());
	if (!strstr(err, what))
		fail_msg("error \"%s\" does not name \"%s\"", err, what);
}

static void elf64_two_segments(void **state)
{
	struct img_elf e = {.is64 = true, .entry = 0xffff800000001004ULL, .nph = 3, .size = 0x400};

	e.ph[0] = (struct img_ph){1, 0x100, 0xffff800000001000ULL, 0x200000, 0x80, 0x100};
	e.ph[1] = (struct img_ph){4, 0x200, 0, 0, 0x10, 0x10}; /* PT_NOTE: not loaded */
	e.ph[2] = (struct img_ph){1, 0x200, 0xffff800000002000ULL, 0x300000, 0x200, 0x1000};
	img_build_elf(&im, &e);
	assert_true(parse());
	assert_true(lay.elf64);
	assert_int_equal(lay.nseg, 2);
	assert_int_equal(lay.seg[0].paddr, 0x200000);
	assert_int_equal(lay.seg[0].offset, 0x100);
	assert_int_equal(lay.seg[0].filesz, 0x80);
	assert_int_equal(lay.seg[0].memsz, 0x100);
	assert_int_equal(lay.seg[1].paddr, 0x300000);
	assert_int_equal(lay.seg[1].memsz, 0x1000);
	assert_int_equal(lay.entry, 0x200004); /* the virtual entry, translated */
}

static void elf32_one_segment(void **state)
{
	struct img_elf e = {.is64 = false, .entry = 0x100020, .nph = 2, .size = 0x300};

	e.ph[0] = (struct img_ph){1, 0x100, 0x100000, 0x100000, 0x200, 0x2000};
	e.ph[1] = (struct img_ph){1, 0x300, 0x400000, 0x400000, 0, 0}; /* empty: skipped */
	img_build_elf(&im, &e);
	assert_true(parse());
	assert_false(lay.elf64);
	assert_int_equal(lay.nseg, 1);
	assert_int_equal(lay.seg[0].paddr, 0x100000);
	assert_int_equal(lay.seg[0].filesz, 0x200);
	assert_int_equal(lay.entry, 0x100020);
}

static void ident_refusals(void **state)
{
	im.size = 8;
	refused("no ELF magic");
	img_simple_elf64(&im);
	im.data[1] = 'X';
	refused("no ELF magic");
	img_simple_elf64(&im);
	im.data[4] = 3;
	refused("EI_CLASS");
	img_simple_elf64(&im);
	im.data[5] = 2;
	refused("EI_DATA");
	img_simple_elf64(&im);
	im.data[6] = 0;
	refused("EI_VERSION");
	img_simple_elf64(&im);
	im.size = 63;
	refused("shorter than its ELF header");
}

static void header_refusals(void **state)
{
	img_simple_elf64(&im);
	img_put16(&im, E_TYPE, 3);
	refused("e_type 3");
	img_simple_elf64(&im);
	img_put16(&im, E_MACHINE, 3);
	refused("e_machine 3 is not EM_X86_64");
	img_simple_elf64(&im);
	img_put32(&im, E_VERSION, 2);
	refused("e_version 2");
	img_simple_elf64(&im);
	img_put16(&im, E64_EHSIZE, 52);
	refused("e_ehsize 52");
	img_simple_elf64(&im);
	img_put16(&im, E64_PHENTSZ, 32);
	refused("e_phentsize 32");
	img_simple_elf64(&im);
	img_put16(&im, E64_PHNUM, 0);
	refused("e_phnum 0");
	img_simple_elf64(&im);
	img_put16(&im, E64_PHNUM, 65);
	refused("e_phnum 65");
	img_simple_elf64(&im);
	img_put16(&im, E64_PHNUM, 9); /* 64 + 9 * 56 > 0x200 */
	refused("e_phoff 0x40 + e_phnum 9");
	img_simple_elf64(&im);
	img_put64(&im, E64_PHOFF, UINT64_MAX - 8);
	refused("e_phoff");
}

static void elf32_machine_refused(void **state)
{
	struct img_elf e = {.is64 = false, .entry = 0x1000, .nph = 1, .size = 0x200};

	e.ph[0] = (struct img_ph){1, 0x100, 0x1000, 0x1000, 0x10, 0x10};
	img_build_elf(&im, &e);
	img_put16(&im, E_MACHINE, 62);
	refused("e_machine 62 is not EM_386");
}

static void set_ph64(const struct img_ph *p)
{
	struct img_elf e = {.is64 = true, .entry = p->vaddr, .nph = 1, .size = 0x200};

	e.ph[0] = *p;
	img_build_elf(&im, &e);
}

static void segment_refusals(void **state)
{
	set_ph64(&(struct img_ph){1, 0x1f0, 0x1000, 0x1000, 0x20, 0x20});
	refused("segment 0: p_offset 0x1f0 + p_filesz 0x20 is past the end");
	set_ph64(&(struct img_ph){1, 0x1000, 0x1000, 0x1000, 0, 0x20});
	refused("segment 0: p_offset 0x1000");
	set_ph64(&(struct img_ph){1, 0x100, 0x1000, 0x1000, UINT64_MAX, 0x20});
	refused("p_filesz");
	set_ph64(&(struct img_ph){1, 0x100, 0x1000, 0x1000, 0x40, 0x20});
	refused("segment 0: p_filesz 0x40 exceeds p_memsz 0x20");
	set_ph64(&(struct img_ph){1, 0x100, 0x1000, UINT64_MAX - 0x10, 0x10, 0x20});
	refused("segment 0: p_paddr/p_vaddr + p_memsz 0x20 wraps");
	set_ph64(&(struct img_ph){6, 0x100, 0x1000, 0x1000, 0x10, 0x20}); /* PT_PHDR only */
	refused("no PT_LOAD segment");
}

static void too_many_segments(void **state)
{
	struct img_elf e = {.is64 = true, .entry = 0x1000, .nph = 17, .size = 0x1000};

	for (size_t i = 0; i < e.nph; i++)
		e.ph[i] = (struct img_ph){1, 0x800, 0x1000 * (i + 1), 0x1000 * (i + 1), 8, 8};
	img_build_elf(&im, &e);
	refused("more than 16 PT_LOAD segments");
	e.nph = 16;
	img_build_elf(&im, &e);
	assert_true(parse());
	assert_int_equal(lay.nseg, 16);
}

static void entry_outside(void **state)
{
	img_simple_elf64(&im);
	img_put64(&im, E_ENTRY, 0x1100); /* one past the segment */
	refused("e_entry 0x1100 is in no PT_LOAD segment");
}

/* The hypervisor's own image, checked against raw reads of its headers. */
static void bulkhead_elf(void **state)
{
	size_t size;
	uint8_t *f = img_read_file(BULKHEAD_ELF, &size);
	uint64_t entry, phoff, paddr0;

	assert_non_null(f);
	assert_true(elf_image_parse(f, size, &lay, err, sizeof(err)));
	memcpy(&entry, f + E_ENTRY, sizeof(entry));
	memcpy(&phoff, f + E64_PHOFF, sizeof(phoff));
	memcpy(&paddr0, f + phoff + 24, sizeof(paddr0));
	assert_true(lay.elf64);
	assert_true(lay.nseg >= 2);
	assert_int_equal(lay.entry, entry);
	assert_int_equal(lay.seg[0].paddr, paddr0);
	for (size_t i = 0; i < lay.nseg; i++) {
		assert_true(lay.seg[i].filesz <= lay.seg[i].memsz);
		assert_true(lay.seg[i].offset + lay.seg[i].filesz <= size);
	}
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(elf64_two_segments),    cmocka_unit_test(elf32_one_segment),
	    cmocka_unit_test(ident_refusals),	     cmocka_unit_test(header_refusals),
	    cmocka_unit_test(elf32_machine_refused), cmocka_unit_test(segment_refusals),
	    cmocka_unit_test(too_many_segments),     cmocka_unit_test(entry_outside),
	    cmocka_unit_test(bulkhead_elf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
