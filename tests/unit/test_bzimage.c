// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the bzImage setup-header parser: crafted headers, one rule broken at a time, and
// the stock Debian kernel the Linux boot scenario runs (LINUX_BZIMAGE, fetched by the build).
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bzimage.h"

#define IMG_SIZE (64 * 1024)
#define ERRLEN	 160

static uint8_t img[IMG_SIZE];
static char err[ERRLEN];
static struct bz_header h;

static void put(size_t off, uint64_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		img[off + i] = (uint8_t)(v >> (8 * i));
}

/* A header shaped like a 2.15 x86-64 kernel's: 4 setup sectors, a 40 KiB payload. */
static int setup(void **state)
{
	(void)state;
	memset(img, 0, sizeof(img));
	img[BZ_SETUP_SECTS] = 4;
	put(BZ_SYSSIZE, 40 * 1024 / 16, 4);
	put(BZ_BOOT_FLAG, BZ_BOOT_FLAG_MAGIC, 2);
	img[BZ_JUMP] = 0xeb;
	img[BZ_JUMP + 1] = 0x6a; /* header ends at 0x26c, like 6.1's */
	put(BZ_HEADER, BZ_HDRS_MAGIC, 4);
	put(BZ_VERSION, 0x020f, 2);
	img[BZ_LOADFLAGS] = BZ_LOADED_HIGH;
	put(BZ_INITRD_MAX, 0x7fffffff, 4);
	put(BZ_KERNEL_ALIGN, 0x200000, 4);
	img[BZ_RELOCATABLE] = 1;
	put(BZ_XLOADFLAGS, 0x7f, 2);
	put(BZ_CMDLINE_SIZE, 0x7ff, 4);
	put(BZ_PREF_ADDRESS, 0x1000000, 8);
	put(BZ_INIT_SIZE, 0x400000, 4);
	return 0;
}

static bool parse(void)
{
	err[0] = 0;
	return bz_header_parse(img, sizeof(img), &h, err, sizeof(err));
}

static void refused(const char *text)
{
	assert_false(parse());
	if (!strstr(err, text))
		fail_msg("error \"%s\" does not contain \"%s\"", err, text);
}

static void crafted_accepted(void **state)
{
	(void)state;
	assert_true(parse());
	assert_int_equal(h.version, 0x020f);
	assert_int_equal(h.setup_size, 5 * 512);
	assert_int_equal(h.kernel_size, 40 * 1024);
	assert_int_equal(h.hdr_end, 0x26c);
	assert_int_equal(h.kernel_alignment, 0x200000);
	assert_int_equal(h.pref_address, 0x1000000);
	assert_int_equal(h.init_size, 0x400000);
	assert_int_equal(h.initrd_addr_max, 0x7fffffff);
	assert_int_equal(h.cmdline_size, 0x7ff);
	assert_true(h.relocatable);
}

static void setup_sects_zero_means_four(void **state)
{
	(void)state;
	img[BZ_SETUP_SECTS] = 0;
	assert_true(parse());
	assert_int_equal(h.setup_size, (BZ_DEFAULT_SECTS + 1) * 512);
}

static void refuses_boot_flag(void **state)
{
	(void)state;
	put(BZ_BOOT_FLAG, 0x1234, 2);
	refused("boot flag 0x1234 at 0x1fe is not 0xaa55");
}

static void refuses_no_hdrs(void **state)
{
	(void)state;
	put(BZ_HEADER, 0x53726449, 4);
	refused("no \"HdrS\" setup header");
}

static void refuses_old_protocol(void **state)
{
	(void)state;
	put(BZ_VERSION, 0x020b, 2);
	refused("boot protocol 2.11 is too old: the 64-bit entry needs 2.12 or later");
	put(BZ_VERSION, 0x020c, 2);
	assert_true(parse());
}

static void refuses_zimage(void **state)
{
	(void)state;
	img[BZ_LOADFLAGS] = 0;
	refused("LOADED_HIGH clear");
}

