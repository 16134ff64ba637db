// SPDX-License-Identifier: BSD-2-Clause
// L2 runs and exits as the VMCS asks (SDM 25.1-25.2, 27.2): CPUID always, HLT exiting on and
// off, I/O unconditional and through the I/O bitmaps, MSRs through the MSR bitmap, the exception
// bitmap with the #PF error-code mask and match, and event injection (26.6).

#include "l1vmx.h"
#include "trap.h"

#define L2_PORT_OUT   0x1234
#define L2_OUT_VALUE  0xabcd
#define L1_IN_VALUE   0x5a
#define FAKE_LO	      0x55667788U
#define FAKE_HI	      0x11223344U
#define KGS_VALUE     0x123456789abcULL
#define PF_ERR_W      (1U << 1) /* SDM 4.7: the access was a write */
#define VEC_L2_INTR   0x41
#define GP_ERROR      0x18
#define PREEMPT_TICKS 2000
#define ACTIVITY_HLT  1
#define WORD_MASK     0xffffU

static const uint32_t fake_cpuid[4] = {0x4c314c31, 0x12345678, 0x9abcdef0, 0x0badcafe};
volatile struct l2_event l2_event;

void l2_record(struct trap_frame *f)
{
	l2_event.seen++;
	l2_event.vector = f->vector;
	l2_event.error = f->error;
	l2_event.rip = f->rip;
}

static void test_l2_run(void)
{
	l2_setup(l2_done);
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_done + 5); /* mov $imm32, %eax before VMCALL */
}

/* CPUID exits unconditionally (SDM 25.1.2): L1's answer reaches L2's registers. */
static void test_cpuid(void)
{
	l2_setup(l2_cpuid);
	CHECK_EQ(l2_run(), EXIT_REASON_CPUID);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_cpuid);
	CHECK_EQ(vmcs_read(EXIT_INSN_LEN), 2);
	l2_regs.rax = fake_cpuid[0];
	l2_regs.rbx = fake_cpuid[1];
	l2_regs.rcx = fake_cpuid[2];
	l2_regs.rdx = fake_cpuid[3];
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, fake_cpuid[0]);
	CHECK_EQ(l2_regs.r9, fake_cpuid[1]);
	CHECK_EQ(l2_regs.r10, fake_cpuid[2]);
	CHECK_EQ(l2_regs.r11, fake_cpuid[3]);
}

static void test_hlt_exiting(void)
{
	l2_setup(l2_hlt);
	proc_set(PROC_HLT);
	CHECK_EQ(l2_run(), EXIT_REASON_HLT);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_hlt);
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
}

/* HLT exiting off: L2 halts in the HLT activity state (SDM 26.6.2 / 27.3.4) until the VMX-preemption
 * timer ends the wait with its own exit; L1 then resumes it active, past the HLT. */
static void test_hlt_no_exit(void)
{
	uint32_t pin;

	if (!((uint32_t)(rdmsr(MSR_VMX_TRUE_PINBASED) >> 32) & PIN_PREEMPT_TIMER)) {
		l1_note("no VMX-preemption timer: HLT without exiting not tried");
		return;
	}
	l2_setup(l2_hlt);
	pin = (uint32_t)vmcs_read(PIN_CONTROLS);
	vmcs_write(PIN_CONTROLS, vmx_control(MSR_VMX_TRUE_PINBASED, pin | PIN_PREEMPT_TIMER));
	vmcs_write(PREEMPT_TIMER, PREEMPT_TICKS);
	CHECK_EQ(l2_run(), EXIT_REASON_PREEMPT_TIMER);
	CHECK_EQ(vmcs_read(GUEST_ACTIVITY), ACTIVITY_HLT);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_hlt + 1); /* the HLT retired */
	vmcs_write(GUEST_ACTIVITY, 0);
	vmcs_write(PIN_CONTROLS, pin);
	l2_run();
	L2_EXPECT_DONE();
}

/* SDM 27.2.1 table 27-5: size - 1, direction, string, operand encoding, port. */
static void expect_io(uint16_t port, unsigned int size, uint32_t in, uint32_t imm)
{
	uint64_t q = vmcs_read(EXIT_QUAL);

	CHECK_EQ(IO_QUAL_PORT(q), port);
	CHECK_EQ(IO_QUAL_SIZE(q), size);
	CHECK_EQ(q & IO_QUAL_IN, in);
	CHECK_EQ(q & IO_QUAL_STRING, 0);
	CHECK_EQ(q & IO_QUAL_IMM, imm);
}

