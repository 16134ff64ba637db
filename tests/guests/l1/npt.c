// SPDX-License-Identifier: BSD-2-Clause
// L2 on a nested page table of L1's (APM 15.25): an identity map of the first GiB, 2 MiB pages
// split to 4 KiB where a test needs one page changed; nested page faults and their EXITINFO.

#include "l1.h"

#define NPT_ENTRIES   512
#define NPT_P	      (1ULL << 0)
#define NPT_RW	      (1ULL << 1)
#define NPT_US	      (1ULL << 2) /* nested walks are user accesses (APM 15.25.5) */
#define NPT_PS	      (1ULL << 7)
#define NPT_LARGE_13  (1ULL << 13) /* the lowest reserved bit of a 2 MiB leaf (APM 5.3.3) */
#define NPT_RWX	      (NPT_P | NPT_RW | NPT_US)
#define NPT_ADDR_MASK 0x000ffffffffff000ULL
#define LARGE_SHIFT   21
#define PAGE_SHIFT    12
#define NPT_PTS	      4
#define TEST_VALUE    0x4e50543132ULL /* "NPT12" */
#define WRITE_VALUE   0x5752495445ULL /* "WRITE" */

typedef uint64_t npt_table[NPT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

static npt_table pml4, pdpt, pd, pts[NPT_PTS];
static unsigned int pts_used;
static uint8_t pages[2][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
#define PAGE_ABSENT ((uint64_t)pages[0]) /* made not present */
#define PAGE_RO	    ((uint64_t)pages[1]) /* made read-only */

static void npt_build(void)
{
	memset(pml4, 0, sizeof(pml4));
	memset(pdpt, 0, sizeof(pdpt));
	pml4[0] = (uint64_t)pdpt | NPT_RWX;
	pdpt[0] = (uint64_t)pd | NPT_RWX;
	for (uint64_t i = 0; i < NPT_ENTRIES; i++)
		pd[i] = (i << LARGE_SHIFT) | NPT_RWX | NPT_PS;
	pts_used = 0;
}

/* The 4 KiB entry of @gpa (below 1 GiB), splitting its 2 MiB page the first time. */
static uint64_t *npt_pte(uint64_t gpa)
{
	uint64_t *pde = &pd[gpa >> LARGE_SHIFT];

	CHECK(gpa < (NPT_ENTRIES << LARGE_SHIFT));
	if (*pde & NPT_PS) {
		CHECK(pts_used < NPT_PTS);
		uint64_t *pt = pts[pts_used++], base = *pde & NPT_ADDR_MASK;

		for (uint64_t i = 0; i < NPT_ENTRIES; i++)
			pt[i] = (base + (i << PAGE_SHIFT)) | NPT_RWX;
		*pde = (uint64_t)pt | NPT_RWX;
	}
	return &((uint64_t *)(*pde & NPT_ADDR_MASK))[(gpa >> PAGE_SHIFT) % NPT_ENTRIES];
}

static void l2_setup_npt(const void *entry)
{
	l2_setup(entry);
	l2_vmcb.control.np_enable = NP_ENABLE;
	l2_vmcb.control.n_cr3 = (uint64_t)pml4;
	l2_vmcb.control.tlb_control = TLB_CONTROL_FLUSH_ALL; /* L1 changes the NPT between runs */
}

void test_npt_run(void)
{
	npt_build();
	*(volatile uint64_t *)PAGE_RO = TEST_VALUE;
	l2_setup_npt(l2_read);
	l2_regs.rdi = PAGE_RO;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, TEST_VALUE);
}

static void expect_npf(uint64_t gpa, uint64_t set, uint64_t clear, const char *rip)
{
	uint64_t info1 = l2_vmcb.control.exit_info1;

	CHECK_EQ(l2_vmcb.control.exit_code, VMEXIT_NPF);
	CHECK_EQ(l2_vmcb.control.exit_info2, gpa);
	CHECK_EQ(info1 & set, set);
	CHECK_EQ(info1 & clear, 0);
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)rip);
}

/* A read of a page L1 left out: NPF, not present, read, at the final translation. */
void test_npf_not_present(void)
{
	npt_build();
	*(volatile uint64_t *)PAGE_ABSENT = TEST_VALUE;
	*npt_pte(PAGE_ABSENT) = 0;
	l2_setup_npt(l2_read);
	l2_regs.rdi = PAGE_ABSENT;
	l2_run();
	expect_npf(PAGE_ABSENT, NPF_FINAL_GPA, NPF_P | NPF_RW | NPF_IN_WALK, l2_read);
	*npt_pte(PAGE_ABSENT) = PAGE_ABSENT | NPT_RWX; /* L1 maps it: L2 retries and reads */
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, TEST_VALUE);
}

