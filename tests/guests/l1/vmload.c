// SPDX-License-Identifier: BSD-2-Clause
// VMLOAD/VMSAVE (APM 15.5.2): the state they move (FS, GS, TR, LDTR with their hidden parts,
// KernelGsBase, STAR/LSTAR/CSTAR/SFMASK, SYSENTER_*), in L1 and around an L2 run.

#include "l1.h"

/* Values no firmware leaves in these registers; the addresses are canonical. */
#define T_FS_BASE      0x00007f0011110000ULL
#define T_GS_BASE      0x00007f0022220000ULL
#define T_KGS_BASE     0xffff800033330000ULL
#define T_STAR	       0x0023001000000000ULL
#define T_LSTAR	       0xffff800044440000ULL
#define T_CSTAR	       0xffff800055550000ULL
#define T_SFMASK       0x0000000000047700ULL
#define T_SYSENTER_CS  0x10ULL
#define T_SYSENTER_ESP 0xffff800066660000ULL
#define T_SYSENTER_EIP 0xffff800077770000ULL
#define T2_KGS_BASE    0xffff800088880000ULL
#define T2_STAR	       0x001b000800000000ULL

static struct vmcb l1_state __attribute__((aligned(PAGE_SIZE)));
static struct vmcb scratch __attribute__((aligned(PAGE_SIZE)));

static void fill(struct vmcb_save *s)
{
	s->fs.base = T_FS_BASE;
	s->gs.base = T_GS_BASE;
	s->kernel_gs_base = T_KGS_BASE;
	s->star = T_STAR;
	s->lstar = T_LSTAR;
	s->cstar = T_CSTAR;
	s->sfmask = T_SFMASK;
	s->sysenter_cs = T_SYSENTER_CS;
	s->sysenter_esp = T_SYSENTER_ESP;
	s->sysenter_eip = T_SYSENTER_EIP;
}

static void expect_msrs_loaded(void)
{
	CHECK_EQ(rdmsr(MSR_FS_BASE), T_FS_BASE);
	CHECK_EQ(rdmsr(MSR_GS_BASE), T_GS_BASE);
	CHECK_EQ(rdmsr(MSR_KERNEL_GS_BASE), T_KGS_BASE);
	CHECK_EQ(rdmsr(MSR_STAR), T_STAR);
	CHECK_EQ(rdmsr(MSR_LSTAR), T_LSTAR);
	CHECK_EQ(rdmsr(MSR_CSTAR), T_CSTAR);
	CHECK_EQ(rdmsr(MSR_SFMASK), T_SFMASK);
	CHECK_EQ(rdmsr(MSR_SYSENTER_CS), T_SYSENTER_CS);
	CHECK_EQ(rdmsr(MSR_SYSENTER_ESP), T_SYSENTER_ESP);
	CHECK_EQ(rdmsr(MSR_SYSENTER_EIP), T_SYSENTER_EIP);
}

/* VMLOAD puts a VMCB's values in the MSRs; VMSAVE stores what WRMSR changed since. */
void test_vmload_vmsave(void)
{
	svm_vmsave((uint64_t)&l1_state);
	scratch = l1_state;
	fill(&scratch.save);
	svm_vmload((uint64_t)&scratch);
	expect_msrs_loaded();
	wrmsr(MSR_KERNEL_GS_BASE, T2_KGS_BASE);
	wrmsr(MSR_STAR, T2_STAR);
	memset(&scratch, 0, sizeof(scratch));
	svm_vmsave((uint64_t)&scratch);
	svm_vmload((uint64_t)&l1_state);
	CHECK_EQ(scratch.save.kernel_gs_base, T2_KGS_BASE);
	CHECK_EQ(scratch.save.star, T2_STAR);
	CHECK_EQ(scratch.save.fs.base, T_FS_BASE);
	CHECK_EQ(scratch.save.sysenter_eip, T_SYSENTER_EIP);
	CHECK_EQ(rdmsr(MSR_STAR), l1_state.save.star);
	CHECK_EQ(rdmsr(MSR_KERNEL_GS_BASE), l1_state.save.kernel_gs_base);
}

/* The usual sequence: VMSAVE L1, VMLOAD L2, VMRUN, VMSAVE L2, VMLOAD L1. */
static void run_with_l2_state(void)
{
	svm_vmsave((uint64_t)&l1_state);
	svm_vmload((uint64_t)&l2_vmcb);
	l2_run();
	svm_vmsave((uint64_t)&l2_vmcb);
	svm_vmload((uint64_t)&l1_state);
}

void test_vmload_vmsave_l2(void)
{
	l2_setup(l2_rdmsr);
	fill(&l2_vmcb.save);
	l2_regs.rcx = MSR_FS_BASE;
	run_with_l2_state();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8 | (l2_regs.r9 << 32), T_FS_BASE); /* L2 saw its own FS base */
	l2_setup(l2_wrmsr);
	fill(&l2_vmcb.save);
	l2_regs.rcx = MSR_KERNEL_GS_BASE;
	l2_vmcb.save.rax = (uint32_t)T2_KGS_BASE;
	l2_regs.rdx = T2_KGS_BASE >> 32;
	run_with_l2_state();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_vmcb.save.kernel_gs_base, T2_KGS_BASE); /* L2's write, kept by VMSAVE */
	CHECK_EQ(l2_vmcb.save.fs.base, T_FS_BASE);
	CHECK_EQ(rdmsr(MSR_KERNEL_GS_BASE), l1_state.save.kernel_gs_base);
}
