// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the multiboot2/multiboot header checks and the image layout they lead to.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "img_fixture.h"
#include "mb_header.h"

#define OPT 1 /* header tag flags: optional */

static struct img im;
static struct mb_header hdr;
static struct img_layout lay;
static char err[IMG_ERRLEN];

/* Header tags as the image would carry them: 8-byte aligned, the caller ends with tag 0. */
struct tags {
	_Alignas(8) uint8_t b[512];
	size_t n;
};

static void tag(struct tags *t, uint16_t type, uint16_t flags, size_t nwords, const uint32_t *w)
{
	uint32_t size = (uint32_t)(8 + 4 * nwords);

	memcpy(t->b + t->n, &type, 2);
	memcpy(t->b + t->n + 2, &flags, 2);
	memcpy(t->b + t->n + 4, &size, 4);
	if (nwords)
		memcpy(t->b + t->n + 8, w, 4 * nwords);
	t->n += (size + 7) & ~7U;
}

static void end(struct tags *t)
{
	tag(t, 0, 0, 0, NULL);
}

/* A simple ELF with a multiboot2 header carrying @t at offset 0x200. */
static void mb2_image(struct tags *t)
{
	img_simple_elf64(&im);
	im.size = 0x1000;
	img_mb2_header(&im, 0x200, t->b, t->n);
}

static bool find2(void)
{
	uint8_t *copy = malloc(im.size);
	bool ok;

	memcpy(copy, im.data, im.size);
	err[0] = 0;
	ok = mb2_header_find(copy, im.size, &hdr, err, sizeof(err));
	free(copy);
	return ok;
}

static bool find1(void)
{
	uint8_t *copy = malloc(im.size);
	bool ok;

	memcpy(copy, im.data, im.size);
	err[0] = 0;
	ok = mb1_header_find(copy, im.size, &hdr, err, sizeof(err));
	free(copy);
	return ok;
}

static void names(const char *what)
{
	if (!strstr(err, what))
		fail_msg("error \"%s\" does not name \"%s\"", err, what);
}

static void refused2(struct tags *t, const char *what)
{
	mb2_image(t);
	assert_false(find2());
	names(what);
}

static void mb2_minimal(void **state)
{
	struct tags t = {0};

	end(&t);
	mb2_image(&t);
	assert_true(find2());
	assert_int_equal(hdr.offset, 0x200);
	assert_false(hdr.has_addr);
	assert_false(hdr.has_entry);
	assert_true(mb_image_layout(im.data, im.size, &hdr, &lay, err, sizeof(err)));
	assert_int_equal(lay.entry, 0x1010);
	assert_int_equal(lay.nseg, 1);
}

static void mb2_every_accepted_tag(void **state)
{
	struct tags t = {0};
	uint32_t req[] = {1, 2, 3, 4, 6, 15}, opt_req[] = {8, 5},
		 addr[] = {0x100200, 0x100000, 0, 0};
	uint32_t entry = 0x100040, console = 2, fb[] = {1024, 768, 32},
		 rel[] = {0x1000, 0x10000000, 0x1000, 1};

	tag(&t, 1, 0, 6, req);
	tag(&t, 1, OPT, 2, opt_req);
	tag(&t, 2, 0, 4, addr);
	tag(&t, 3, 0, 1, &entry);
	tag(&t, 4, 0, 1, &console); /* EGA text supported, no console required */
	tag(&t, 5, OPT, 3, fb);
	tag(&t, 6, 0, 0, NULL);
	tag(&t, 7, OPT, 0, NULL);
	tag(&t, 9, OPT, 1, &entry);
	tag(&t, 10, 0, 4, rel);
	tag(&t, 77, OPT, 0, NULL);
	end(&t);
	mb2_image(&t);
	assert_true(find2());
	assert_true(hdr.has_addr && hdr.has_entry && hdr.relocatable);
	assert_int_equal(hdr.header_addr, 0x100200);
	assert_int_equal(hdr.load_addr, 0x100000);
	assert_int_equal(hdr.entry_addr, 0x100040);
	assert_int_equal(hdr.reloc_max, 0x10000000);
	assert_int_equal(hdr.reloc_pref, 1);
}

