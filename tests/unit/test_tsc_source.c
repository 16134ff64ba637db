// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the TSC frequency from CPUID: leaf 0x15, a Bulkhead hypervisor's leaf, leaf 0x16.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tsc_source.h"

/* A Bulkhead partition on AMD: no leaf 0x15/0x16, the hypervisor leaf says 2101451 kHz. */
static struct tsc_cpuid bulkhead_partition(void)
{
	struct tsc_cpuid c = {
	    .hypervisor = true, .max_basic = 0xd, .max_hv = CPUID_HV_TIMING, .hv_tsc_khz = 2101451};

	strcpy(c.hv_sig, "BulkheadHV");
	return c;
}

static void hypervisor_leaf(void **state)
{
	struct tsc_cpuid c = bulkhead_partition();
	uint64_t khz = 0;

	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_HV_LEAF);
	assert_int_equal(khz, 2101451);
	assert_string_equal(tsc_source_name(TSC_SRC_HV_LEAF),
			    "the hypervisor's CPUID leaf 0x40000010");
}

/* Only Bulkhead's leaf is read, only when it says the leaf exists and gives a value. */
static void hypervisor_leaf_refused(void **state)
{
	struct tsc_cpuid c = bulkhead_partition();
	uint64_t khz = 0;

	strcpy(c.hv_sig, "KVMKVMKVM");
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_NONE);
	c = bulkhead_partition();
	c.max_hv = 0x40000000;
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_NONE);
	c = bulkhead_partition();
	c.hv_tsc_khz = 0;
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_NONE);
	c = bulkhead_partition();
	c.hypervisor = false;
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_NONE);
}

/* SDM: TSC = crystal * EBX / EAX; 24 MHz crystal, ratio 176/2: 2112 MHz. It wins over the
 * hypervisor leaf: it is the hardware's own statement. */
static void leaf15(void **state)
{
	struct tsc_cpuid c = bulkhead_partition();
	uint64_t khz = 0;

	c.intel = true;
	c.max_basic = 0x16;
	c.l15[0] = 2, c.l15[1] = 176, c.l15[2] = 24000000;
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_CPUID_15);
	assert_int_equal(khz, 2112000);
	c.l15[2] = 0; /* crystal not enumerated */
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_HV_LEAF);
	c.l15[2] = 24000000;
	c.intel = false; /* AMD does not define the leaf */
	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_HV_LEAF);
}

static void leaf16_nominal(void **state)
{
	struct tsc_cpuid c = {.intel = true, .max_basic = 0x16, .l16_base_mhz = 2400};
	uint64_t khz = 0;

	assert_int_equal(tsc_khz_from_cpuid(&c, &khz), TSC_SRC_NONE);
	assert_true(tsc_khz_nominal(&c, &khz));
	assert_int_equal(khz, 2400000);
	c.max_basic = 0x15;
	assert_false(tsc_khz_nominal(&c, &khz));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hypervisor_leaf),
	    cmocka_unit_test(hypervisor_leaf_refused),
	    cmocka_unit_test(leaf15),
	    cmocka_unit_test(leaf16_nominal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
