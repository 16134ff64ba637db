// SPDX-License-Identifier: BSD-2-Clause
// I/O page tables of both formats: what a device reaches, with which rights, at which level.

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io_pgtable.h"

#define MIB(n)	   ((uint64_t)(n) << 20)
#define GIB(n)	   ((uint64_t)(n) << 30)
#define MAX_TABLES 64
#define IOPT_X	   4U /* a region's execute right: devices do not fetch, it maps nothing */

/* A heap of tables whose "physical" address is their host address; freed after each test. */
struct heap {
	void *table[MAX_TABLES];
	size_t n, limit;
	size_t flushed; /* bytes the builder asked to write back */
};

static uint64_t heap_alloc(void *ctx)
{
	struct heap *h = ctx;
	void *p;

	if (h->n == h->limit)
		return 0;
	p = aligned_alloc(4096, 4096);
	memset(p, 0, 4096);
	h->table[h->n++] = p;
	return (uint64_t)(uintptr_t)p;
}

static void *heap_virt(void *ctx, uint64_t pa)
{
	(void)ctx;
	return (void *)(uintptr_t)pa;
}

static void heap_flush(void *ctx, const void *p, size_t len)
{
	(void)p;
	((struct heap *)ctx)->flushed += len;
}

static struct heap heap;

static int setup(void **state)
{
	memset(&heap, 0, sizeof(heap));
	heap.limit = MAX_TABLES;
	return 0;
}

static int teardown(void **state)
{
	for (size_t i = 0; i < heap.n; i++)
		free(heap.table[i]);
	return 0;
}

static struct iopt make(enum iopt_fmt fmt, unsigned int levels, unsigned int largest,
			unsigned int bits)
{
	struct iopt t = {.fmt = fmt, .levels = levels, .largest = largest, .addr_bits = bits};

	t.mem = (struct iopt_mem){.alloc = heap_alloc, .virt = heap_virt, .ctx = &heap};
	assert_int_equal(iopt_init(&t), 0);
	return t;
}

static void expect(const struct iopt *t, uint64_t iova, uint64_t pa, unsigned int rights,
		   unsigned int level)
{
	uint64_t got;
	unsigned int r, l;

	assert_true(iopt_lookup(t, iova, &got, &r, &l));
	assert_int_equal(got, pa);
	assert_int_equal(r, rights);
	assert_int_equal(l, level);
}

static void expect_none(const struct iopt *t, uint64_t iova)
{
	uint64_t pa;
	unsigned int r, l;

	assert_false(iopt_lookup(t, iova, &pa, &r, &l));
}

/* A partition's region: exactly its pages, at its guest addresses; one byte outside is not. */
static void maps_exactly_the_region(enum iopt_fmt fmt)
{
	struct iopt t = make(fmt, 4, IOPT_4K, 48);

	assert_int_equal(iopt_map(&t, 0x100000, 0x30000000, 0x3000, IOPT_R | IOPT_W), 0);
	expect(&t, 0x100000, 0x30000000, IOPT_R | IOPT_W, IOPT_4K);
	expect(&t, 0x102fff, 0x30002fff, IOPT_R | IOPT_W, IOPT_4K);
	expect_none(&t, 0xfffff);
	expect_none(&t, 0x103000);
	expect_none(&t, 0x30000000); /* the host address is no device address */
	assert_int_equal(t.leaves[IOPT_4K], 3);
}

static void vtd_maps_exactly(void **state)
{
	maps_exactly_the_region(IOPT_VTD);
}

static void amd_maps_exactly(void **state)
{
	maps_exactly_the_region(IOPT_AMD);
}

/* Rights come from the region: read-only stays read-only; write implies read, as in the NPT. */
static void rights_from_region(enum iopt_fmt fmt)
{
	struct iopt t = make(fmt, 3, IOPT_4K, 39);

	assert_int_equal(iopt_map(&t, 0, 0x40000000, 0x1000, IOPT_R), 0);
	assert_int_equal(iopt_map(&t, 0x1000, 0x40001000, 0x1000, IOPT_W), 0);
	assert_int_equal(iopt_map(&t, 0x2000, 0x40002000, 0x1000, IOPT_R | IOPT_X), 0);
	expect(&t, 0, 0x40000000, IOPT_R, IOPT_4K);
	expect(&t, 0x1000, 0x40001000, IOPT_R | IOPT_W, IOPT_4K);
	expect(&t, 0x2000, 0x40002000, IOPT_R, IOPT_4K);
	assert_int_equal(iopt_map(&t, 0x3000, 0x40003000, 0x1000, IOPT_X), -EINVAL);
}

