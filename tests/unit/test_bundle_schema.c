// SPDX-License-Identifier: BSD-2-Clause
// Structure refusals: duplicate, missing, extra and @-twin nodes, duplicate and unknown
// properties, data in two places, NOPs, a second root. Trees are written by hand here.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "bundle_fixture.h"

enum variant {
	GOOD,
	DUP_IMAGES,
	DUP_PROP,
	TWIN,
	UNSORTED,
	SAME_NAME,
	NO_CONFIG,
	EXTRA_NODE,
	DATA_OFFSET,
	NO_HASH,
	MD5,
	SHORT_DIGEST,
	SIG_SIZE,
	SIG_ALG,
	FORMAT2,
	FORMAT_STRING,
	SECOND_ROOT,
	SIG_CHILD,
	BAD_TYPE,
};

static const uint8_t digest[48];
static const uint8_t sig[96];

#define TRY(x)                   \
	do {                     \
		if ((x) != 0)    \
			abort(); \
	} while (0)

static void image(void *f, enum variant v, const char *name)
{
	TRY(fdt_begin_node(f, name));
	TRY(fdt_property_string(f, "type", v == BAD_TYPE ? "script" : "kernel"));
	TRY(fdt_property(f, "data", "xyz", 3));
	if (v == DUP_PROP)
		TRY(fdt_property_string(f, "type", "kernel"));
	if (v == DATA_OFFSET)
		TRY(fdt_property_u32(f, "data-offset", 0));
	if (v != NO_HASH) {
		TRY(fdt_begin_node(f, "hash"));
		TRY(fdt_property_string(f, "algo", v == MD5 ? "md5" : "sha384"));
		TRY(fdt_property(f, "value", digest, v == SHORT_DIGEST ? 32 : 48));
		TRY(fdt_end_node(f));
	}
	TRY(fdt_end_node(f));
}

static void images(void *f, enum variant v)
{
	TRY(fdt_begin_node(f, "images"));
	image(f, v, v == TWIN ? "a.bin@1" : v == UNSORTED ? "c.bin" : "a.bin");
	image(f, v, v == SAME_NAME ? "a.bin" : "b.bin");
	TRY(fdt_end_node(f));
}

static void signature(void *f, enum variant v)
{
	TRY(fdt_begin_node(f, "signature"));
	TRY(fdt_property_string(f, "algo",
				v == SIG_ALG ? "ecdsa-p521-sha512" : "ecdsa-p384-sha384"));
	TRY(fdt_property_string(f, "key-name-hint", "dev"));
	TRY(fdt_property_u32(f, "security-version", 1));
	TRY(fdt_property(f, "value", sig, v == SIG_SIZE ? 64 : 96));
	if (v == SIG_CHILD) {
		TRY(fdt_begin_node(f, "extra"));
		TRY(fdt_end_node(f));
	}
	TRY(fdt_end_node(f));
}

static size_t build(enum variant v, uint8_t *buf, size_t cap)
{
	TRY(fdt_create(buf, (int)cap));
	TRY(fdt_finish_reservemap(buf));
	TRY(fdt_begin_node(buf, ""));
	if (v == FORMAT_STRING)
		TRY(fdt_property_string(buf, "bundle-format", "1"));
	else
		TRY(fdt_property_u32(buf, "bundle-format", v == FORMAT2 ? 2 : 1));
	images(buf, v);
	if (v == DUP_IMAGES)
		images(buf, v);
	if (v != NO_CONFIG) {
		TRY(fdt_begin_node(buf, "configuration"));
		TRY(fdt_property(buf, "description", "dtb", 3));
		TRY(fdt_end_node(buf));
	}
	if (v == EXTRA_NODE) {
		TRY(fdt_begin_node(buf, "images-extra"));
		TRY(fdt_end_node(buf));
	}
	signature(buf, v);
	TRY(fdt_end_node(buf));
	if (v == SECOND_ROOT) {
		TRY(fdt_begin_node(buf, ""));
		TRY(fdt_end_node(buf));
	}
	TRY(fdt_finish(buf));
	return fdt_totalsize(buf);
}

