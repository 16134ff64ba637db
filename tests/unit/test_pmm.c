// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for the range allocator: merging, reservations, alignment, limits, overflow, misuse.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pmm.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)
#define PG  PMM_PAGE

static struct pmm P;

/* The structural promises of pmm.h, checked after every operation. */
static void check_invariants(const struct pmm *p)
{
	uint64_t sum = 0;

	assert_true(p->nfree <= PMM_MAX_RANGES);
	for (size_t i = 0; i < p->nfree; i++) {
		assert_true(p->free[i].base < p->free[i].end);
		assert_int_equal(p->free[i].base % PG, 0);
		assert_int_equal(p->free[i].end % PG, 0);
		if (i)
			assert_true(p->free[i - 1].end < p->free[i].base);
		sum += p->free[i].end - p->free[i].base;
	}
	assert_int_equal(sum, p->free_bytes);
	assert_true(p->free_bytes <= p->managed);
}

static void assert_range(size_t i, uint64_t base, uint64_t end)
{
	assert_true(i < P.nfree);
	assert_int_equal(P.free[i].base, base);
	assert_int_equal(P.free[i].end, end);
}

static void test_add_merges_and_rounds(void **state)
{
	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 0x3000, 0x2000), 0);
	assert_int_equal(pmm_add(&P, 0x1000, 0x2000), 0); /* adjacent below */
	assert_int_equal(pmm_add(&P, 0x8000, 0x1000), 0);
	assert_int_equal(pmm_add(&P, 0x5000, 0x3000), 0); /* bridges both */
	assert_int_equal(P.nfree, 1);
	assert_range(0, 0x1000, 0x9000);
	assert_int_equal(pmm_add(&P, 0x10800, 0x2000), 0); /* inward: one whole page */
	assert_range(1, 0x11000, 0x12000);
	assert_int_equal(pmm_add(&P, 0x20001, 0xffe), 0); /* less than a page: nothing */
	assert_int_equal(P.nfree, 2);
	assert_int_equal(P.managed, 0x9000);
	assert_int_equal(P.free_bytes, 0x9000);
	check_invariants(&P);
}

static void test_add_refuses_overlap_and_wrap(void **state)
{
	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 1 * MiB, 1 * MiB), 0);
	assert_int_equal(pmm_add(&P, 1 * MiB + PG, PG), -EEXIST);
	assert_int_equal(pmm_add(&P, 0, 1 * MiB + PG), -EEXIST);
	assert_int_equal(pmm_add(&P, 2 * MiB - PG, 2 * PG), -EEXIST);
	assert_int_equal(pmm_add(&P, UINT64_MAX - PG, 2 * PG), -EINVAL);
	assert_int_equal(P.managed, 1 * MiB);
	assert_int_equal(P.nfree, 1);
	/* The very top of the address space rounds to the last representable page end. */
	assert_int_equal(pmm_add(&P, UINT64_MAX - 16 * PG + 1, 16 * PG - 1), 0);
	assert_range(1, UINT64_MAX - 16 * PG + 1, UINT64_MAX & ~(PG - 1));
	assert_int_equal(pmm_alloc(&P, PG, 1ULL << 63, PMM_NONE), PMM_NONE); /* no wrap */
	assert_int_equal(pmm_reserve(&P, UINT64_MAX - 10, 5), 0); /* beyond any range end */
	assert_int_equal(P.nfree, 2);
	check_invariants(&P);
}

static void test_reserve_splits_outward(void **state)
{
	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 0, 16 * MiB), 0);
	assert_int_equal(pmm_reserve(&P, 1 * MiB, 1 * MiB), 0);
	assert_int_equal(pmm_reserve(&P, 0x5001, 1), 0); /* one byte costs its page */
	assert_int_equal(pmm_reserve(&P, 0x7fff, 2), 0); /* straddles two pages */
	assert_int_equal(P.nfree, 4);
	assert_range(0, 0, 0x5000);
	assert_range(1, 0x6000, 0x7000);
	assert_range(2, 0x9000, 1 * MiB);
	assert_range(3, 2 * MiB, 16 * MiB);
	assert_int_equal(pmm_reserve(&P, 1 * MiB + PG, 2 * PG), 0); /* not free: fine */
	assert_int_equal(pmm_reserve(&P, 0x6000, 0), 0);
	assert_int_equal(pmm_reserve(&P, 0x4000, 0x5000), 0); /* spans a range and a hole */
	assert_range(0, 0, 0x4000);
	assert_range(1, 0x9000, 1 * MiB);
	assert_int_equal(pmm_reserve(&P, UINT64_MAX, 2), -EINVAL);
	assert_int_equal(pmm_reserve(&P, 15 * MiB, UINT64_MAX - 15 * MiB), 0); /* to the top */
	assert_range(2, 2 * MiB, 15 * MiB);
	assert_int_equal(P.managed, P.free_bytes);
	check_invariants(&P);
}