static void vtd_rights(void **state)
{
	rights_from_region(IOPT_VTD);
}

static void amd_rights(void **state)
{
	rights_from_region(IOPT_AMD);
}

/* Large leaves where both addresses are aligned and the unit offers them; 4 KiB elsewhere. */
static void large_leaves(enum iopt_fmt fmt)
{
	struct iopt t = make(fmt, 4, IOPT_1G, 48);

	assert_int_equal(iopt_map(&t, GIB(1), GIB(3), GIB(1) + MIB(2) + 0x1000, IOPT_R | IOPT_W),
			 0);
	expect(&t, GIB(1) + 0x1234, GIB(3) + 0x1234, IOPT_R | IOPT_W, IOPT_1G);
	expect(&t, GIB(2) + 0x5000, GIB(4) + 0x5000, IOPT_R | IOPT_W, IOPT_2M);
	expect(&t, GIB(2) + MIB(2), GIB(4) + MIB(2), IOPT_R | IOPT_W, IOPT_4K);
	expect_none(&t, GIB(2) + MIB(2) + 0x1000);
	assert_int_equal(t.leaves[IOPT_1G], 1);
	assert_int_equal(t.leaves[IOPT_2M], 1);
	assert_int_equal(t.leaves[IOPT_4K], 1);
}

static void vtd_large(void **state)
{
	large_leaves(IOPT_VTD);
}

static void amd_large(void **state)
{
	large_leaves(IOPT_AMD);
}

/* A unit without large pages, or misaligned host memory, gets 4 KiB leaves only. */
static void no_large_when_not_offered(void **state)
{
	struct iopt t = make(IOPT_VTD, 3, IOPT_4K, 39);
	struct iopt u = make(IOPT_AMD, 3, IOPT_2M, 39);

	assert_int_equal(iopt_map(&t, 0, MIB(2), MIB(2), IOPT_R), 0);
	expect(&t, 0x1000, MIB(2) + 0x1000, IOPT_R, IOPT_4K);
	assert_int_equal(iopt_map(&u, 0, MIB(2) + 0x1000, MIB(2), IOPT_R), 0);
	expect(&u, 0x1000, MIB(2) + 0x2000, IOPT_R, IOPT_4K);
	assert_int_equal(u.leaves[IOPT_2M], 0);
}

/* The raw bits the walkers read (VT-d 9.8, AMD IOMMU 2.2.3). */
static void entry_bits(void **state)
{
	struct iopt v = make(IOPT_VTD, 3, IOPT_2M, 39);
	struct iopt a = make(IOPT_AMD, 3, IOPT_2M, 39);
	uint64_t *vroot = (uint64_t *)(uintptr_t)v.root, *aroot = (uint64_t *)(uintptr_t)a.root;
	uint64_t *vl2, *al2;

	assert_int_equal(iopt_map(&v, 0, MIB(4), MIB(2), IOPT_R), 0);
	assert_int_equal(iopt_map(&a, 0, MIB(4), MIB(2), IOPT_R | IOPT_W), 0);
	assert_int_equal(vroot[0] & 0xfff, 0x3);   /* table: R and W */
	assert_int_equal(aroot[0] & 0xfff, 0x401); /* PR, next level 2 */
	assert_int_equal(aroot[0] >> 61, 3);	   /* IR and IW */
	vl2 = (uint64_t *)(uintptr_t)(vroot[0] & ~0xfffULL);
	al2 = (uint64_t *)(uintptr_t)(aroot[0] & 0x000ffffffffff000ULL);
	assert_int_equal(vl2[0], MIB(4) | 0x81);	   /* R, PS */
	assert_int_equal(al2[0], MIB(4) | 1 | 3ULL << 61); /* PR, next level 0: a page */
}

