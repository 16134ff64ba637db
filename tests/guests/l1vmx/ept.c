// SPDX-License-Identifier: BSD-2-Clause
// L1's EPT for L2 (SDM 28.3): an identity map of [0, 4 GiB) in 2 MiB pages, a run on it, and EPT
// violations with their exit qualification, guest-physical and guest-linear addresses (27.2.1).

#include "l1vmx.h"

#define EPT_R	       (1ULL << 0)
#define EPT_W	       (1ULL << 1)
#define EPT_X	       (1ULL << 2)
#define EPT_RWX	       (EPT_R | EPT_W | EPT_X)
#define EPT_MT_WB      (6ULL << 3) /* leaf memory type write-back (28.3.7) */
#define EPT_LARGE      (1ULL << 7)
#define EPTP_WB	       6ULL	   /* paging-structure memory type (24.6.11) */
#define EPTP_WALK_4    (3ULL << 3) /* page-walk length - 1 */
#define PAGE_2M	       (2ULL << 20)
#define EPT_GIB	       4
#define EPT_ENTRIES    512
#define INVEPT_SINGLE  1
#define EPT_HOLE       0xc0000000ULL	    /* not present in the EPT */
#define EPT_READ_ONLY  (EPT_HOLE + PAGE_2M) /* read-only in the EPT */
#define L2_WRITE_VALUE 0x1122334455667788ULL
#define MARKER_VALUE   0x4550544d41524b31ULL
#define PAGE_2M_MASK   (PAGE_2M - 1)

uint64_t ept_pml4[EPT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t ept_pdpt[EPT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t ept_pd[EPT_GIB][EPT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static volatile uint64_t marker = MARKER_VALUE; /* what L2 finds through the remapped hole */

uint64_t *ept_leaf(uint64_t gpa)
{
	return &ept_pd[gpa >> 30][(gpa >> 21) % EPT_ENTRIES];
}

uint64_t ept_build(void)
{
	memset(ept_pml4, 0, sizeof(ept_pml4));
	memset(ept_pdpt, 0, sizeof(ept_pdpt));
	ept_pml4[0] = (uint64_t)ept_pdpt | EPT_RWX;
	for (uint64_t g = 0; g < EPT_GIB; g++) {
		ept_pdpt[g] = (uint64_t)ept_pd[g] | EPT_RWX;
		for (uint64_t i = 0; i < EPT_ENTRIES; i++)
			ept_pd[g][i] = ((g << 30) + i * PAGE_2M) | EPT_RWX | EPT_MT_WB | EPT_LARGE;
	}
	*ept_leaf(EPT_HOLE) = 0;
	*ept_leaf(EPT_READ_ONLY) &= ~(EPT_W | EPT_X);
	return (uint64_t)ept_pml4 | EPTP_WB | EPTP_WALK_4;
}

/* L2 at @entry on the EPT; a stale translation from an earlier test is flushed first. */
void ept_l2_setup(const void *entry)
{
	uint64_t eptp = ept_build();

	l2_setup(entry);
	proc2_set(PROC2_EPT);
	vmcs_write(EPT_POINTER, eptp);
	CHECK_EQ(invept(INVEPT_SINGLE, eptp), VMX_OK);
}

static void test_ept_run(void)
{
	ept_l2_setup(l2_cpuid);
	CHECK_EQ(l2_run(), EXIT_REASON_CPUID);
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
}

static void expect_violation(uint64_t gpa, uint64_t access, uint64_t perms, const char *rip)
{
	uint64_t q = vmcs_read(EXIT_QUAL);

	CHECK_EQ(vmcs_read(EXIT_REASON), EXIT_REASON_EPT_VIOLATION);
	CHECK_EQ(q & EPT_QUAL_ACCESS, access);
	CHECK_EQ(q & EPT_QUAL_PERMS, perms);
	CHECK(q & EPT_QUAL_LA_VALID);
	CHECK(q & EPT_QUAL_LA_XLATE); /* the access itself, not L2's page walk */
	CHECK_EQ(vmcs_read(GUEST_PHYS_ADDR), gpa);
	CHECK_EQ(vmcs_read(GUEST_LINEAR_ADDR), gpa); /* L2's page tables are an identity map */
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)rip);
}

/* A read of a hole: no permission at all. L1 then maps the hole onto the 2 MiB of its own
 * memory that hold `marker` (never onto memory L1 does not own, which matters under Bulkhead):
 * L2's read retries and finds the marker. */
static void test_ept_not_present(void)
{
	uint64_t offset = (uint64_t)&marker & PAGE_2M_MASK;

	ept_l2_setup(l2_read);
	l2_regs.rdi = EPT_HOLE + offset;
	l2_run();
	expect_violation(EPT_HOLE + offset, EPT_QUAL_READ, 0, l2_read);
	*ept_leaf(EPT_HOLE) = ((uint64_t)&marker & ~PAGE_2M_MASK) | EPT_RWX | EPT_MT_WB | EPT_LARGE;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, MARKER_VALUE);
}

/* A write to a read-only page: the qualification says write, and readable only. */
static void test_ept_write_ro(void)
{
	ept_l2_setup(l2_write);
	l2_regs.rdi = EPT_READ_ONLY;
	l2_regs.rsi = L2_WRITE_VALUE;
	l2_run();
	expect_violation(EPT_READ_ONLY, EPT_QUAL_WRITE, EPT_QUAL_READABLE, l2_write);
}

const struct l1_test ept_tests[] = {
    {"ept-run", test_ept_run, NEED_VMX | NEED_EPT},
    {"ept-not-present", test_ept_not_present, NEED_VMX | NEED_EPT},
    {"ept-write-read-only", test_ept_write_ro, NEED_VMX | NEED_EPT},
};
const size_t ept_ntests = sizeof(ept_tests) / sizeof(ept_tests[0]);
