// SPDX-License-Identifier: BSD-2-Clause
// Guest page-table walks over hand-built tables in a small fake guest memory.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gpt_walk.h"

#define PAGE	  4096
#define MEM_PAGES 16
#define P	  (1ULL << 0)
#define RW	  (1ULL << 1)
#define US	  (1ULL << 2)
#define PS	  (1ULL << 7)
#define NX	  (1ULL << 63)
#define CR0_PE	  (1ULL << 0)
#define CR0_WP	  (1ULL << 16)
#define CR0_PG	  (1ULL << 31)
#define CR4_PSE	  (1ULL << 4)
#define CR4_PAE	  (1ULL << 5)
#define CR4_LA57  (1ULL << 12)
#define CR4_SMEP  (1ULL << 20)
#define EFER_LME  (1ULL << 8)
#define EFER_LMA  (1ULL << 10)
#define EFER_NXE  (1ULL << 11)

static uint8_t mem[MEM_PAGES * PAGE];

static bool read_mem(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val)
{
	uint32_t v32;

	if (gpa + size > sizeof(mem))
		return false;
	if (size == 4) {
		memcpy(&v32, mem + gpa, 4);
		*val = v32;
	} else {
		memcpy(val, mem + gpa, 8);
	}
	return true;
}

static void put32(unsigned int page, unsigned int idx, uint32_t v)
{
	memcpy(mem + page * PAGE + idx * 4, &v, 4);
}

static void put64(unsigned int page, unsigned int idx, uint64_t v)
{
	memcpy(mem + page * PAGE + idx * 8, &v, 8);
}

static int clear(void **state)
{
	memset(mem, 0, sizeof(mem));
	return 0;
}

static struct gpt_ctx ctx(uint64_t cr0, uint64_t cr4, uint64_t efer, uint8_t cpl)
{
	return (struct gpt_ctx){.cr0 = cr0 | CR0_PE,
				.cr3 = PAGE,
				.cr4 = cr4,
				.efer = efer,
				.cpl = cpl,
				.read = read_mem};
}

static enum gpt_result walk(const struct gpt_ctx *c, uint64_t gla, enum gpt_access a, uint64_t *gpa)
{
	*gpa = 0xdead;
	return gpt_walk(c, gla, a, gpa);
}

static void paging_off(void **state)
{
	struct gpt_ctx c = ctx(0, 0, 0, 0);
	uint64_t gpa;

	assert_int_equal(walk(&c, 0x1fee000b0ULL, GPT_READ, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xfee000b0); /* 32-bit linear addresses wrap */
}

/* 32-bit paging: PD at page 1, PT at page 2; 0x00401234 -> frame 0x7000. */
static void legacy_4k_and_4m(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG | CR0_WP, CR4_PSE, 0, 0);
	uint64_t gpa;

	put32(1, 1, 2 * PAGE | P | RW);
	put32(2, 1, 0x7000 | P);
	assert_int_equal(walk(&c, 0x00401234, GPT_FETCH, &gpa), GPT_OK);
	assert_int_equal(gpa, 0x7234);
	/* read-only page: a supervisor write faults with CR0.WP, passes without */
	assert_int_equal(walk(&c, 0x00401234, GPT_WRITE, &gpa), GPT_PROTECTION);
	c.cr0 &= ~CR0_WP;
	assert_int_equal(walk(&c, 0x00401234, GPT_WRITE, &gpa), GPT_OK);
	/* 4 MiB page at 0xfec00000 with PSE-36 bits 35:32 = 0x3 */
	put32(1, 0x3fb, 0xfec00000 | (3U << 13) | PS | P | RW);
	assert_int_equal(walk(&c, 0xfee000b0, GPT_WRITE, &gpa), GPT_OK);
	assert_int_equal(gpa, 0x3fee000b0ULL);
	/* bit 21 of a 4 MiB PDE is reserved */
	put32(1, 0x3fb, 0xfec00000 | (1U << 21) | PS | P);
	assert_int_equal(walk(&c, 0xfee000b0, GPT_READ, &gpa), GPT_RESERVED);
	assert_int_equal(gpa, 0xdead);
}