static void refuses_bad_ranges(void **state)
{
	struct iopt t = make(IOPT_VTD, 3, IOPT_2M, 39);

	assert_int_equal(iopt_map(&t, 0x800, 0x1000, 0x1000, IOPT_R), -EINVAL);
	assert_int_equal(iopt_map(&t, 0x1000, 0x1800, 0x1000, IOPT_R), -EINVAL);
	assert_int_equal(iopt_map(&t, 0x1000, 0x1000, 0, IOPT_R), -EINVAL);
	assert_int_equal(iopt_map(&t, -0x1000ULL, 0x1000, 0x2000, IOPT_R), -EINVAL);
	/* beyond the 39 bits the unit translates */
	assert_int_equal(iopt_map(&t, GIB(512) - 0x1000, 0x1000, 0x2000, IOPT_R), -EINVAL);
	assert_int_equal(iopt_map(&t, GIB(512) - 0x1000, 0x1000, 0x1000, IOPT_R), 0);
	expect_none(&t, GIB(512));
}

/* Two regions never share a device address: the second mapping is refused, not merged. */
static void refuses_overlap(void **state)
{
	struct iopt t = make(IOPT_AMD, 4, IOPT_1G, 48);

	assert_int_equal(iopt_map(&t, MIB(2), GIB(1), MIB(2), IOPT_R), 0);
	assert_int_equal(iopt_map(&t, MIB(3), GIB(2), 0x1000, IOPT_R), -EEXIST);
	assert_int_equal(iopt_map(&t, 0, GIB(2), MIB(4), IOPT_R), -EEXIST);
	expect(&t, MIB(3), GIB(1) + MIB(1), IOPT_R, IOPT_2M);
}

static void out_of_tables(void **state)
{
	struct iopt t = make(IOPT_VTD, 4, IOPT_4K, 48);

	heap.limit = heap.n + 2; /* a 4-level walk to a new 4 KiB leaf needs 3 */
	assert_int_equal(iopt_map(&t, 0, 0x1000, 0x1000, IOPT_R), -ENOMEM);
}

static void geometry_checked(void **state)
{
	struct iopt t = {.fmt = IOPT_VTD, .levels = 3, .largest = IOPT_1G, .addr_bits = 39};

	t.mem = (struct iopt_mem){.alloc = heap_alloc, .virt = heap_virt, .ctx = &heap};
	assert_int_equal(iopt_init(&t), -EINVAL); /* a 1 GiB leaf is the top of a 3-level walk */
	t.largest = IOPT_2M;
	t.addr_bits = 48; /* wider than 3 levels reach */
	assert_int_equal(iopt_init(&t), -EINVAL);
	t.levels = 7;
	assert_int_equal(iopt_init(&t), -EINVAL);
}

/* Non-coherent walkers: every entry written is written back. */
static void flushes_writes(void **state)
{
	struct iopt t = make(IOPT_VTD, 3, IOPT_4K, 39);

	t.mem.flush = heap_flush;
	assert_int_equal(iopt_map(&t, 0, 0x1000, 0x2000, IOPT_R), 0);
	assert_int_equal(heap.flushed, 4 * sizeof(uint64_t)); /* 2 tables, 2 leaves */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(vtd_maps_exactly, setup, teardown),
	    cmocka_unit_test_setup_teardown(amd_maps_exactly, setup, teardown),
	    cmocka_unit_test_setup_teardown(vtd_rights, setup, teardown),
	    cmocka_unit_test_setup_teardown(amd_rights, setup, teardown),
	    cmocka_unit_test_setup_teardown(vtd_large, setup, teardown),
	    cmocka_unit_test_setup_teardown(amd_large, setup, teardown),
	    cmocka_unit_test_setup_teardown(no_large_when_not_offered, setup, teardown),
	    cmocka_unit_test_setup_teardown(entry_bits, setup, teardown),
	    cmocka_unit_test_setup_teardown(refuses_bad_ranges, setup, teardown),
	    cmocka_unit_test_setup_teardown(refuses_overlap, setup, teardown),
	    cmocka_unit_test_setup_teardown(out_of_tables, setup, teardown),
	    cmocka_unit_test_setup_teardown(geometry_checked, setup, teardown),
	    cmocka_unit_test_setup_teardown(flushes_writes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