static void test_io_unconditional(void)
{
	l2_setup(l2_io_out);
	proc_set(PROC_UNCOND_IO);
	l2_regs.rdx = L2_PORT_OUT;
	l2_regs.rax = L2_OUT_VALUE;
	CHECK_EQ(l2_run(), EXIT_REASON_IO);
	expect_io(L2_PORT_OUT, 2, 0, 0);
	CHECK_EQ(l2_regs.rax & WORD_MASK, L2_OUT_VALUE);
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
}

/* The I/O bitmaps win over unconditional I/O exiting (SDM 25.1.3): a port clear in them passes. */
static void test_io_bitmap(void)
{
	l2_setup(l2_io_in);
	proc_set(PROC_IO_BITMAPS);
	io_bitmap_set(L2_PORT_IN);
	CHECK_EQ(l2_run(), EXIT_REASON_IO);
	expect_io(L2_PORT_IN, 1, IO_QUAL_IN, IO_QUAL_IMM);
	l2_regs.rax = L1_IN_VALUE;
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, L1_IN_VALUE);

	l2_setup(l2_io_open);
	proc_set(PROC_IO_BITMAPS | PROC_UNCOND_IO);
	io_bitmap_set(L2_PORT_OUT + 1); /* not the one L2 reads */
	l2_run();
	L2_EXPECT_DONE();
}

static void test_msr_read_bitmap(void)
{
	l2_setup(l2_rdmsr);
	proc_set(PROC_MSR_BITMAPS);
	msr_bitmap_set(MSR_KERNEL_GS_BASE, false);
	l2_regs.rcx = MSR_KERNEL_GS_BASE;
	CHECK_EQ(l2_run(), EXIT_REASON_RDMSR);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_rdmsr);
	l2_regs.rax = FAKE_LO;
	l2_regs.rdx = FAKE_HI;
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, FAKE_LO);
	CHECK_EQ(l2_regs.r9, FAKE_HI);
}

/* A write exits with RCX and EDX:EAX for L1 and leaves the MSR alone; a read of the same MSR,
 * clear in the read bitmap, passes through (KernelGSbase is not switched by VM entry or exit). */
static void test_msr_write_bitmap(void)
{
	wrmsr(MSR_KERNEL_GS_BASE, KGS_VALUE);
	l2_setup(l2_wrmsr);
	proc_set(PROC_MSR_BITMAPS);
	msr_bitmap_set(MSR_KERNEL_GS_BASE, true);
	l2_regs.rcx = MSR_KERNEL_GS_BASE;
	l2_regs.rax = FAKE_LO;
	l2_regs.rdx = FAKE_HI;
	CHECK_EQ(l2_run(), EXIT_REASON_WRMSR);
	CHECK_EQ(l2_regs.rcx, MSR_KERNEL_GS_BASE);
	l2_skip();
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(rdmsr(MSR_KERNEL_GS_BASE), KGS_VALUE);

	l2_setup(l2_rdmsr);
	proc_set(PROC_MSR_BITMAPS);
	msr_bitmap_set(MSR_KERNEL_GS_BASE, true);
	l2_regs.rcx = MSR_KERNEL_GS_BASE;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8 | l2_regs.r9 << 32, KGS_VALUE);
}

static void expect_exception(uint8_t vector)
{
	uint32_t info = (uint32_t)vmcs_read(EXIT_INTR_INFO);

	CHECK(info & INTR_INFO_VALID);
	CHECK_EQ(INTR_INFO_TYPE(info), INTR_TYPE_HW_EXCEPT);
	CHECK_EQ(INTR_INFO_VECTOR(info), vector);
}

static void test_exception_ud(void)
{
	l2_setup(l2_ud);
	vmcs_write(EXCEPTION_BITMAP, 1U << VEC_UD);
	CHECK_EQ(l2_run(), EXIT_REASON_EXCEPTION);
	expect_exception(VEC_UD);
	CHECK_EQ(vmcs_read(EXIT_INTR_INFO) & INTR_INFO_ERROR, 0);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_ud);
}

/* SDM 25.2: with bit 14 set, a #PF exits only when (PFEC & mask) == match; a read miss (PFEC 0)
 * then goes to L2's own handler, a write miss (PFEC W) exits with the address in the
 * qualification. */