static const struct mem_region qemu_e820[] = {
    {0x0, 0x9fc00, MEM_AVAILABLE},
    {0x9fc00, 0x400, MEM_RESERVED},
    {0xf0000, 0x10000, MEM_RESERVED},
    {0x100000, 0x3fee0000, MEM_AVAILABLE},
    {0x3ffe0000, 0x20000, MEM_RESERVED},
    {0xfffc0000, 0x40000, MEM_RESERVED},
    {0x100000000ULL, 0x40000000, MEM_AVAILABLE},
};

static void test_build_qemu_map(void **state)
{
	const struct mem_region res[] = {
	    {0, PG, MEM_RESERVED},		/* real-mode IVT/BDA */
	    {0x100000, 0x234567, MEM_RESERVED}, /* hypervisor image */
	    {0x800000, 0x1000, MEM_RESERVED},	/* boot info */
	    {0x1000000, 0x10000, MEM_RESERVED}, /* module */
	};
	char err[128];

	assert_int_equal(pmm_build(&P, qemu_e820, 7, res, 4, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_int_equal(P.nfree, 5);
	assert_range(0, PG, 0x9f000);
	assert_range(1, 0x335000, 0x800000);
	assert_range(2, 0x801000, 0x1000000);
	assert_range(3, 0x1010000, 0x3ffe0000);
	assert_range(4, 4 * GiB, 5 * GiB);
	assert_int_equal(P.managed, P.free_bytes);
	assert_int_equal(pmm_largest_free(&P), 1 * GiB);
	check_invariants(&P);
}

static void test_build_overlapping_firmware(void **state)
{
	const struct mem_region map[] = {
	    {0x100000, 0x700000, MEM_AVAILABLE},
	    {0x400000, 0x800000, MEM_AVAILABLE}, /* overlaps the first */
	    {0x200000, 0x100000, MEM_AVAILABLE}, /* inside the first */
	    {0x600800, 0x800, MEM_ACPI_RECLAIMABLE},
	    {0xe00100, 0x800, MEM_AVAILABLE}, /* less than a page: ignored */
	    {0x0, 0x180000, MEM_NVS},	      /* overlaps from below */
	    {0xb00000, 0x200000, MEM_BAD},    /* overlaps from above */
	};
	char err[128];

	assert_int_equal(pmm_build(&P, map, 7, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(P.nfree, 2);
	assert_range(0, 0x180000, 0x600000);
	assert_range(1, 0x601000, 0xb00000);
	assert_int_equal(P.managed, 0x480000 + 0x4ff000);
	check_invariants(&P);
}

static void test_build_errors(void **state)
{
	const struct mem_region wrap[] = {{0, 1 * MiB, MEM_AVAILABLE},
					  {UINT64_MAX - PG, 4 * PG, MEM_RESERVED}};
	const struct mem_region res_wrap = {UINT64_MAX, 2, MEM_RESERVED};
	static struct mem_region frag[PMM_MAX_RANGES + 1];
	char err[128];

	assert_int_equal(pmm_build(&P, wrap, 2, NULL, 0, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "memory map entry 1"));
	assert_int_equal(P.nfree, 0);
	assert_int_equal(pmm_build(&P, wrap, 1, &res_wrap, 1, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "reserved range 0"));
	for (unsigned i = 0; i <= PMM_MAX_RANGES; i++)
		frag[i] = (struct mem_region){i * 4 * PG, 3 * PG, MEM_AVAILABLE};
	assert_int_equal(pmm_build(&P, frag, PMM_MAX_RANGES + 1, NULL, 0, err, sizeof(err)),
			 -ENOSPC);
	assert_non_null(strstr(err, "memory map entry 256"));
	assert_int_equal(pmm_build(&P, frag, PMM_MAX_RANGES + 1, NULL, 0, NULL, 0), -ENOSPC);
	/* A duplicate strictly inside a range needs no slot, even when the table is full. */
	frag[PMM_MAX_RANGES] = (struct mem_region){PG, PG, MEM_AVAILABLE};
	assert_int_equal(pmm_build(&P, frag, PMM_MAX_RANGES + 1, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(P.nfree, PMM_MAX_RANGES);
}

static void test_alloc_alignment(void **state)
{
	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 0x1000, 8 * GiB - 0x1000), 0);
	assert_int_equal(pmm_alloc(&P, 1, 0, PMM_NONE), 0x1000);
	assert_int_equal(pmm_alloc(&P, 2 * MiB, 2 * MiB, PMM_NONE), 2 * MiB);
	assert_int_equal(pmm_alloc(&P, 1 * GiB, 1 * GiB, PMM_NONE), 1 * GiB);
	assert_int_equal(pmm_alloc(&P, PG, PG, PMM_NONE), 0x2000); /* lowest first */
	assert_int_equal(pmm_alloc(&P, 4 * GiB, 4 * GiB, PMM_NONE), 4 * GiB);
	assert_int_equal(pmm_alloc(&P, 4 * GiB, 4 * GiB, PMM_NONE), PMM_NONE);
	assert_int_equal(pmm_alloc(&P, PG, 3 * PG, PMM_NONE), PMM_NONE); /* not a power of 2 */
	assert_int_equal(pmm_alloc(&P, 0, PG, PMM_NONE), PMM_NONE);
	assert_int_equal(pmm_alloc(&P, UINT64_MAX, PG, PMM_NONE), PMM_NONE);
	assert_int_equal(pmm_alloc(&P, PG, 1ULL << 63, PMM_NONE), PMM_NONE);
	check_invariants(&P);
}

static void test_alloc_limit_low_memory(void **state)
{
	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 0x1000, 0x9e000), 0);
	assert_int_equal(pmm_add(&P, 1 * MiB, 63 * MiB), 0);
	assert_int_equal(pmm_alloc(&P, 64 * KiB, 64 * KiB, 1 * MiB), 0x10000);
	assert_int_equal(pmm_alloc(&P, 0x90000, PG, 1 * MiB),
			 PMM_NONE); /* no range that big below 1 MiB */
	assert_int_equal(pmm_alloc(&P, 2 * PG, PG, 0x3000), 0x1000);
	assert_int_equal(pmm_alloc(&P, PG, PG, 0x3000), PMM_NONE);
	assert_int_equal(pmm_alloc(&P, PG, PG, 0), PMM_NONE);
	assert_int_equal(pmm_alloc(&P, 2 * MiB, 2 * MiB, PMM_NONE), 2 * MiB);
	check_invariants(&P);
}

static void test_exhaustion_and_free(void **state)
{
	uint64_t a[64];

	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 1 * MiB, 64 * PG), 0);
	for (unsigned i = 0; i < 64; i++) {
		a[i] = pmm_alloc(&P, PG, PG, PMM_NONE);
		assert_int_equal(a[i], 1 * MiB + i * PG);
	}
	assert_int_equal(pmm_alloc(&P, PG, PG, PMM_NONE), PMM_NONE);
	assert_int_equal(P.free_bytes, 0);
	assert_int_equal(P.nfree, 0);
	for (unsigned i = 0; i < 64; i += 2)
		assert_int_equal(pmm_free(&P, a[i], PG), 0);
	assert_int_equal(P.nfree, 32);
	for (unsigned i = 1; i < 64; i += 2)
		assert_int_equal(pmm_free(&P, a[i], PG), 0);
	assert_int_equal(P.nfree, 1);
	assert_range(0, 1 * MiB, 1 * MiB + 64 * PG);
	check_invariants(&P);
}