static void refused_as(enum variant v, const char *why)
{
	static uint8_t buf[4096];
	struct bundle_view view;
	char err[256];
	size_t len = build(v, buf, sizeof(buf));

	assert_int_equal(bundle_parse(buf, len, true, &view, err, sizeof(err)), -1);
	if (!strstr(err, why))
		fail_msg("variant %d: reason \"%s\" lacks \"%s\"", v, err, why);
}

static void good_structure_parses(void **state)
{
	static uint8_t buf[4096];
	struct bundle_view view;
	char err[256];
	size_t len = build(GOOD, buf, sizeof(buf));

	assert_int_equal(bundle_parse(buf, len, true, &view, err, sizeof(err)), 0);
	assert_int_equal(view.nimages, 2);
}

static void duplicate_nodes(void **state)
{
	refused_as(DUP_IMAGES, "duplicate node \"images\"");
	refused_as(SAME_NAME, "strictly ascending");
	refused_as(UNSORTED, "strictly ascending");
}

static void at_twin(void **state)
{
	refused_as(TWIN, "/images/a.bin@1: bad image name");
}

static void duplicate_property(void **state)
{
	refused_as(DUP_PROP, "duplicate property \"type\"");
}

static void missing_nodes(void **state)
{
	refused_as(NO_CONFIG, "missing node \"configuration\"");
	refused_as(NO_HASH, "missing node \"hash\"");
}

static void extra_nodes(void **state)
{
	refused_as(EXTRA_NODE, "unexpected node \"images-extra\"");
	refused_as(SIG_CHILD, "/signature: unexpected node \"extra\"");
	refused_as(SECOND_ROOT, "a second root node");
}

static void data_in_one_place(void **state)
{
	refused_as(DATA_OFFSET, "unexpected property \"data-offset\"");
}

static void algorithms_and_sizes(void **state)
{
	refused_as(MD5, "unknown hash \"md5\"");
	refused_as(SHORT_DIGEST, "digest is 32 bytes");
	refused_as(SIG_SIZE, "signature is 64 bytes");
	refused_as(SIG_ALG, "unknown signature algorithm");
	refused_as(BAD_TYPE, "unknown type \"script\"");
}

static void format_version(void **state)
{
	refused_as(FORMAT2, "unsupported bundle format 2");
	refused_as(FORMAT_STRING, "bundle-format has the wrong form");
}

/* The root's first property (16 bytes after the 8-byte root tag) overwritten by NOP tags. */
static void nop_tags(void **state)
{
	static uint8_t buf[4096];
	struct bundle_view view;
	char err[256];
	size_t len = build(GOOD, buf, sizeof(buf));
	fdt32_t nop = cpu_to_fdt32(FDT_NOP);

	for (int i = 0; i < 4; i++)
		memcpy(buf + fdt_off_dt_struct(buf) + 8 + 4 * i, &nop, 4);
	assert_int_equal(bundle_parse(buf, len, true, &view, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "NOP"));
}

static void header_fields(void **state)
{
	static uint8_t buf[4096];
	struct bundle_view view;
	char err[256];
	size_t len = build(GOOD, buf, sizeof(buf));

	fdt_set_last_comp_version(buf, 2);
	assert_int_equal(bundle_parse(buf, len, true, &view, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "last_comp_version"));
	fdt_set_last_comp_version(buf, 16);
	fdt_set_boot_cpuid_phys(buf, 1);
	assert_int_equal(bundle_parse(buf, len, true, &view, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "boot_cpuid_phys"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(good_structure_parses),
	    cmocka_unit_test(duplicate_nodes),
	    cmocka_unit_test(at_twin),
	    cmocka_unit_test(duplicate_property),
	    cmocka_unit_test(missing_nodes),
	    cmocka_unit_test(extra_nodes),
	    cmocka_unit_test(data_in_one_place),
	    cmocka_unit_test(algorithms_and_sizes),
	    cmocka_unit_test(format_version),
	    cmocka_unit_test(nop_tags),
	    cmocka_unit_test(header_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
