// SPDX-License-Identifier: BSD-2-Clause
// Parser rules: unknown names, missing required ones, value shapes, enumerations, broken blobs.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cfg_fixture.h"

static void base_is_valid(void **state)
{
	const struct cfg_desc *d;

	assert_cfg("", "");
	d = cfg_last_desc();
	assert_int_equal(d->nparts, 2);
	assert_string_equal(d->part[1].name, "b");
	assert_int_equal(d->part[1].ncpus, 2);
	assert_true(d->part[1].mem[0].placed);
	assert_int_equal(d->part[1].mem[0].hpa, 0x10000000);
	assert_int_equal(d->part[0].mem[0].rights, CFG_R | CFG_W | CFG_X); /* default */
	assert_int_equal(d->hv.console_port, 0x3f8);			   /* default */
	assert_int_equal(d->part[0].console, CFG_CONSOLE_VIRTUAL);	   /* default */
	assert_int_equal(d->chan[0].writer, 0);
	assert_int_equal(d->chan[0].reader[0], 1);
}

static void unknown_property_is_an_error(void **state)
{
	assert_cfg("/ { partitions { a { cpu = <3>; }; }; };",
		   "/partitions/a: cpu: unknown property (did you mean \"cpus\"?)\n");
	assert_cfg("/ { hypervisor { colour = \"blue\"; }; };",
		   "/hypervisor: colour: unknown property\n");
}

static void unknown_node_is_an_error(void **state)
{
	assert_cfg("/ { partitions { a { imag { }; }; }; };",
		   "/partitions/a/imag: unknown node (did you mean \"image\"?)\n");
	assert_cfg("/ { partitions { a { memroy@1000 { }; }; }; };",
		   "/partitions/a/memroy@1000: unknown node (did you mean \"memory\"?)\n");
	assert_cfg("/ { chanels { }; };", "/chanels: unknown node (did you mean \"channels\"?)\n");
}

static void missing_required_property(void **state)
{
	assert_cfg("/ { hypervisor { /delete-property/ cpu-vendor; }; };",
		   "/hypervisor: cpu-vendor: required property is missing\n");
	assert_cfg("/ { partitions { b { image { /delete-property/ kernel; }; }; }; };",
		   "/partitions/b/image: kernel: required property is missing\n");
}

static void missing_required_node(void **state)
{
	assert_cfg("/ { partitions { a { /delete-node/ image; }; }; };",
		   "/partitions/a/image: required node is missing\n");
	assert_cfg("/ { /delete-node/ hypervisor; };", "/hypervisor: required node is missing\n");
}

static void no_partition_at_all(void **state)
{
	assert_cfg(
	    "/ { /delete-node/ channels; partitions { /delete-node/ a; /delete-node/ b; }; };",
	    "/partitions: at least one partition is required\n");
}

static void values_of_the_wrong_shape(void **state)
{
	assert_cfg("/ { partitions { a { cpus = \"zero\"; }; }; };",
		   "/partitions/a: cpus: expected a list of 32-bit cells, e.g. <0 1>\n");
	assert_cfg("/ { hypervisor { console-port = <0x3f8 0x2f8>; }; };",
		   "/hypervisor: console-port: expected one 32-bit cell, e.g. <0x3f8>\n");
	assert_cfg("/ { partitions { a { image { kernel = <1>; }; }; }; };",
		   "/partitions/a/image: kernel: expected one string, e.g. \"text\"\n");
	assert_cfg("/ { partitions { a { memory@0 { size = <0 0 1>; }; }; }; };",
		   "/partitions/a/memory@0: size: expected a 32- or 64-bit number, "
		   "e.g. <0x100000> or <0x1 0x0>\n");
	assert_cfg("/ { partitions { a { ioports = <0x60>; }; }; };",
		   "/partitions/a: ioports: expected (base size) pairs of one cell each, "
		   "e.g. <0x2f8 8>\n");
}

static void enumerations_list_their_words(void **state)
{
	assert_cfg(
	    "/ { partitions { a { on-fault = \"reboot\"; }; }; };",
	    "/partitions/a: on-fault: \"reboot\" is not one of: halt, restart, reset-system\n");
	assert_cfg("/ { hypervisor { cpu-vendor = \"none\"; }; };",
		   "/hypervisor: cpu-vendor: \"none\" is not one of: vmx, svm\n");
	assert_cfg("/ { partitions { a { image { protocol = \"elf\"; }; }; }; };",
		   "/partitions/a/image: protocol: \"elf\" is not one of: raw64, multiboot2, "
		   "multiboot, linux\n");
}

static void memory_rights_and_unit_address(void **state)
{
	assert_cfg("/ { partitions { a { memory@0 { access = \"rww\"; }; }; }; };",
		   "/partitions/a/memory@0: access: \"rww\" is not a set of rights: r, w, x, each "
		   "at most once\n");
	assert_cfg("/ { partitions { a { memory@0 { access = \"r\"; }; }; }; };",
		   "/partitions/a: no writable memory region of at least 64 KiB for the "
		   "partition's ACPI tables and boot information\n"
		   "/partitions/a/image: entry: 0x1000 is not in executable memory of this "
		   "partition\n");
	assert_cfg("/ { partitions { a { memory@0 { guest-address = <0x1000>; }; }; }; };",
		   "/partitions/a/memory@0: guest-address: 0x1000 does not match the unit "
		   "address @0\n");
}

static void pci_functions_are_bus_dev_fn(void **state)
{
	assert_cfg("/ { partitions { a { pci-devices = \"00:1f.2\", \"00:1f\"; }; }; };",
		   "/partitions/a: pci-devices: \"00:1f\" is not bus:device.function in hex "
		   "(e.g. \"00:1f.2\")\n");
	assert_cfg("/ { partitions { a { pci-devices = \"00:20.0\"; }; }; };",
		   "/partitions/a: pci-devices: \"00:20.0\" is not bus:device.function in hex "
		   "(e.g. \"00:1f.2\")\n");
}

