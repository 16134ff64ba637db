// SPDX-License-Identifier: BSD-2-Clause
// L2 tests of intercepts reflected to L1 or not, as the VMCB says: CPUID, HLT, I/O (IOPM),
// MSRs (MSRPM), #PF through the exception intercept (APM 15.7-15.12).

#include "l1.h"
#include "trap.h"

#define CPUID_LEN		2 /* 0f a2 */
#define HLT_LEN			1
#define MSR_LEN			2 /* 0f 32 / 0f 30 */
#define L2_PORT_OUT		0x1234
#define IOIO_CHECKED		(IOIO_TYPE_IN | IOIO_STR | IOIO_REP | IOIO_SZ8 | IOIO_SZ16 | IOIO_SZ32)
#define PF_ERR_NOT_PRESENT_READ 0 /* P=0, W/R=0, U/S=0, I/D=0 (APM Vol. 2 8.4.2) */

/* What L1 answers for an intercepted CPUID or RDMSR: values no CPU gives. */
static const uint32_t fake_cpuid[4] = {0x4c314c31, 0x12345678, 0x9abcdef0, 0x0badcafe};
#define FAKE_MSR_LO  0x55667788U
#define FAKE_MSR_HI  0x11223344U
#define L2_OUT_VALUE 0xabcd /* what L2 writes to L2_PORT_OUT */
#define L1_IN_VALUE  0x5a   /* what L1 answers for L2's read of L2_PORT_IN */
#define WORD_MASK    0xffff

void test_l2_run(void)
{
	l2_setup(l2_done);
	l2_run();
	L2_EXPECT_DONE();
}

void test_cpuid_intercepted(void)
{
	l2_setup(l2_cpuid);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_CPUID;
	CHECK_EQ(l2_run(), VMEXIT_CPUID);
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)l2_cpuid);
	if (svm_features & SVM_FEAT_NRIPS)
		CHECK_EQ(l2_vmcb.control.next_rip, (uint64_t)l2_cpuid + CPUID_LEN);
	/* L1 emulates it: its answer reaches L2's registers. */
	l2_vmcb.save.rax = fake_cpuid[0];
	l2_regs.rbx = fake_cpuid[1];
	l2_regs.rcx = fake_cpuid[2];
	l2_regs.rdx = fake_cpuid[3];
	l2_skip(CPUID_LEN);
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, fake_cpuid[0]);
	CHECK_EQ(l2_regs.r9, fake_cpuid[1]);
	CHECK_EQ(l2_regs.r10, fake_cpuid[2]);
	CHECK_EQ(l2_regs.r11, fake_cpuid[3]);
}

void test_cpuid_passthrough(void)
{
	uint32_t a = 0, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	l2_setup(l2_cpuid);
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, a);
	CHECK_EQ(l2_regs.r9, b);
	CHECK_EQ(l2_regs.r10, c);
	CHECK_EQ(l2_regs.r11, d);
}

void test_hlt_intercepted(void)
{
	l2_setup(l2_hlt);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_HLT;
	CHECK_EQ(l2_run(), VMEXIT_HLT);
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)l2_hlt);
	l2_skip(HLT_LEN);
	l2_run();
	L2_EXPECT_DONE();
}

/* APM 15.10.2: EXITINFO1 says port, size and direction; EXITINFO2 is the next RIP. */
static void expect_ioio(uint16_t port, uint64_t type_size, const char *insn, const char *next)
{
	uint64_t info1 = l2_vmcb.control.exit_info1;

	CHECK_EQ(l2_vmcb.control.exit_code, VMEXIT_IOIO);
	CHECK_EQ(info1 >> IOIO_PORT_SHIFT, port);
	CHECK_EQ(info1 & IOIO_CHECKED, type_size);
	CHECK_EQ(l2_vmcb.control.exit_info2, (uint64_t)next);
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)insn);
}

void test_io_out_intercepted(void)
{
	l2_setup(l2_io_out);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_IOIO_PROT;
	iopm_intercept(L2_PORT_OUT);
	l2_regs.rdx = L2_PORT_OUT;
	l2_vmcb.save.rax = L2_OUT_VALUE;
	l2_run();
	expect_ioio(L2_PORT_OUT, IOIO_SZ16, l2_io_out, l2_io_out_next);
	CHECK_EQ(l2_vmcb.save.rax & WORD_MASK, L2_OUT_VALUE);
	l2_vmcb.save.rip = l2_vmcb.control.exit_info2;
	l2_run();
	L2_EXPECT_DONE();
}

void test_io_in_intercepted(void)
{
	l2_setup(l2_io_in);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_IOIO_PROT;
	iopm_intercept(L2_PORT_IN);
	l2_run();
	expect_ioio(L2_PORT_IN, IOIO_TYPE_IN | IOIO_SZ8, l2_io_in, l2_io_in_next);
	/* L1 gives the byte read; L2 copies AL to R8. */
	l2_vmcb.save.rax = L1_IN_VALUE;
	l2_vmcb.save.rip = l2_vmcb.control.exit_info2;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, L1_IN_VALUE);
}