/* Without CR4.PSE the PS bit of a 32-bit PDE is ignored: the entry names a table. */
static void legacy_ps_without_pse(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG, 0, 0, 0);
	uint64_t gpa;

	put32(1, 0, 2 * PAGE | PS | P);
	put32(2, 3, 0x9000 | P);
	assert_int_equal(walk(&c, 0x3010, GPT_READ, &gpa), GPT_OK);
	assert_int_equal(gpa, 0x9010);
}

static void legacy_user_and_not_present(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG, 0, 0, 3);
	uint64_t gpa;

	put32(1, 0, 2 * PAGE | P | RW | US);
	put32(2, 1, 0x5000 | P | RW); /* supervisor page */
	put32(2, 2, 0x6000 | P | RW | US);
	assert_int_equal(walk(&c, 0x1000, GPT_READ, &gpa), GPT_PROTECTION);
	assert_int_equal(walk(&c, 0x2008, GPT_WRITE, &gpa), GPT_OK);
	assert_int_equal(gpa, 0x6008);
	assert_int_equal(walk(&c, 0x3000, GPT_READ, &gpa), GPT_NOT_PRESENT);
	assert_int_equal(walk(&c, 0x400000, GPT_READ, &gpa), GPT_NOT_PRESENT);
}

/* PAE: PDPT at page 1 (CR3 is 32-byte aligned), PD at page 2, PT at page 3. */
static void pae_pages_and_nx(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG, CR4_PAE, EFER_NXE, 0);
	uint64_t gpa;

	put64(1, 3, 2 * PAGE | P);
	put64(2, 0x1f7, 0xfee00000ULL | PS | P | RW | NX); /* 2 MiB page */
	put64(2, 0, 3 * PAGE | P | RW);
	put64(3, 5, 0x123456000ULL | P);
	assert_int_equal(walk(&c, 0xfee00300, GPT_WRITE, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xfee00300);
	assert_int_equal(walk(&c, 0xfee00300, GPT_FETCH, &gpa), GPT_PROTECTION);
	c.cr3 = PAGE; /* indexes the PDPT with bits 31:30 */
	assert_int_equal(walk(&c, 0x40005008, GPT_FETCH, &gpa), GPT_NOT_PRESENT);
	put64(1, 0, 2 * PAGE | P);
	assert_int_equal(walk(&c, 0x5008, GPT_FETCH, &gpa), GPT_OK);
	assert_int_equal(gpa, 0x123456008ULL);
	/* NX without EFER.NXE is a reserved bit; so are RW/US in a PAE PDPTE */
	c.efer = 0;
	assert_int_equal(walk(&c, 0xfee00300, GPT_READ, &gpa), GPT_RESERVED);
	put64(1, 0, 2 * PAGE | P | RW);
	assert_int_equal(walk(&c, 0x5008, GPT_READ, &gpa), GPT_RESERVED);
	/* 2 MiB page with a bit of 20:13 set */
	put64(1, 0, 2 * PAGE | P);
	put64(2, 1, 0x200000ULL | (1ULL << 13) | PS | P);
	assert_int_equal(walk(&c, 0x200000, GPT_READ, &gpa), GPT_RESERVED);
}

