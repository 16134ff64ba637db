// SPDX-License-Identifier: BSD-2-Clause
// Nested page tables with the largest pages that fit, and the IOPM/MSRPM bits (APM Vol. 2, 15).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "paging.h"
#include "svm/svm.h"

#define NPT_U	  (1ULL << 2)
#define MAX_ALLOC 64

/* The backend's page_alloc, on the host: aligned, zeroed, freed after each test. */
static void *allocs[MAX_ALLOC];
static size_t nallocs;

void *page_alloc(uint64_t size, uint64_t align)
{
	void *p = aligned_alloc(align, size);

	assert_non_null(p);
	assert_true(nallocs < MAX_ALLOC);
	memset(p, 0, size);
	return allocs[nallocs++] = p;
}

static int free_all(void **state)
{
	while (nallocs)
		free(allocs[--nallocs]);
	return 0;
}

static uint64_t *next(uint64_t entry)
{
	assert_true(entry & PTE_P);
	assert_true(entry & NPT_U); /* nested walks are user walks */
	return (uint64_t *)(entry & PTE_ADDR_MASK);
}

static void two_mib_pages(void **state)
{
	uint64_t *pml4 = page_alloc(4096, 4096), *pd;
	unsigned int pages[3] = {0, 0, 0};

	npt_map(pml4, 0, 0x40000000, 16 << 20, CFG_R | CFG_W, pages);
	assert_int_equal(pages[1], 8);
	assert_int_equal(pages[0] + pages[2], 0);
	pd = next(next(pml4[0])[0]);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(pd[i] & PTE_ADDR_MASK & ~PTE_NX, 0x40000000 + i * SIZE_2M);
		assert_true(pd[i] & PTE_PS && pd[i] & PTE_W && pd[i] & PTE_NX && pd[i] & NPT_U);
	}
	assert_int_equal(pd[8], 0);
}

static void one_gib_page(void **state)
{
	uint64_t *pml4 = page_alloc(4096, 4096), *pdpt;
	unsigned int pages[3] = {0, 0, 0};

	npt_map(pml4, SIZE_1G, 2 * SIZE_1G, SIZE_1G, CFG_R | CFG_W | CFG_X, pages);
	assert_int_equal(pages[2], 1);
	pdpt = next(pml4[0]);
	assert_int_equal(pdpt[1] & PTE_ADDR_MASK, 2 * SIZE_1G);
	assert_true(pdpt[1] & PTE_PS);
	assert_false(pdpt[1] & PTE_NX);
}

/* A host address off 2 MiB alignment forces 4 KiB pages: never map across the region. */
static void misaligned_falls_back_to_4k(void **state)
{
	uint64_t *pml4 = page_alloc(4096, 4096), *pt;
	unsigned int pages[3] = {0, 0, 0};

	npt_map(pml4, 0, 0x201000, 4 << 20, CFG_R, pages);
	assert_int_equal(pages[0], 1024);
	assert_int_equal(pages[1] + pages[2], 0);
	pt = next(next(next(pml4[0])[0])[0]);
	assert_int_equal(pt[1] & PTE_ADDR_MASK, 0x202000);
	assert_false(pt[1] & (PTE_W | PTE_PS));
}

static int msrpm_bit(const uint8_t *map, uint32_t offset, uint32_t n, int write)
{
	return (map[offset + n / 4] >> ((n % 4) * 2 + write)) & 1;
}

static void msr_allow_list(void **state)
{
	const uint8_t *map = (const uint8_t *)svm_msrpm_build();

	assert_int_equal(msrpm_bit(map, 0x800, 0x82, 0), 0); /* LSTAR */
	assert_int_equal(msrpm_bit(map, 0x800, 0x82, 1), 0);
	assert_int_equal(msrpm_bit(map, 0x800, 0x101, 1), 0);  /* GS_BASE */
	assert_int_equal(msrpm_bit(map, 0x000, 0x176, 0), 0);  /* SYSENTER_EIP */
	assert_int_equal(msrpm_bit(map, 0x800, 0x80, 1), 1);   /* EFER stays trapped */
	assert_int_equal(msrpm_bit(map, 0x000, 0x10, 1), 1);   /* TSC */
	assert_int_equal(msrpm_bit(map, 0x1000, 0x114, 1), 1); /* VM_CR */
}

/* A vCPU's own map: one MSR's read and write bits change, its neighbours' do not. */
static void msr_intercept_per_msr(void **state)
{
	uint8_t *map = (uint8_t *)svm_msrpm_build();

	svm_msrpm_set(map, 0x80b, false, false); /* x2APIC EOI */
	assert_int_equal(msrpm_bit(map, 0x000, 0x80b, 0), 0);
	assert_int_equal(msrpm_bit(map, 0x000, 0x80b, 1), 0);
	assert_int_equal(msrpm_bit(map, 0x000, 0x80a, 1), 1);
	assert_int_equal(msrpm_bit(map, 0x000, 0x80c, 0), 1);
	svm_msrpm_set(map, 0x830, false, true); /* ICR: reads through, writes exit */
	assert_int_equal(msrpm_bit(map, 0x000, 0x830, 0), 0);
	assert_int_equal(msrpm_bit(map, 0x000, 0x830, 1), 1);
	svm_msrpm_set(map, 0x80b, true, true);
	assert_int_equal(msrpm_bit(map, 0x000, 0x80b, 0), 1);
	assert_int_equal(msrpm_bit(map, 0x000, 0x80b, 1), 1);
	svm_msrpm_set(map, 0xc0000082, true, false); /* LSTAR, in the second range */
	assert_int_equal(msrpm_bit(map, 0x800, 0x82, 0), 1);
	assert_int_equal(msrpm_bit(map, 0x800, 0x82, 1), 0);
	svm_msrpm_set(map, 0x40000000, false, false); /* outside every range: no effect */
}

static int io_bit(const uint8_t *map, unsigned int port)
{
	return (map[port / 8] >> (port % 8)) & 1;
}

static void io_owned_ports_only(void **state)
{
	struct cfg_partition c = {
	    .nioports = 1, .console = CFG_CONSOLE_PASSTHROUGH, .console_port = 0x2f8};
	const uint8_t *map;

	c.ioport[0] = (struct cfg_range){0xf4, 1};
	map = (const uint8_t *)svm_iopm_build(&c);
	assert_int_equal(io_bit(map, 0xf4), 0);
	assert_int_equal(io_bit(map, 0xf5), 1);
	assert_int_equal(io_bit(map, 0x2f8), 0);
	assert_int_equal(io_bit(map, 0x2ff), 0);
	assert_int_equal(io_bit(map, 0x300), 1);
	assert_int_equal(io_bit(map, 0x3f8), 1); /* the hypervisor's console */
	assert_int_equal(map[IOPM_SIZE - 1], 0xff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(two_mib_pages, free_all),
	    cmocka_unit_test_teardown(one_gib_page, free_all),
	    cmocka_unit_test_teardown(misaligned_falls_back_to_4k, free_all),
	    cmocka_unit_test_teardown(msr_allow_list, free_all),
	    cmocka_unit_test_teardown(msr_intercept_per_msr, free_all),
	    cmocka_unit_test_teardown(io_owned_ports_only, free_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