void test_io_open(void)
{
	l2_setup(l2_io_open);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_IOIO_PROT;
	iopm_intercept(L2_PORT_OUT); /* another port: L2_PORT_OPEN's bit stays clear */
	l2_run();
	L2_EXPECT_DONE();
}

/* L2 runs @body on @msr, with the MSR intercept bits @rw; the exit must be an MSR one. */
static void expect_msr_exit(const char *body, uint32_t msr, unsigned int rw, uint64_t info1)
{
	l2_setup(body);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_MSR_PROT;
	msrpm_intercept(msr, rw);
	l2_regs.rcx = msr;
	CHECK_EQ(l2_run(), VMEXIT_MSR);
	CHECK_EQ(l2_vmcb.control.exit_info1, info1); /* APM 15.11: 0 RDMSR, 1 WRMSR */
	CHECK_EQ(l2_regs.rcx, msr);
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)body);
}

void test_msr_read_intercepted(void)
{
	expect_msr_exit(l2_rdmsr, MSR_STAR, MSRPM_READ, 0);
	l2_vmcb.save.rax = FAKE_MSR_LO;
	l2_regs.rdx = FAKE_MSR_HI;
	l2_skip(MSR_LEN);
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, FAKE_MSR_LO);
	CHECK_EQ(l2_regs.r9, FAKE_MSR_HI);
}

void test_msr_write_intercepted(void)
{
	l2_setup(l2_wrmsr);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_MSR_PROT;
	msrpm_intercept(MSR_LSTAR, MSRPM_WRITE);
	l2_regs.rcx = MSR_LSTAR;
	l2_vmcb.save.rax = FAKE_MSR_LO;
	l2_regs.rdx = FAKE_MSR_HI;
	CHECK_EQ(l2_run(), VMEXIT_MSR);
	CHECK_EQ(l2_vmcb.control.exit_info1, 1);
	CHECK_EQ(l2_regs.rcx, MSR_LSTAR);
	CHECK_EQ((uint32_t)l2_vmcb.save.rax, FAKE_MSR_LO);
	CHECK_EQ((uint32_t)l2_regs.rdx, FAKE_MSR_HI);
	l2_skip(MSR_LEN);
	l2_run();
	L2_EXPECT_DONE();
}

/* One MSR of each of the MSRPM's three ranges. */
void test_msr_ranges(void)
{
	static const uint32_t msrs[] = {MSR_SYSENTER_CS, MSR_SFMASK, MSR_HWCR};

	for (unsigned int i = 0; i < sizeof(msrs) / sizeof(msrs[0]); i++)
		expect_msr_exit(l2_rdmsr, msrs[i], MSRPM_READ, 0);
}

/* Only writes of STAR intercepted: L2's read goes through and sees L1's STAR. */
void test_msr_open(void)
{
	uint64_t star = rdmsr(MSR_STAR);

	l2_setup(l2_rdmsr);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_MSR_PROT;
	msrpm_intercept(MSR_STAR, MSRPM_WRITE);
	l2_regs.rcx = MSR_STAR;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8 | (l2_regs.r9 << 32), star);
}

/* L2 (set up at l2_read) reads L2_UNMAPPED with #PF intercepted: the exit carries the error
 * code and the address (APM 15.12.15); L1 resumes L2 past the read. */
void l2_expect_pf_exit(void)
{
	l2_vmcb.control.intercept_exc |= 1U << VEC_PF;
	l2_regs.rdi = L2_UNMAPPED;
	CHECK_EQ(l2_run(), VMEXIT_PF);
	CHECK_EQ(l2_vmcb.control.exit_info1, PF_ERR_NOT_PRESENT_READ); /* the error code */
	CHECK_EQ(l2_vmcb.control.exit_info2, L2_UNMAPPED);	       /* the faulting address */
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)l2_read);
	l2_vmcb.save.rip = (uint64_t)l2_read_resume;
	l2_run();
	L2_EXPECT_DONE();
}

void test_pf_intercepted(void)
{
	l2_setup(l2_read);
	l2_expect_pf_exit();
}

static volatile struct {
	unsigned int seen;
	uint64_t error, cr2;
} l2_pf;

/* Runs in L2: L2's own #PF handler. */
static void l2_pf_handler(struct trap_frame *f)
{
	uint64_t cr2;

	asm volatile("mov %%cr2, %0" : "=r"(cr2));
	l2_pf.seen++;
	l2_pf.error = f->error;
	l2_pf.cr2 = cr2;
	f->rip = (uint64_t)l2_read_resume;
}

void test_pf_l2_handler(void)
{
	l2_pf.seen = 0;
	l2_setup(l2_read);
	l2_regs.rdi = L2_UNMAPPED;
	trap_set_handler(VEC_PF, l2_pf_handler);
	l2_run();
	trap_set_handler(VEC_PF, NULL);
	l1_install_traps();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_pf.seen, 1);
	CHECK_EQ(l2_pf.error, PF_ERR_NOT_PRESENT_READ);
	CHECK_EQ(l2_pf.cr2, L2_UNMAPPED);
}
