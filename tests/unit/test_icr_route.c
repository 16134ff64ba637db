// SPDX-License-Identifier: BSD-2-Clause
// ICR routing: every destination form resolves to the partition's own vCPUs or is refused.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "icr_route.h"

#define FLAT	  0xffffffffU
#define CLUSTER	  0x0fffffffU
#define LDR(id)	  ((uint32_t)(id) << 24)
#define DEST(id)  ((uint32_t)(id) << ICR_HI_DEST_SHIFT)
#define MODE(m)	  ((uint32_t)(m) << ICR_DELIVERY_SHIFT)
#define SH_SELF	  (1U << ICR_SHORTHAND_SHIFT)
#define SH_ALL	  (2U << ICR_SHORTHAND_SHIFT)
#define SH_OTHERS (3U << ICR_SHORTHAND_SHIFT)

/* A three-CPU partition on physical APIC IDs 1, 2 and 3; APIC ID 0 belongs to another one. */
static const struct icr_vcpu part[3] = {
    {1, LDR(0x01), FLAT},
    {2, LDR(0x02), FLAT},
    {3, LDR(0x04), FLAT},
};

static struct icr_route route(uint32_t lo, uint32_t hi, const struct icr_vcpu *cpus, unsigned n,
			      unsigned self)
{
	struct icr_route r;

	icr_route(lo, hi, cpus, n, self, &r);
	return r;
}

static void physical_destinations(void **state)
{
	struct icr_route r = route(MODE(ICR_MODE_FIXED) | 0x40, DEST(3), part, 3, 0);

	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.kind, ICR_KIND_FIXED);
	assert_int_equal(r.vector, 0x40);
	assert_int_equal(r.targets, 1U << 2);
	r = route(MODE(ICR_MODE_FIXED) | 0x40, DEST(0), part, 3, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_true(r.outside);
	assert_false(r.logical);
	assert_int_equal(r.dest, 0);
	assert_int_equal(r.targets, 0);
	/* the xAPIC physical broadcast stays inside */
	r = route(MODE(ICR_MODE_FIXED) | 0x41, DEST(0xff), part, 3, 1);
	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.targets, 7);
	/* lowest priority to one physical CPU is that CPU */
	r = route(MODE(ICR_MODE_LOWEST) | 0x42, DEST(2), part, 3, 0);
	assert_int_equal(r.kind, ICR_KIND_FIXED);
	assert_int_equal(r.targets, 1U << 1);
}

static void init_sipi_nmi(void **state)
{
	struct icr_route r;

	r = route(MODE(ICR_MODE_INIT) | ICR_LEVEL_ASSERT | ICR_TRIGGER_LEVEL, DEST(2), part, 3, 0);
	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.kind, ICR_KIND_INIT);
	assert_int_equal(r.targets, 2);
	r = route(MODE(ICR_MODE_INIT) | ICR_TRIGGER_LEVEL, DEST(2), part, 3, 0);
	assert_int_equal(r.action, ICR_IGNORE);
	assert_string_equal(r.why, "INIT level de-assert");
	r = route(MODE(ICR_MODE_INIT) | ICR_LEVEL_ASSERT, DEST(0), part, 3, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_true(r.outside);
	assert_string_equal(icr_kind_name(r.kind), "INIT");
	r = route(MODE(ICR_MODE_SIPI) | ICR_LEVEL_ASSERT | 0x9a, DEST(3), part, 3, 0);
	assert_int_equal(r.kind, ICR_KIND_SIPI);
	assert_int_equal(r.vector, 0x9a);
	assert_int_equal(r.targets, 4);
	r = route(MODE(ICR_MODE_SIPI) | 0x9a, DEST(7), part, 3, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_int_equal(r.dest, 7);
	r = route(MODE(ICR_MODE_NMI), DEST(1), part, 3, 2);
	assert_int_equal(r.kind, ICR_KIND_NMI);
	assert_int_equal(r.targets, 1);
}

static void refused_modes(void **state)
{
	static const uint32_t modes[] = {ICR_MODE_SMI, 3, ICR_MODE_EXTINT};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct icr_route r = route(MODE(modes[i]), DEST(2), part, 3, 0);

		assert_int_equal(r.action, ICR_REFUSE);
		assert_false(r.outside);
		assert_int_equal(r.targets, 0);
	}
	assert_string_equal(route(MODE(ICR_MODE_SMI), DEST(2), part, 3, 0).why, "SMI IPI");
	assert_string_equal(route(MODE(7), SH_ALL, part, 3, 0).why, "reserved delivery mode");
}

