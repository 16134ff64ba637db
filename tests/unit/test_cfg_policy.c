// SPDX-License-Identifier: BSD-2-Clause
// Settings that depend on each other: nested vendor, fault policy, watchdog, boot protocol.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define A(props) "/ { partitions { a { " props " }; }; };"

static void nested_matching_the_vendor(void **state)
{
	assert_cfg(A("nested = \"svm\"; on-fault = \"restart\"; restart-limit = <5>; "
		     "watchdog-ms = <100>;"),
		   "");
	assert_int_equal(cfg_last_desc()->part[0].nested, CFG_VENDOR_SVM);
	assert_int_equal(cfg_last_desc()->part[0].restart_limit, 5);
}

static void nested_of_the_other_vendor(void **state)
{
	assert_cfg(A("nested = \"vmx\";"),
		   "/partitions/a: nested: \"vmx\" needs a vmx machine, but "
		   "/hypervisor cpu-vendor is \"svm\"\n");
}

static void restart_limit_needs_restart(void **state)
{
	assert_cfg(A("restart-limit = <2>;"),
		   "/partitions/a: restart-limit: only meaningful with on-fault = \"restart\"\n");
	assert_cfg(A("on-fault = \"restart\"; restart-limit = <0>;"),
		   "/partitions/a: restart-limit: must be at least 1 (for no restarts use "
		   "on-fault = \"halt\")\n");
}

static void watchdog_of_zero(void **state)
{
	assert_cfg(A("watchdog-ms = <0>;"),
		   "/partitions/a: watchdog-ms: must not be zero (leave it out for no watchdog)\n");
}

static void raw64_needs_an_entry_and_passes_nothing(void **state)
{
	assert_cfg(
	    "/ { partitions { a { image { /delete-property/ entry; initrd = \"i\"; "
	    "cmdline = \"c\"; }; }; }; };",
	    "/partitions/a/image: entry: required with protocol \"raw64\" (a raw image has no "
	    "header naming it)\n"
	    "/partitions/a/image: initrd: protocol \"raw64\" cannot pass an initrd\n"
	    "/partitions/a/image: cmdline: protocol \"raw64\" cannot pass a command line\n");
}

static void linux_takes_initrd_and_cmdline(void **state)
{
	assert_cfg("/ { partitions { a { image { /delete-property/ entry; protocol = \"linux\"; "
		   "initrd = \"i\"; cmdline = \"console=ttyS0\"; }; }; }; };",
		   "");
}

static void linux_refuses_entry(void **state)
{
	assert_cfg("/ { partitions { a { image { protocol = \"linux\"; }; }; }; };",
		   "/partitions/a/image: entry: not with protocol \"linux\": the kernel is entered "
		   "at its 64-bit entry (boot.rst)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(nested_matching_the_vendor),
	    cmocka_unit_test(nested_of_the_other_vendor),
	    cmocka_unit_test(restart_limit_needs_restart),
	    cmocka_unit_test(watchdog_of_zero),
	    cmocka_unit_test(raw64_needs_an_entry_and_passes_nothing),
	    cmocka_unit_test(linux_takes_initrd_and_cmdline),
	    cmocka_unit_test(linux_refuses_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