/* 4-level: PML4 page 1, PDPT page 2, PD page 3, PT page 4. */
static void long_mode_levels(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG | CR0_WP, CR4_PAE, EFER_LME | EFER_LMA | EFER_NXE, 0);
	uint64_t gpa;

	put64(1, 0, 2 * PAGE | P | RW | US);
	put64(1, 511, 2 * PAGE | P | RW);
	put64(2, 3, 0xc0000000ULL | PS | P | RW); /* 1 GiB page: 0xfee00000 identity */
	put64(2, 0, 3 * PAGE | P | RW | US);
	put64(3, 2, 4 * PAGE | P | RW | US);
	put64(4, 0x10, 0xabcd000ULL | P | US);
	assert_int_equal(walk(&c, 0xfee000b0, GPT_WRITE, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xfee000b0);
	assert_int_equal(walk(&c, 0x410123, GPT_FETCH, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xabcd123);
	/* the top of the address space through PML4 entry 511, PDPT entry 511 absent */
	assert_int_equal(walk(&c, 0xffffffffff5fc0b0ULL, GPT_READ, &gpa), GPT_NOT_PRESENT);
	put64(2, 511, 3 * PAGE | P | RW);
	put64(3, 506, 0xfee00000ULL | PS | P | RW); /* 2 MiB: 0xff400000-0xff5fffff */
	assert_int_equal(walk(&c, 0xffffffffff5fc0b0ULL, GPT_READ, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xfeffc0b0ULL);
	assert_int_equal(walk(&c, 0x0000800000000000ULL, GPT_READ, &gpa), GPT_NONCANONICAL);
	/* SMEP: a supervisor fetch from a user page faults */
	c.cr4 |= CR4_SMEP;
	assert_int_equal(walk(&c, 0x410123, GPT_FETCH, &gpa), GPT_PROTECTION);
	assert_int_equal(walk(&c, 0x410123, GPT_READ, &gpa), GPT_OK);
	/* a user write to a read-only user page */
	c.cpl = 3;
	assert_int_equal(walk(&c, 0x410123, GPT_WRITE, &gpa), GPT_PROTECTION);
}

static void long_mode_refusals(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG, CR4_PAE, EFER_LME | EFER_LMA, 0);
	uint64_t gpa;

	put64(1, 0, 0x40000000ULL | PS | P); /* PS is reserved in a PML4E */
	assert_int_equal(walk(&c, 0x1000, GPT_READ, &gpa), GPT_RESERVED);
	c.cr3 = (MEM_PAGES + 1) * PAGE; /* tables outside readable memory */
	assert_int_equal(walk(&c, 0x1000, GPT_READ, &gpa), GPT_UNREADABLE);
	assert_string_equal(gpt_result_name(GPT_UNREADABLE),
			    "page table outside the partition's readable memory");
	assert_string_equal(gpt_result_name((enum gpt_result)99), "unknown");
}

/* 5-level: PML5 page 1, PML4 page 2, PDPT page 3 (a 1 GiB page); 57-bit canonical form. */
static void la57_levels(void **state)
{
	struct gpt_ctx c = ctx(CR0_PG | CR0_WP, CR4_PAE | CR4_LA57, EFER_LME | EFER_LMA, 0);
	uint64_t gpa;

	put64(1, 0, 2 * PAGE | P | RW);
	put64(2, 0, 3 * PAGE | P | RW);
	put64(3, 3, 0xc0000000ULL | PS | P | RW);
	assert_int_equal(walk(&c, 0xfee000b0, GPT_WRITE, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xfee000b0);
	/* bit 48 selects PML5 entry 1: canonical with LA57, absent here */
	assert_int_equal(walk(&c, 0x0001000000000000ULL, GPT_READ, &gpa), GPT_NOT_PRESENT);
	put64(1, 1, 2 * PAGE | P);
	assert_int_equal(walk(&c, 0x00010000fee000b0ULL, GPT_WRITE, &gpa), GPT_PROTECTION);
	assert_int_equal(walk(&c, 0x00010000fee000b0ULL, GPT_READ, &gpa), GPT_OK);
	assert_int_equal(gpa, 0xfee000b0);
	assert_int_equal(walk(&c, 0x0100000000000000ULL, GPT_READ, &gpa), GPT_NONCANONICAL);
	/* PS is reserved in a PML5E as in a PML4E */
	put64(1, 0, 2 * PAGE | PS | P);
	assert_int_equal(walk(&c, 0xfee000b0, GPT_READ, &gpa), GPT_RESERVED);
	/* the same address is non-canonical with 4 levels */
	c.cr4 &= ~CR4_LA57;
	assert_int_equal(walk(&c, 0x00010000fee000b0ULL, GPT_READ, &gpa), GPT_NONCANONICAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(paging_off, clear),
	    cmocka_unit_test_setup(legacy_4k_and_4m, clear),
	    cmocka_unit_test_setup(legacy_ps_without_pse, clear),
	    cmocka_unit_test_setup(legacy_user_and_not_present, clear),
	    cmocka_unit_test_setup(pae_pages_and_nx, clear),
	    cmocka_unit_test_setup(long_mode_levels, clear),
	    cmocka_unit_test_setup(long_mode_refusals, clear),
	    cmocka_unit_test_setup(la57_levels, clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
