// SPDX-License-Identifier: BSD-2-Clause
// The description may only name images its bundle carries (kernel and initrd alike).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cfg_fixture.h"

/* The images a test bundle carries: a NULL-terminated list. */
static bool in_list(void *ctx, const char *name)
{
	for (const char *const *n = ctx; *n; n++)
		if (strcmp(*n, name) == 0)
			return true;
	return false;
}

/* Errors of cfg_check_images on the base description plus @extra, one per line. */
static const char *image_errors(const char *extra, const char *const *carried)
{
	static char out[1024];
	struct cfg_diags d;
	char line[CFG_PATH_MAX + CFG_PROP_MAX + CFG_MSG_MAX];

	assert_string_equal(cfg_errors(extra, NULL), "");
	cfg_diags_init(&d);
	cfg_check_images(cfg_last_desc(), in_list, (void *)carried, &d);
	out[0] = '\0';
	for (size_t i = 0; i < d.count; i++) {
		cfg_diag_format(&d.d[i], line, sizeof(line));
		strcat(out, line);
		strcat(out, "\n");
	}
	return out;
}

static void all_named_images_carried(void **state)
{
	static const char *const carried[] = {"a.elf", "b.elf", NULL};

	assert_string_equal(image_errors("", carried), "");
}

static void missing_kernel_is_named(void **state)
{
	static const char *const carried[] = {"a.elf", NULL};

	assert_string_equal(image_errors("", carried),
			    "/partitions/b/image: kernel: image \"b.elf\" is not in the bundle\n");
}

static void missing_initrd_is_named(void **state)
{
	static const char *const carried[] = {"a.elf", "b.elf", NULL};

	assert_string_equal(
	    image_errors("/ { partitions { b { image { initrd = \"b.cpio\"; }; }; }; };", carried),
	    "/partitions/b/image: initrd: image \"b.cpio\" is not in the bundle\n");
}

static void every_missing_image_is_reported(void **state)
{
	static const char *const carried[] = {NULL};

	assert_string_equal(image_errors("", carried),
			    "/partitions/a/image: kernel: image \"a.elf\" is not in the bundle\n"
			    "/partitions/b/image: kernel: image \"b.elf\" is not in the bundle\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(all_named_images_carried),
	    cmocka_unit_test(missing_kernel_is_named),
	    cmocka_unit_test(missing_initrd_is_named),
	    cmocka_unit_test(every_missing_image_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
