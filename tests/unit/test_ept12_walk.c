// SPDX-License-Identifier: BSD-2-Clause
// The EPT12 walk (nested/vmx/ept12_walk.c): translation, rights ANDed across levels, large
// pages, not-present entries and each misconfiguration of SDM 29.3.3.1.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ept12.h"

#define PAGES 8
#define RWX   7ULL
#define WB    (6ULL << 3)
#define LARGE (1ULL << 7)

/* L1's memory: page i at L1-physical i * 4 KiB. */
static uint64_t l1_mem[PAGES][512];

static const uint64_t *l1_entry(const void *ctx, uint64_t gpa)
{
	(void)ctx;
	if (gpa / EPT12_PAGE >= PAGES)
		return NULL;
	return &l1_mem[gpa / EPT12_PAGE][(gpa % EPT12_PAGE) / 8];
}

static const struct ept12_env env = {.entry = l1_entry, .phys_bits = 40};

/* EPTP -> PML4 at page 1 -> PDPT at 2 -> PD at 3 -> PT at 4; PT[0] maps L1 page 0x5000;
 * PD[1] is a 2 MiB leaf at 0x400000. */
static void ept_build(void)
{
	memset(l1_mem, 0, sizeof(l1_mem));
	l1_mem[1][0] = 0x2000 | RWX;
	l1_mem[2][0] = 0x3000 | RWX;
	l1_mem[3][0] = 0x4000 | RWX;
	l1_mem[3][1] = 0x400000 | RWX | WB | LARGE;
	l1_mem[4][0] = 0x5000 | RWX | WB;
}

static void test_ept12_translate(void **state)
{
	struct ept12_result r;

	(void)state;
	ept_build();
	assert_true(ept12_walk(0x1000 | 0x1e, 0x123, &env, &r));
	assert_int_equal(r.gpa1, 0x5000);
	assert_int_equal(r.rights, RWX);
	assert_true(ept12_walk(0x1000, 0x203456, &env, &r)); /* inside the 2 MiB leaf */
	assert_int_equal(r.gpa1, 0x403000);
}

static void test_ept12_rights_and(void **state)
{
	struct ept12_result r;

	(void)state;
	ept_build();
	l1_mem[2][0] &= ~EPT12_W; /* read/execute in the PDPTE: the leaf's W does not count */
	assert_true(ept12_walk(0x1000, 0x10, &env, &r));
	assert_int_equal(r.rights, EPT12_R | EPT12_X);
	l1_mem[4][0] &= ~EPT12_X;
	assert_true(ept12_walk(0x1000, 0x10, &env, &r));
	assert_int_equal(r.rights, EPT12_R);
}

static void test_ept12_not_present(void **state)
{
	struct ept12_result r;

	(void)state;
	ept_build();
	assert_false(ept12_walk(0x1000, 0x1000, &env, &r)); /* PT[1] empty */
	assert_false(r.misconfig);
	assert_int_equal(r.rights, 0);
	assert_false(ept12_walk(0x1000, 1ULL << 39, &env, &r)); /* PML4[1] empty */
	assert_false(r.misconfig);
	l1_mem[1][0] = 0x7000000 | RWX; /* a table outside L1's memory */
	assert_false(ept12_walk(0x1000, 0x10, &env, &r));
	assert_false(r.misconfig);
}

static void misconfig(uint64_t *e, uint64_t set, uint64_t clear, uint64_t gpa2)
{
	struct ept12_result r;

	ept_build();
	*e = (*e & ~clear) | set;
	assert_false(ept12_walk(0x1000, gpa2, &env, &r));
	assert_true(r.misconfig);
}

static void test_ept12_misconfig(void **state)
{
	(void)state;
	misconfig(&l1_mem[4][0], 0, EPT12_R, 0x10);	      /* write without read */
	misconfig(&l1_mem[4][0], 0, EPT12_R | EPT12_W, 0x10); /* execute-only, not offered */
	misconfig(&l1_mem[4][0], 1ULL << 45, 0, 0x10);	      /* address past MAXPHYADDR */
	misconfig(&l1_mem[4][0], 2ULL << 3, WB, 0x10);	      /* memory types 2, 3, 7 */
	misconfig(&l1_mem[4][0], 3ULL << 3, WB, 0x10);
	misconfig(&l1_mem[4][0], 7ULL << 3, WB, 0x10);
	misconfig(&l1_mem[1][0], LARGE, 0, 0x10);	   /* a large PML4E */
	misconfig(&l1_mem[1][0], 1ULL << 3, 0, 0x10);	   /* bits 7:3 of a PML4E */
	misconfig(&l1_mem[3][0], 1ULL << 4, 0, 0x10);	   /* bits 6:3 of a non-leaf PDE */
	misconfig(&l1_mem[3][1], 1ULL << 13, 0, 0x200000); /* under a 2 MiB page's address */
}

/* Memory type 0 (UC) is a valid leaf. */
static void test_ept12_uc_leaf(void **state)
{
	struct ept12_result r;

	(void)state;
	ept_build();
	l1_mem[4][0] &= ~WB;
	assert_true(ept12_walk(0x1000, 0x10, &env, &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ept12_translate),   cmocka_unit_test(test_ept12_rights_and),
	    cmocka_unit_test(test_ept12_not_present), cmocka_unit_test(test_ept12_misconfig),
	    cmocka_unit_test(test_ept12_uc_leaf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