static void test_pf_mask_match(void)
{
	l2_event.seen = 0;
	l2_setup(l2_read);
	vmcs_write(EXCEPTION_BITMAP, 1U << VEC_PF);
	vmcs_write(PF_ERROR_MASK, PF_ERR_W);
	vmcs_write(PF_ERROR_MATCH, PF_ERR_W);
	l2_regs.rdi = L2_UNMAPPED;
	l2_run(); /* L1's handler sends L2's #PF back as L2_TRAP */
	CHECK_EQ(vmcs_read(EXIT_REASON), EXIT_REASON_VMCALL);
	CHECK_EQ(l2_regs.rax, L2_TRAP);
	CHECK_EQ(l2_regs.rbx, VEC_PF);
	CHECK_EQ(l2_regs.rdx, 0);

	l2_setup(l2_write);
	vmcs_write(EXCEPTION_BITMAP, 1U << VEC_PF);
	vmcs_write(PF_ERROR_MASK, PF_ERR_W);
	vmcs_write(PF_ERROR_MATCH, PF_ERR_W);
	l2_regs.rdi = L2_UNMAPPED;
	CHECK_EQ(l2_run(), EXIT_REASON_EXCEPTION);
	expect_exception(VEC_PF);
	CHECK(vmcs_read(EXIT_INTR_INFO) & INTR_INFO_ERROR);
	CHECK_EQ(vmcs_read(EXIT_INTR_ERROR), PF_ERR_W);
	CHECK_EQ(vmcs_read(EXIT_QUAL), L2_UNMAPPED);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_write);
}

/* L2 at l2_done with @info injected: its handler for @vector runs once, at l2_done. */
static void inject(uint32_t info, uint32_t error, uint8_t vector, uint64_t rflags)
{
	l2_event.seen = 0;
	l2_setup(l2_done);
	vmcs_write(ENTRY_INTR_INFO, info);
	vmcs_write(ENTRY_EXCEPTION_ERROR, error);
	vmcs_write(GUEST_RFLAGS, rflags);
	trap_set_handler(vector, l2_record);
	l2_run();
	trap_set_handler(vector, NULL);
	l1_install_traps();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_event.seen, 1);
	CHECK_EQ(l2_event.vector, vector);
	CHECK_EQ(l2_event.rip, (uint64_t)l2_done);
	CHECK_EQ(vmcs_read(ENTRY_INTR_INFO) & INTR_INFO_VALID,
		 0); /* cleared by the exit (27.2.5) */
}

#define RFLAGS_L2 0x2ULL
#define RFLAGS_IF 0x200ULL

static void test_inject_ud(void)
{
	inject(INTR_INFO_VALID | INTR_TYPE_HW_EXCEPT | VEC_UD, 0, VEC_UD, RFLAGS_L2);
}

static void test_inject_gp(void)
{
	inject(INTR_INFO_VALID | INTR_TYPE_HW_EXCEPT | INTR_INFO_ERROR | VEC_GP, GP_ERROR, VEC_GP,
	       RFLAGS_L2);
	CHECK_EQ(l2_event.error, GP_ERROR);
}

/* An external interrupt may be injected only with RFLAGS.IF set (SDM 26.3.1.5). */
static void test_inject_intr(void)
{
	inject(INTR_INFO_VALID | INTR_TYPE_EXT | VEC_L2_INTR, 0, VEC_L2_INTR,
	       RFLAGS_L2 | RFLAGS_IF);
}

const struct l1_test exit_tests[] = {
    {"l2-run", test_l2_run, NEED_VMX},
    {"cpuid-exit", test_cpuid, NEED_VMX},
    {"hlt-exiting", test_hlt_exiting, NEED_VMX},
    {"hlt-not-exiting", test_hlt_no_exit, NEED_VMX},
    {"io-unconditional", test_io_unconditional, NEED_VMX},
    {"io-bitmaps", test_io_bitmap, NEED_VMX},
    {"msr-read-bitmap", test_msr_read_bitmap, NEED_VMX},
    {"msr-write-bitmap", test_msr_write_bitmap, NEED_VMX},
    {"exception-ud", test_exception_ud, NEED_VMX},
    {"pf-mask-match", test_pf_mask_match, NEED_VMX},
    {"inject-ud", test_inject_ud, NEED_VMX},
    {"inject-gp", test_inject_gp, NEED_VMX},
    {"inject-intr", test_inject_intr, NEED_VMX},
};
const size_t exit_ntests = sizeof(exit_tests) / sizeof(exit_tests[0]);