static void shorthands(void **state)
{
	struct icr_route r;

	r = route(SH_SELF | 0x30, DEST(0), part, 3, 1);
	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.targets, 2);
	r = route(SH_ALL | 0x30, DEST(0), part, 3, 1);
	assert_int_equal(r.targets, 7);
	r = route(MODE(ICR_MODE_INIT) | ICR_LEVEL_ASSERT | SH_OTHERS, 0, part, 3, 0);
	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.targets, 6);
	r = route(MODE(ICR_MODE_SIPI) | ICR_LEVEL_ASSERT | SH_OTHERS | 0x10, 0, part, 1, 0);
	assert_int_equal(r.action, ICR_IGNORE);
	r = route(MODE(ICR_MODE_NMI) | SH_SELF, 0, part, 3, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_false(r.outside);
}

static void logical_flat(void **state)
{
	struct icr_route r;

	r = route(ICR_DEST_LOGICAL | 0x50, DEST(0x06), part, 3, 0);
	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.targets, 6);
	r = route(ICR_DEST_LOGICAL | MODE(ICR_MODE_LOWEST) | 0x50, DEST(0x06), part, 3, 0);
	assert_int_equal(r.targets, 2); /* one CPU: the first that matches */
	r = route(ICR_DEST_LOGICAL | MODE(ICR_MODE_NMI), DEST(0x08), part, 3, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_true(r.outside);
	assert_true(r.logical);
	assert_int_equal(r.dest, 8);
	r = route(ICR_DEST_LOGICAL | 0x50, DEST(0xff), part, 3, 0);
	assert_int_equal(r.targets, 7);
}