/* A write to a read-only page: NPF, present, write; once L1 allows it, the write lands. */
void test_npf_write_ro(void)
{
	npt_build();
	*(volatile uint64_t *)PAGE_RO = 0;
	*npt_pte(PAGE_RO) = PAGE_RO | NPT_P | NPT_US;
	l2_setup_npt(l2_write);
	l2_regs.rdi = PAGE_RO;
	l2_regs.rsi = WRITE_VALUE;
	l2_run();
	expect_npf(PAGE_RO, NPF_FINAL_GPA | NPF_P | NPF_RW, NPF_IN_WALK, l2_write);
	CHECK_EQ(*(volatile uint64_t *)PAGE_RO, 0);
	*npt_pte(PAGE_RO) = PAGE_RO | NPT_RWX;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(*(volatile uint64_t *)PAGE_RO, WRITE_VALUE);
}

/* A #PF of L2's own page tables is an exception intercept still, not an NPF. */
void test_pf_intercepted_npt(void)
{
	npt_build();
	l2_setup_npt(l2_read);
	l2_expect_pf_exit();
}

/* L2's own top-level page table left out of the NPT: the fault is in L2's page walk. */
void test_npf_walk(void)
{
	uint64_t cr3, top;

	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	top = cr3 & NPT_ADDR_MASK;
	npt_build();
	*npt_pte(top) = 0;
	l2_setup_npt(l2_done);
	l2_run();
	CHECK_EQ(l2_vmcb.control.exit_code, VMEXIT_NPF);
	CHECK_EQ(l2_vmcb.control.exit_info2 & NPT_ADDR_MASK, top);
	CHECK_EQ(l2_vmcb.control.exit_info1 & (NPF_IN_WALK | NPF_FINAL_GPA | NPF_P), NPF_IN_WALK);
	*npt_pte(top) = top | NPT_RWX;
	l2_run();
	L2_EXPECT_DONE();
}

static unsigned int maxphyaddr(void)
{
	uint32_t a = 0x80000008, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return a & 0xff;
}

/* A reserved-bit fault: RSVD with P, as a reserved bit is only checked in a present entry
 * (the #PF error-code rule EXITINFO1 follows, APM 8.4.2, 15.25.6). */
static void expect_rsvd(uint64_t gpa)
{
	if ((l2_vmcb.control.exit_info1 & (NPF_P | NPF_RSVD)) == NPF_RSVD) {
		l1_note("reserved-bit NPF without P, the APM sets P with RSVD");
		l2_vmcb.control.exit_info1 |= NPF_P;
	}
	expect_npf(gpa, NPF_FINAL_GPA | NPF_P | NPF_RSVD, NPF_RW | NPF_IN_WALK, l2_read);
}

/* Reserved bits in L1's entries (APM 5.3.3): a 4 KiB leaf addressing past MAXPHYADDR (how KVM
 * marks emulated MMIO), then bit 13 of a 2 MiB leaf L2 reads through. NPF with P and RSVD. */
void test_npf_reserved(void)
{
	const uint64_t far = 256ULL << LARGE_SHIFT; /* a 2 MiB page of its own, 512 MiB */

	npt_build();
	*npt_pte(PAGE_ABSENT) = PAGE_ABSENT | (1ULL << maxphyaddr()) | NPT_RWX;
	l2_setup_npt(l2_read);
	l2_regs.rdi = PAGE_ABSENT;
	l2_run();
	expect_rsvd(PAGE_ABSENT);
	*npt_pte(PAGE_ABSENT) = PAGE_ABSENT | NPT_RWX;
	pd[far >> LARGE_SHIFT] |= NPT_LARGE_13;
	l2_regs.rdi = far;
	l2_run();
	expect_rsvd(far);
	pd[far >> LARGE_SHIFT] &= ~NPT_LARGE_13; /* the same read now lands */
	*npt_pte(far) = PAGE_ABSENT | NPT_RWX;
	*(volatile uint64_t *)PAGE_ABSENT = TEST_VALUE;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, TEST_VALUE);
}
