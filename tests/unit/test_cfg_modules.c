// SPDX-License-Identifier: BSD-2-Clause
// The image node's module@<n> children: parsing, numbering, protocol, and bundle membership.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define IMAGE_B(body) "/ { partitions { b { image { " body " }; }; }; };"

static void two_modules_parsed(void **state)
{
	const struct cfg_image *im;

	assert_cfg(IMAGE_B("module@0 { file = \"inner.bundle\"; };"
			   "module@1 { file = \"x.bin\"; cmdline = \"x verbose\"; };"),
		   "");
	im = &cfg_last_desc()->part[1].image;
	assert_int_equal(im->nmodules, 2);
	assert_string_equal(im->module[0].file, "inner.bundle");
	assert_false(im->module[0].has_cmdline);
	assert_string_equal(im->module[1].file, "x.bin");
	assert_true(im->module[1].has_cmdline);
	assert_string_equal(im->module[1].cmdline, "x verbose");
}

static void numbering(void **state)
{
	assert_cfg(
	    IMAGE_B("module@1 { file = \"m\"; };"),
	    "/partitions/b/image/module@1: unit address @1 is not 0: modules are numbered 0, "
	    "1, ... in the order written\n");
	assert_cfg(IMAGE_B("module { file = \"m\"; };"),
		   "/partitions/b/image/module: needs a unit address: module@<index>, from 0\n");
}

static void shape(void **state)
{
	assert_cfg(IMAGE_B("module@0 { cmdline = \"m\"; };"),
		   "/partitions/b/image/module@0: file: required property is missing\n");
	assert_cfg(
	    IMAGE_B("module@0 { file = \"m\"; fiel = \"n\"; };"),
	    "/partitions/b/image/module@0: fiel: unknown property (did you mean \"file\"?)\n");
	assert_cfg(IMAGE_B("modul@0 { file = \"m\"; };"),
		   "/partitions/b/image/modul@0: unknown node (did you mean \"module\"?)\n");
}

static void limit(void **state)
{
	assert_cfg(IMAGE_B("module@0 { file = \"a\"; }; module@1 { file = \"b\"; };"
			   "module@2 { file = \"c\"; }; module@3 { file = \"d\"; };"
			   "module@4 { file = \"e\"; };"),
		   "/partitions/b/image/module@4: more than 4 modules in one image (the limit)\n");
}

/* Only multiboot2 has module tags; raw64 and multiboot get none, so naming one is an error. */
static void multiboot2_only(void **state)
{
	assert_cfg("/ { partitions { b { image { protocol = \"multiboot\";"
		   "module@0 { file = \"m\"; }; }; }; }; };",
		   "/partitions/b/image: module: only protocol \"multiboot2\" passes modules, not "
		   "\"multiboot\"\n");
	assert_cfg("/ { partitions { a { image { module@0 { file = \"m\"; }; }; }; }; };",
		   "/partitions/a/image: module: only protocol \"multiboot2\" passes modules, not "
		   "\"raw64\"\n");
}

static bool in_list(void *ctx, const char *name)
{
	for (const char *const *n = ctx; *n; n++)
		if (strcmp(*n, name) == 0)
			return true;
	return false;
}

/* Modules are signed like kernels: each file must be an image of the same bundle. */
static void module_must_be_in_bundle(void **state)
{
	static const char *const carried[] = {"a.elf", "b.elf", "inner.bundle", NULL};
	char line[CFG_PATH_MAX + CFG_PROP_MAX + CFG_MSG_MAX];
	struct cfg_diags d;

	assert_cfg(IMAGE_B("module@0 { file = \"inner.bundle\"; };"
			   "module@1 { file = \"gone.bin\"; };"),
		   "");
	cfg_diags_init(&d);
	assert_int_equal(cfg_check_images(cfg_last_desc(), in_list, (void *)carried, &d), -1);
	assert_int_equal(d.count, 1);
	cfg_diag_format(&d.d[0], line, sizeof(line));
	assert_string_equal(
	    line, "/partitions/b/image/module@1: file: image \"gone.bin\" is not in the bundle");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(two_modules_parsed),
	    cmocka_unit_test(numbering),
	    cmocka_unit_test(shape),
	    cmocka_unit_test(limit),
	    cmocka_unit_test(multiboot2_only),
	    cmocka_unit_test(module_must_be_in_bundle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