static void mb2_not_found(void **state)
{
	struct tags t = {0};

	end(&t);
	img_simple_elf64(&im);
	im.size = 0x9000;
	img_mb2_header(&im, 0x8000, t.b, t.n); /* past the first 32 KiB */
	assert_false(find2());
	names("no multiboot2 header");
	img_simple_elf64(&im);
	im.size = 0x1000;
	img_mb2_header(&im, 0x204, t.b, t.n); /* not 8-byte aligned */
	assert_false(find2());
	names("no multiboot2 header");
	im.size = 4; /* shorter than any header */
	assert_false(find2());
	names("no multiboot2 header");
}

static void mb2_fixed_part_refusals(void **state)
{
	struct tags t = {0};

	end(&t);
	mb2_image(&t);
	img_put32(&im, 0x20c, 0);
	assert_false(find2());
	names("multiboot2 header at offset 0x200: checksum 0x0");
	mb2_image(&t);
	img_put32(&im, 0x204, 4); /* MIPS */
	img_put32(&im, 0x20c, -(0xe85250d6U + 4 + 24));
	assert_false(find2());
	names("architecture 4 is not i386");
	mb2_image(&t);
	img_put32(&im, 0x208, 16); /* no room for the end tag */
	img_put32(&im, 0x20c, -(0xe85250d6U + 16));
	assert_false(find2());
	names("header_length 16 outside 24..");
	mb2_image(&t);
	im.size = 0x200 + 20; /* the end tag is cut off by the end of the file */
	assert_false(find2());
	names("header_length 24 outside 24..20");
}

static void mb2_tag_walk_refusals(void **state)
{
	struct tags t = {0};
	uint32_t w[2] = {0, 0};

	tag(&t, 6, 0, 0, NULL);
	memset(t.b + 4, 0, 4); /* size 0 */
	end(&t);
	refused2(&t, "tag 6 at header offset 16: size 0");
	t = (struct tags){0};
	tag(&t, 6, 0, 0, NULL);
	refused2(&t, "no end tag within header_length 24");
	t = (struct tags){0};
	tag(&t, 0, 0, 2, w);
	refused2(&t, "end tag size 16 is not 8");
	t = (struct tags){0};
	tag(&t, 3, 0, 2, w);
	end(&t);
	memcpy(t.b + 4, &(uint32_t){64}, 4); /* claims more than the header holds */
	refused2(&t, "size 64 outside 8..");
}

static void mb2_info_request_refusals(void **state)
{
	struct tags t = {0};
	uint32_t bootdev = 5, unknown = 99, odd = 0x0f;

	tag(&t, 1, 0, 1, &bootdev);
	end(&t);
	refused2(&t, "requires boot information tag 5 (BIOS boot device)");
	t = (struct tags){0};
	tag(&t, 1, 0, 1, &unknown);
	end(&t);
	refused2(&t, "requires boot information tag 99 (unknown)");
	t = (struct tags){0};
	tag(&t, 1, 0, 1, &odd);
	memcpy(t.b + 4, &(uint32_t){10}, 4);
	end(&t);
	refused2(&t, "information request tag size 10");
}

static void mb2_size_refusals(void **state)
{
	static const struct {
		uint16_t type;
		size_t words;
		const char *name;
	} bad[] = {{2, 3, "address tag (type 2) size 20 is not 24"},
		   {3, 2, "entry address tag (type 3) size 16 is not 12"},
		   {4, 0, "console flags tag (type 4) size 8 is not 12"},
		   {6, 1, "module alignment tag (type 6) size 12 is not 8"},
		   {10, 3, "relocatable tag (type 10) size 20 is not 24"}};
	uint32_t w[4] = {0};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tags t = {0};

		tag(&t, bad[i].type, 0, bad[i].words, w);
		end(&t);
		refused2(&t, bad[i].name);
	}
}

static void mb2_requirement_refusals(void **state)
{
	static const struct {
		uint16_t type;
		size_t words;
		const char *name;
	} bad[] = {{4, 1, "requires a console"}, {5, 3, "tag 5 requires a framebuffer"},
		   {7, 0, "tag 7 requires EFI"}, {8, 1, "tag 8 requires EFI"},
		   {9, 1, "tag 9 requires EFI"}, {42, 0, "tag 42 is unknown and not optional"}};
	uint32_t w[3] = {1, 0, 0}; /* console flags: a console is required */

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tags t = {0};

		tag(&t, bad[i].type, 0, bad[i].words, w);
		end(&t);
		refused2(&t, bad[i].name);
	}
}