static void broken_blob_is_refused(void **state)
{
	static const char junk[64] = "this is not a device tree";
	struct cfg_desc *desc = malloc(sizeof(*desc));
	struct cfg_diags d;
	char line[256];

	cfg_diags_init(&d);
	assert_int_equal(cfg_parse(junk, sizeof(junk), desc, &d), -1);
	assert_int_equal(d.count, 1);
	cfg_diag_format(&d.d[0], line, sizeof(line));
	assert_string_equal(line, "/: not a valid device tree blob (FDT_ERR_BADMAGIC)");
	free(desc);
}

/* Two inputs the fuzzer found (tests/fuzz/corpus/config): a structure block at an odd offset
 * (libfdt would load misaligned words) and a property length that wraps the offset back onto its
 * own tag (libfdt would loop forever). */
static const char *first_error_of_file(const char *name)
{
	static char line[256];
	char path[512];
	struct cfg_desc *desc = malloc(sizeof(*desc));
	struct cfg_diags d;
	size_t size = 0;
	void *blob;
	FILE *f;

	snprintf(path, sizeof(path), "%s/../../fuzz/corpus/config/%s", UNIT_DATA_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	blob = aligned_alloc(8, 8192);
	size = fread(blob, 1, 8192, f);
	fclose(f);
	cfg_diags_init(&d);
	assert_int_equal(cfg_load(blob, size, NULL, desc, &d), -1);
	cfg_diag_format(&d.d[0], line, sizeof(line));
	free(blob);
	free(desc);
	return line;
}

static void fuzzer_findings_are_refused(void **state)
{
	assert_string_equal(first_error_of_file("misaligned-struct.dtb"),
			    "/: not a valid device tree blob (FDT_ERR_ALIGNMENT)");
	assert_string_equal(first_error_of_file("wrapping-prop-length.dtb"),
			    "/: not a valid device tree blob (FDT_ERR_BADSTRUCTURE)");
}

/* The first error of @src after overwriting each @n bytes @from in the blob with @to: dtc
 * never writes two nodes or properties of one name, a hand-made DTB can. */
static const char *first_error_renamed(const char *src, const char *from, const char *to, size_t n)
{
	static char line[400];
	struct cfg_desc *desc = malloc(sizeof(*desc));
	struct cfg_diags d;
	size_t size;
	char *blob = cfg_dtc(src, &size);

	for (size_t i = 0; i + n <= size; i++)
		if (memcmp(blob + i, from, n) == 0)
			memcpy(blob + i, to, n);
	cfg_diags_init(&d);
	assert_int_equal(cfg_load(blob, size, NULL, desc, &d), -1);
	cfg_diag_format(&d.d[0], line, sizeof(line));
	free(blob);
	free(desc);
	return line;
}

static void twins_and_duplicates_are_refused(void **state)
{
	char src[8192];

	assert_cfg("/ { hypervisor@1 { cpu-vendor = \"svm\"; }; };",
		   "/hypervisor@1: duplicate node\n");
	assert_cfg("/ { partitions { a { image@1 { kernel = \"x.elf\"; protocol = \"raw64\"; }; }; "
		   "}; };",
		   "/partitions/a/image@1: duplicate node\n");
	snprintf(src, sizeof(src), "%s/ { partitions { a { cpuz = <3>; }; }; };", cfg_base_dts);
	assert_string_equal(first_error_renamed(src, "cpuz", "cpus", 4),
			    "/partitions/a: cpus: duplicate property");
	snprintf(src, sizeof(src), "%s/ { partitions { aaa { }; }; };", cfg_base_dts);
	assert_string_equal(first_error_renamed(src, "aaa", "a\0\0", 4),
			    "/partitions/a: duplicate node");
}

static void errors_are_capped_and_counted(void **state)
{
	struct cfg_diags d;

	cfg_diags_init(&d);
	for (int i = 0; i < CFG_MAX_DIAGS + 5; i++)
		cfg_error(&d, "/x", "p", "error %d", i);
	assert_int_equal(d.count, CFG_MAX_DIAGS);
	assert_int_equal(d.dropped, 5);
	assert_int_equal(cfg_diags_total(&d), CFG_MAX_DIAGS + 5);
}

static void failed_rule_text_is_recorded(void **state)
{
	struct cfg_diags d;
	int x = 3;

	cfg_diags_init(&d);
	assert_false(CC(&d, x < 2, "/n", "p", "x is %d", x));
	assert_string_equal(d.d[0].rule, "x < 2");
	assert_string_equal(d.d[0].msg, "x is 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(base_is_valid),
	    cmocka_unit_test(unknown_property_is_an_error),
	    cmocka_unit_test(unknown_node_is_an_error),
	    cmocka_unit_test(missing_required_property),
	    cmocka_unit_test(missing_required_node),
	    cmocka_unit_test(no_partition_at_all),
	    cmocka_unit_test(values_of_the_wrong_shape),
	    cmocka_unit_test(enumerations_list_their_words),
	    cmocka_unit_test(memory_rights_and_unit_address),
	    cmocka_unit_test(pci_functions_are_bus_dev_fn),
	    cmocka_unit_test(broken_blob_is_refused),
	    cmocka_unit_test(fuzzer_findings_are_refused),
	    cmocka_unit_test(twins_and_duplicates_are_refused),
	    cmocka_unit_test(errors_are_capped_and_counted),
	    cmocka_unit_test(failed_rule_text_is_recorded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