static void test_free_misuse_refused(void **state)
{
	uint64_t a;

	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 1 * MiB, 1 * MiB), 0);
	a = pmm_alloc(&P, 4 * PG, PG, PMM_NONE);
	assert_int_equal(pmm_free(&P, a, 2 * PG), 0);
	assert_int_equal(pmm_free(&P, a, 2 * PG), -EEXIST);	 /* double free */
	assert_int_equal(pmm_free(&P, a + PG, 2 * PG), -EEXIST); /* partly free */
	assert_int_equal(pmm_free(&P, a + 2 * PG, PG + 1), -EINVAL);
	assert_int_equal(pmm_free(&P, a + 2 * PG + 1, PG), -EINVAL);
	assert_int_equal(pmm_free(&P, a + 2 * PG, 3 * PG), -EINVAL); /* more than allocated */
	assert_int_equal(pmm_free(&P, UINT64_MAX & ~(PG - 1), 2 * PG), -EINVAL);
	assert_int_equal(pmm_free(&P, a + 2 * PG, 0), 0);
	assert_int_equal(pmm_free(&P, a + 2 * PG, 2 * PG), 0);
	assert_int_equal(P.free_bytes, 1 * MiB);
	check_invariants(&P);
}

/* 256 three-page ranges at page 8i+3; the last one starts at 8i+4, so it is 4-page aligned. */
static void fill_table(void)
{
	pmm_init(&P);
	for (unsigned i = 0; i < PMM_MAX_RANGES; i++) {
		uint64_t page = 8 * i + 3 + (i == PMM_MAX_RANGES - 1);

		assert_int_equal(pmm_add(&P, page * PG, 3 * PG), 0);
	}
	assert_int_equal(P.nfree, PMM_MAX_RANGES);
}