static void mb1_plain_and_address(void **state)
{
	uint32_t addr[5] = {0x100100, 0x100000, 0x100400, 0x102000, 0x100180};

	img_simple_elf64(&im);
	im.size = 0x1000;
	img_mb1_header(&im, 0x104, 0x3, NULL);
	assert_true(find1());
	assert_int_equal(hdr.offset, 0x104);
	assert_int_equal(hdr.flags, 3);
	assert_false(hdr.has_addr);
	img_mb1_header(&im, 0x104, 0x10003, addr);
	assert_true(find1());
	assert_true(hdr.has_addr && hdr.has_entry);
	assert_int_equal(hdr.bss_end_addr, 0x102000);
	assert_int_equal(hdr.entry_addr, 0x100180);
}

static void mb1_refusals(void **state)
{
	img_simple_elf64(&im);
	im.size = 0x3000;
	img_mb1_header(&im, 0x2000, 0, NULL); /* past the first 8 KiB */
	assert_false(find1());
	names("no multiboot header");
	img_simple_elf64(&im);
	im.size = 0x1000;
	img_mb1_header(&im, 0x100, 0, NULL);
	img_put32(&im, 0x108, 0); /* bad checksum */
	assert_false(find1());
	names("no multiboot header");
	img_mb1_header(&im, 0x100, 0x4, NULL);
	assert_false(find1());
	names("flags bit 2 requires a video mode");
	img_mb1_header(&im, 0x100, 0x20, NULL);
	assert_false(find1());
	names("flags bit 5 requires an unknown feature");
	im.size = 0x110;
	img_mb1_header(&im, 0x100, 0x10000, NULL);
	assert_false(find1());
	names("address fields are cut off");
}

static bool layout(void)
{
	err[0] = 0;
	return mb_image_layout(im.data, im.size, &hdr, &lay, err, sizeof(err));
}

/* The a.out kludge: header at file offset 0x104 sits at 0x100104; loading starts 0x104 earlier. */
static void address_layouts(void **state)
{
	img_simple_elf64(&im);
	im.size = 0x1000;
	hdr = (struct mb_header){.offset = 0x104,
				 .has_addr = true,
				 .header_addr = 0x100104,
				 .load_addr = 0x100000,
				 .has_entry = true,
				 .entry_addr = 0x100200};
	assert_true(layout());
	assert_int_equal(lay.nseg, 1);
	assert_int_equal(lay.seg[0].offset, 0);
	assert_int_equal(lay.seg[0].filesz, 0x1000);
	assert_int_equal(lay.seg[0].memsz, 0x1000);
	assert_int_equal(lay.entry, 0x100200);
	hdr.load_addr = 0x100100;
	hdr.load_end_addr = 0x100800;
	hdr.bss_end_addr = 0x104000;
	assert_true(layout());
	assert_int_equal(lay.seg[0].paddr, 0x100100);
	assert_int_equal(lay.seg[0].offset, 0x100);
	assert_int_equal(lay.seg[0].filesz, 0x700);
	assert_int_equal(lay.seg[0].memsz, 0x3f00);
}

static void address_layout_refusals(void **state)
{
	struct mb_header ok = {.offset = 0x104,
			       .has_addr = true,
			       .header_addr = 0x100104,
			       .load_addr = 0x100000,
			       .has_entry = true,
			       .entry_addr = 0x100200};

	img_simple_elf64(&im);
	im.size = 0x1000;
	hdr = ok;
	hdr.load_addr = 0x100200;
	assert_false(layout());
	names("load_addr 0x100200 is above header_addr");
	hdr = ok;
	hdr.load_addr = 0xff000; /* would start 0x1104 bytes before the file */
	assert_false(layout());
	names("before the start of the file");
	hdr = ok;
	hdr.load_end_addr = 0x100000;
	assert_false(layout());
	names("load_end_addr 0x100000 is not above load_addr");
	hdr = ok;
	hdr.load_end_addr = 0x101001;
	assert_false(layout());
	names("load_end_addr 0x101001 is past the end of the file");
	hdr = ok;
	hdr.bss_end_addr = 0x100800;
	assert_false(layout());
	names("bss_end_addr 0x100800 is below");
	hdr = ok;
	hdr.has_entry = false;
	assert_false(layout());
	names("address tag without an entry address tag");
}