static void logical_cluster(void **state)
{
	static const struct icr_vcpu cl[4] = {
	    {4, LDR(0x11), CLUSTER},
	    {5, LDR(0x12), CLUSTER},
	    {6, LDR(0x21), CLUSTER},
	    {7, LDR(0x01), 0x5fffffffU}, /* an undefined model matches nothing */
	};
	struct icr_route r;

	r = route(ICR_DEST_LOGICAL | 0x60, DEST(0x13), cl, 4, 0);
	assert_int_equal(r.targets, 3);
	r = route(ICR_DEST_LOGICAL | 0x60, DEST(0x21), cl, 4, 0);
	assert_int_equal(r.targets, 4);
	r = route(ICR_DEST_LOGICAL | 0x60, DEST(0xf1), cl, 4, 0);
	assert_int_equal(r.targets, 5); /* cluster 0xf: every cluster, member bit 0 */
	r = route(ICR_DEST_LOGICAL | 0x60, DEST(0x31), cl, 4, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	/* a fresh vCPU: LDR 0 matches no logical destination */
	r = route(ICR_DEST_LOGICAL | 0x60, DEST(0xff), (const struct icr_vcpu[]){{9, 0, FLAT}}, 1,
		  0);
	assert_int_equal(r.action, ICR_REFUSE);
}

static void many_vcpus(void **state)
{
	struct icr_vcpu cpus[ICR_MAX_VCPUS];
	struct icr_route r;

	for (unsigned int i = 0; i < ICR_MAX_VCPUS; i++)
		cpus[i] = (struct icr_vcpu){100 + i, 0, FLAT};
	r = route(SH_OTHERS | 0x70, 0, cpus, ICR_MAX_VCPUS, 63);
	assert_int_equal(r.targets, ~0ULL >> 1);
	r = route(0x70, DEST(163), cpus, ICR_MAX_VCPUS + 5, 0);
	assert_int_equal(r.targets, 1ULL << 63);
}

static void apic_base_msr(void **state)
{
	uint64_t phys = 0xfee00000ULL | (1ULL << 11) | (1ULL << 8), x2 = phys | (1ULL << 10);

	assert_int_equal(apic_base_guest_view(phys, true, false), phys);
	assert_int_equal(apic_base_guest_view(phys, false, false), 0xfee00000ULL | (1ULL << 11));
	/* the physical APIC's own mode never shows: only the vCPU's */
	assert_int_equal(apic_base_guest_view(x2, false, false), 0xfee00000ULL | (1ULL << 11));
	assert_int_equal(apic_base_guest_view(phys, true, true), x2);
	assert_int_equal(apic_base_write(phys, phys, true), APIC_BASE_SAME);
	assert_int_equal(apic_base_write(phys, phys & ~(1ULL << 8), false), APIC_BASE_SAME);
	assert_int_equal(apic_base_write(phys, phys & ~(1ULL << 11), true), APIC_BASE_REFUSED);
	assert_int_equal(apic_base_write(phys, x2, true), APIC_BASE_TO_X2APIC);
	assert_int_equal(apic_base_write(phys, x2 & ~(1ULL << 8), true), APIC_BASE_TO_X2APIC);
	assert_int_equal(apic_base_write(phys, x2, false), APIC_BASE_REFUSED); /* not offered */
	assert_int_equal(apic_base_write(x2, phys, true), APIC_BASE_REFUSED);  /* back to xAPIC */
	assert_int_equal(apic_base_write(x2, x2 & ~(1ULL << 11), true), APIC_BASE_REFUSED);
	assert_int_equal(apic_base_write(x2, 1ULL << 8, true), APIC_BASE_REFUSED); /* disable */
	assert_int_equal(apic_base_write(phys, (phys & 0xfff) | 0xfec00000ULL, true),
			 APIC_BASE_REFUSED); /* relocate */
}

static struct icr_route route_x2(uint64_t icr, unsigned self)
{
	struct icr_route r;

	icr_route_x2apic(icr, part, 3, self, &r);
	return r;
}

#define X2DEST(id) ((uint64_t)(id) << 32)

/* x2APIC: 32-bit physical IDs, clustered logical IDs derived from them (SDM 11.12.10.2). */
static void x2apic_destinations(void **state)
{
	struct icr_route r = route_x2(X2DEST(3) | 0x40, 0);

	assert_int_equal(r.action, ICR_DELIVER);
	assert_int_equal(r.targets, 1U << 2);
	/* 0x103 would be APIC ID 3 if truncated to 8 bits: it is not */
	r = route_x2(X2DEST(0x103) | 0x40, 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_int_equal(r.dest, 0x103);
	/* 0xff is an ordinary ID in x2APIC mode, 0xffffffff the broadcast */
	assert_int_equal(route_x2(X2DEST(0xff) | 0x40, 0).action, ICR_REFUSE);
	assert_int_equal(route_x2(X2DEST(0xffffffffU) | 0x40, 0).targets, 7);
	/* logical cluster 0, members 2 and 3 (bits 2, 3): vCPUs 1 and 2 */
	r = route_x2(X2DEST(0x0000000cU) | ICR_DEST_LOGICAL | 0x40, 0);
	assert_int_equal(r.targets, 6);
	assert_true(r.logical);
	/* cluster 1 has none of the partition's CPUs */
	r = route_x2(X2DEST(0x0001000eU) | ICR_DEST_LOGICAL | MODE(ICR_MODE_NMI), 0);
	assert_int_equal(r.action, ICR_REFUSE);
	assert_true(r.outside);
	assert_int_equal(route_x2(X2DEST(0xffffffffU) | ICR_DEST_LOGICAL | 0x41, 0).targets, 7);
	/* shorthands and refused modes behave as in xAPIC mode */
	assert_int_equal(route_x2(SH_OTHERS | 0x40, 1).targets, 5);
	assert_int_equal(route_x2(X2DEST(2) | MODE(ICR_MODE_SMI), 0).action, ICR_REFUSE);
	r = route_x2(X2DEST(2) | MODE(ICR_MODE_INIT) | ICR_LEVEL_ASSERT, 0);
	assert_int_equal(r.kind, ICR_KIND_INIT);
	assert_int_equal(r.targets, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(physical_destinations),
	    cmocka_unit_test(init_sipi_nmi),
	    cmocka_unit_test(refused_modes),
	    cmocka_unit_test(shorthands),
	    cmocka_unit_test(logical_flat),
	    cmocka_unit_test(logical_cluster),
	    cmocka_unit_test(many_vcpus),
	    cmocka_unit_test(apic_base_msr),
	    cmocka_unit_test(x2apic_destinations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