static void refuses_no_64bit_entry(void **state)
{
	(void)state;
	put(BZ_XLOADFLAGS, 0x7e, 2);
	refused("XLF_KERNEL_64 clear");
}

static void refuses_short_file(void **state)
{
	(void)state;
	assert_false(bz_header_parse(img, 0x200, &h, err, sizeof(err)));
	assert_non_null(strstr(err, "shorter than a setup header"));
}

static void refuses_payload_past_file(void **state)
{
	(void)state;
	put(BZ_SYSSIZE, IMG_SIZE / 16, 4); /* the setup sectors push it past the end */
	refused("do not fit in the 65536-byte file");
	put(BZ_SYSSIZE, 0, 4);
	refused("syssize (0 bytes)");
}

static void refuses_header_end(void **state)
{
	(void)state;
	img[BZ_JUMP + 1] = 0x40; /* ends before init_size */
	refused("setup header ends at 0x242");
}

static void refuses_alignment(void **state)
{
	(void)state;
	put(BZ_KERNEL_ALIGN, 0x300000, 4);
	refused("kernel_alignment 0x300000 is not a power of two");
	put(BZ_KERNEL_ALIGN, 0, 4);
	refused("kernel_alignment 0x0");
}

static void refuses_pref_misaligned(void **state)
{
	(void)state;
	put(BZ_PREF_ADDRESS, 0x1001000, 8);
	refused("pref_address 0x1001000 is not kernel_alignment (0x200000) aligned");
}

static void refuses_small_init_size(void **state)
{
	(void)state;
	put(BZ_INIT_SIZE, 0x1000, 4);
	refused("init_size 0x1000 is smaller than the kernel");
}

/* The kernel the boot scenario runs: Debian's linux-image 6.1 for amd64. */
static void debian_kernel(void **state)
{
	FILE *f = fopen(LINUX_BZIMAGE, "rb");
	uint8_t *data;
	long size;

	(void)state;
	if (!f)
		fail_msg("%s: cannot open (the build fetches it: make %s)", LINUX_BZIMAGE,
			 LINUX_BZIMAGE);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)size);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	assert_true(bz_header_parse(data, (size_t)size, &h, err, sizeof(err)));
	assert_true(h.version >= 0x020f); /* 6.1 speaks 2.15 */
	assert_true(h.xloadflags & BZ_XLF_KERNEL_64);
	assert_true(h.relocatable);
	assert_int_equal(h.pref_address, 0x1000000); /* CONFIG_PHYSICAL_START */
	assert_int_equal(h.kernel_alignment, 0x200000);
	assert_true(h.setup_size + h.kernel_size <= (size_t)size);
	assert_true(h.init_size > h.kernel_size);
	/* Truncated, it is refused rather than read past its end. */
	assert_false(bz_header_parse(data, h.setup_size + h.kernel_size - 1, &h, err, sizeof(err)));
	assert_non_null(strstr(err, "do not fit"));
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(crafted_accepted, setup),
	    cmocka_unit_test_setup(setup_sects_zero_means_four, setup),
	    cmocka_unit_test_setup(refuses_boot_flag, setup),
	    cmocka_unit_test_setup(refuses_no_hdrs, setup),
	    cmocka_unit_test_setup(refuses_old_protocol, setup),
	    cmocka_unit_test_setup(refuses_zimage, setup),
	    cmocka_unit_test_setup(refuses_no_64bit_entry, setup),
	    cmocka_unit_test_setup(refuses_short_file, setup),
	    cmocka_unit_test_setup(refuses_payload_past_file, setup),
	    cmocka_unit_test_setup(refuses_header_end, setup),
	    cmocka_unit_test_setup(refuses_alignment, setup),
	    cmocka_unit_test_setup(refuses_pref_misaligned, setup),
	    cmocka_unit_test_setup(refuses_small_init_size, setup),
	    cmocka_unit_test(debian_kernel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