static void elf_layouts(void **state)
{
	struct img_elf e = {.is64 = true, .entry = 0x1000, .nph = 1, .size = 0x200};

	img_simple_elf64(&im);
	hdr = (struct mb_header){.has_entry = true, .entry_addr = 0x1020};
	assert_true(layout());
	assert_int_equal(lay.entry, 0x1020); /* the entry tag wins over e_entry */
	im.data[0] = 0;
	assert_false(layout());
	names("no ELF magic");
	e.ph[0] = (struct img_ph){1, 0x100, 0x1000, 0xfffff000, 0x10, 0x2000};
	img_build_elf(&im, &e);
	hdr = (struct mb_header){0};
	assert_false(layout());
	names("segment 0 at 0xfffff000-0x100000fff reaches above 4 GiB");
	e.entry = 0x100001000ULL;
	e.ph[0] = (struct img_ph){1, 0x100, 0x100001000ULL, 0x1000, 0x10, 0x20};
	img_build_elf(&im, &e);
	hdr = (struct mb_header){.has_entry = true, .entry_addr = 0x1000};
	assert_true(layout());
	hdr = (struct mb_header){.has_addr = true,
				 .offset = 0x10,
				 .header_addr = 0xfffffff0,
				 .load_addr = 0xffffffe0,
				 .has_entry = true,
				 .entry_addr = 0};
	assert_false(layout());
	names("reaches above 4 GiB");
}

/* The hypervisor's own image: a multiboot2 header with just the end tag, loaded by its ELF. */
static void bulkhead_elf(void **state)
{
	size_t size;
	uint8_t *f = img_read_file(BULKHEAD_ELF, &size);
	uint64_t entry;

	assert_non_null(f);
	assert_true(mb2_header_find(f, size, &hdr, err, sizeof(err)));
	assert_true(hdr.offset < MB2_HDR_SEARCH && hdr.offset % MB2_HDR_ALIGN == 0);
	assert_false(hdr.has_addr || hdr.has_entry || hdr.relocatable);
	assert_true(mb_image_layout(f, size, &hdr, &lay, err, sizeof(err)));
	memcpy(&entry, f + E_ENTRY, sizeof(entry));
	assert_int_equal(lay.entry, entry);
	assert_false(mb1_header_find(f, size, &hdr, err, sizeof(err)));
	names("no multiboot header");
	free(f);
}

static void seed_layout(const char *name, bool mb2, bool elf64, uint64_t entry_min)
{
	char path[512];
	size_t size;
	uint8_t *f;

	snprintf(path, sizeof(path), "%s/%s", IMAGE_SEEDS, name);
	f = img_read_file(path, &size);
	assert_non_null(f);
	assert_true(mb2 ? mb2_header_find(f, size, &hdr, err, sizeof(err))
			: mb1_header_find(f, size, &hdr, err, sizeof(err)));
	assert_true(mb_image_layout(f, size, &hdr, &lay, err, sizeof(err)));
	assert_int_equal(lay.elf64, elf64);
	assert_true(lay.entry >= entry_min && lay.entry < entry_min + lay.seg[0].memsz);
	free(f);
}

/* tests/guests/mb as built (stripped), and the hand-made address-field images. */
static void test_guest_images(void **state)
{
	seed_layout("mb2-elf64", true, true, 0x100000);
	seed_layout("mb1-elf32", false, false, 0x100000);
	seed_layout("mb1-aout", false, false, 0x100000);
	assert_int_equal(lay.seg[0].memsz, 0x2000);
	seed_layout("mb2-aout", true, false, 0x100000);
	assert_int_equal(lay.entry, 0x100040);
	assert_true(hdr.relocatable);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mb2_minimal),	     cmocka_unit_test(mb2_every_accepted_tag),
	    cmocka_unit_test(mb2_not_found),	     cmocka_unit_test(mb2_fixed_part_refusals),
	    cmocka_unit_test(mb2_tag_walk_refusals), cmocka_unit_test(mb2_info_request_refusals),
	    cmocka_unit_test(mb2_size_refusals),     cmocka_unit_test(mb2_requirement_refusals),
	    cmocka_unit_test(mb1_plain_and_address), cmocka_unit_test(mb1_refusals),
	    cmocka_unit_test(address_layouts),	     cmocka_unit_test(address_layout_refusals),
	    cmocka_unit_test(elf_layouts),	     cmocka_unit_test(bulkhead_elf),
	    cmocka_unit_test(test_guest_images),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