static void test_table_overflow_loses_nothing(void **state)
{
	uint64_t before, last = (8 * (PMM_MAX_RANGES - 1) + 4) * PG;

	fill_table();
	before = P.free_bytes;
	assert_int_equal(pmm_add(&P, 1 * GiB, PG), -ENOSPC);
	assert_int_equal(pmm_reserve(&P, 4 * PG, PG), -ENOSPC); /* would split [3, 6) */
	assert_int_equal(P.free_bytes, before);
	assert_int_equal(P.managed, before);
	/* Ending exactly at a range end only trims it: allowed with a full table. */
	assert_int_equal(pmm_alloc(&P, 2 * PG, 4 * PG, PMM_NONE), 4 * PG);
	assert_int_equal(pmm_free(&P, 4 * PG, 2 * PG), 0);
	/* Every 4-page-aligned fit below the last range would split one; the last one does not. */
	assert_int_equal(pmm_alloc(&P, PG, 4 * PG, PMM_NONE), last);
	assert_int_equal(pmm_free(&P, last, PG), 0);
	assert_int_equal(pmm_alloc(&P, PG, PG, PMM_NONE), 3 * PG);
	assert_int_equal(pmm_alloc(&P, PG, PG, PMM_NONE), 4 * PG);
	assert_int_equal(pmm_free(&P, 3 * PG, PG), -ENOSPC); /* isolated: needs a new slot */
	assert_int_equal(pmm_free(&P, 4 * PG, PG), 0);
	assert_int_equal(pmm_free(&P, 3 * PG, PG), 0);
	assert_int_equal(pmm_add(&P, 6 * PG, PG), 0); /* merges: no new slot needed */
	assert_int_equal(P.free_bytes, before + PG);
	assert_int_equal(P.nfree, PMM_MAX_RANGES);
	check_invariants(&P);
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Random alloc/free against a page-array model: every byte accounted, no block overlaps. */
static void test_random_against_model(void **state)
{
	enum { PAGES = 4096, LIVE = 64, ROUNDS = 20000 };
	static uint8_t owner[PAGES];
	uint64_t base[LIVE] = {0}, size[LIVE] = {0}, x = 0x9E3779B97F4A7C15ULL;

	memset(owner, 0, sizeof(owner));
	pmm_init(&P);
	assert_int_equal(pmm_add(&P, 0, PAGES * PG), 0);
	for (unsigned r = 0; r < ROUNDS; r++) {
		unsigned s = rnd(&x) % LIVE;

		if (size[s]) {
			assert_int_equal(pmm_free(&P, base[s], size[s]), 0);
			for (uint64_t pg = base[s] / PG; pg < (base[s] + size[s]) / PG; pg++)
				owner[pg] = 0;
			size[s] = 0;
		} else {
			uint64_t sz = (rnd(&x) % 32 + 1) * PG, al = PG << (rnd(&x) % 5);

			base[s] = pmm_alloc(&P, sz, al, PMM_NONE);
			if (base[s] == PMM_NONE)
				continue;
			assert_int_equal(base[s] % al, 0);
			for (uint64_t pg = base[s] / PG; pg < (base[s] + sz) / PG; pg++)
				assert_int_equal(owner[pg]++, 0);
			size[s] = sz;
		}
	}
	check_invariants(&P);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_merges_and_rounds),
	    cmocka_unit_test(test_add_refuses_overlap_and_wrap),
	    cmocka_unit_test(test_reserve_splits_outward),
	    cmocka_unit_test(test_build_qemu_map),
	    cmocka_unit_test(test_build_overlapping_firmware),
	    cmocka_unit_test(test_build_errors),
	    cmocka_unit_test(test_alloc_alignment),
	    cmocka_unit_test(test_alloc_limit_low_memory),
	    cmocka_unit_test(test_exhaustion_and_free),
	    cmocka_unit_test(test_free_misuse_refused),
	    cmocka_unit_test(test_table_overflow_loses_nothing),
	    cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests_name("pmm", tests, NULL, NULL);
}
