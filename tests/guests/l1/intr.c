// SPDX-License-Identifier: BSD-2-Clause
// Interrupts around L2: L1's own self-IPI and self-NMI held by GIF (APM 15.17), physical
// interrupts under V_INTR_MASKING or L2's IF (15.21.1), V_IRQ (15.21.4), L2's HLT woken by it.

#include "apic.h"
#include "l1.h"
#include "trap.h"

#define VEC_L1_IPI    0x42 /* L1's self-IPI */
#define VEC_L2_VIRQ   0x44 /* V_IRQ's vector */
#define SPIN_ROUNDS   100000
#define L2_STI_ROUNDS 1000
#define WATCHDOG      0x4000000 /* LAPIC timer counts (divide by 16): about 1 s on QEMU */

static volatile unsigned int l1_ipis, l1_nmis;

static void l1_ipi_handler(struct trap_frame *f)
{
	(void)f;
	l1_ipis++;
	apic_eoi();
}

static void spin(void)
{
	for (volatile unsigned int i = 0; i < SPIN_ROUNDS; i++)
		cpu_relax();
}

void l1_drain_interrupts(void)
{
	apic_timer_stop();
	trap_set_handler(VEC_L1_IPI, l1_ipi_handler);
	irq_enable();
	spin();
	irq_disable();
}

/* A self-IPI left pending (IRR) with interrupts enabled but GIF clear (or IF clear). */
static void l1_ipi_pending(void)
{
	l1_ipis = 0;
	apic_enable();
	trap_set_handler(VEC_L1_IPI, l1_ipi_handler);
	svm_clgi();
	apic_send_ipi(0, ICR_SELF | ICR_FIXED | VEC_L1_IPI);
	irq_enable();
	spin();
}

/* GIF clear with IF clear: still held; then IF set: taken once. */
static void expect_ipi_taken_after_gif(void)
{
	irq_disable();
	CHECK_EQ(l1_ipis, 0);
	CHECK(apic_irr_pending(VEC_L1_IPI));
	svm_stgi();
	spin();
	CHECK_EQ(l1_ipis, 0);
	irq_enable();
	spin();
	irq_disable();
	CHECK_EQ(l1_ipis, 1);
}

/* APM 15.17: with GIF clear, an interrupt waits although RFLAGS.IF is set. */
void test_gif(void)
{
	l1_ipi_pending();
	expect_ipi_taken_after_gif();
}

/* APM 15.21.1: with V_INTR_MASKING, L1's IF (at VMRUN) masks physical interrupts, not L2's:
 * a pending one exits at once (INTR intercepted) although L2 runs with IF clear. */
void test_intr_exit_vintr_masking(void)
{
	l2_setup(l2_done);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_INTR;
	l1_ipi_pending();
	uint64_t code = l2_run_gif(true);

	CHECK_EQ(code, VMEXIT_INTR);
	CHECK_EQ(l1_ipis, 0); /* GIF is clear after the exit (APM 15.6) */
	expect_ipi_taken_after_gif();
}

/* Without V_INTR_MASKING, L2's RFLAGS.IF masks physical interrupts: IF clear, L2 runs to its
 * end; IF set, the pending interrupt exits at once. */
void test_intr_masked_by_l2(void)
{
	l2_setup(l2_done);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_INTR;
	l2_vmcb.control.int_ctl &= ~V_INTR_MASKING;
	l1_ipi_pending();
	l2_run_gif(true);
	L2_EXPECT_DONE();
	CHECK_EQ(l1_ipis, 0);
	l2_setup(l2_done);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_INTR;
	l2_vmcb.control.int_ctl &= ~V_INTR_MASKING;
	l2_vmcb.save.rflags |= RFLAGS_IF;
	CHECK_EQ(l2_run_gif(true), VMEXIT_INTR);
	expect_ipi_taken_after_gif();
}

/* APM 15.21.4: V_IRQ is taken by L2 once its IF is set, through its own IDT; V_IRQ clears. */
void test_virtual_intr(void)
{
	l2_event.seen = 0;
	l2_setup(l2_sti_loop);
	l2_regs.rcx = L2_STI_ROUNDS;
	l2_vmcb.control.int_ctl |= V_IRQ | V_IGN_TPR | V_INTR_PRIO_MAX;
	l2_vmcb.control.int_vector = VEC_L2_VIRQ;
	trap_set_handler(VEC_L2_VIRQ, l2_record);
	l2_run();
	trap_set_handler(VEC_L2_VIRQ, NULL);
	L2_EXPECT_DONE();
	CHECK_EQ(l2_event.seen, 1);
	CHECK_EQ(l2_event.vector, VEC_L2_VIRQ);
	CHECK_EQ(l2_vmcb.control.int_ctl & V_IRQ, 0);
}

static void l1_nmi_handler(struct trap_frame *f)
{
	(void)f;
	l1_nmis++;
}

/* APM 15.17, 15.9: an NMI of L1's waits while GIF is clear; in L2 with NMI intercepted it ends
 * L2 with #VMEXIT(NMI); back in L1 (GIF clear) it waits again, until STGI. */
void test_nmi_exit(void)
{
	l1_nmis = 0;
	apic_enable();
	trap_set_handler(VEC_NMI, l1_nmi_handler);
	l2_setup(l2_done);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_NMI;
	svm_clgi();
	apic_send_ipi(apic_id(), ICR_NMI); /* to itself by ID: NMI may not use the self shorthand */
	spin();
	CHECK_EQ(l1_nmis, 0);
	CHECK_EQ(l2_run_gif(true), VMEXIT_NMI);
	spin();
	CHECK_EQ(l1_nmis, 0);
	svm_stgi();
	spin();
	CHECK_EQ(l1_nmis, 1);
}

/* L2 under an L1 watchdog: a one-shot LAPIC timer, INTR intercepted, so that an L2 that never
 * ends comes back as #VMEXIT(INTR) instead of hanging the run. */
static uint64_t run_with_watchdog(void)
{
	l1_ipis = 0;
	apic_enable();
	trap_set_handler(VEC_L1_IPI, l1_ipi_handler);
	l2_vmcb.control.intercept_misc1 |= INTERCEPT_INTR;
	svm_clgi();
	irq_enable();
	apic_timer_start(VEC_L1_IPI, WATCHDOG, false);
	uint64_t code = l2_run_gif(true);

	irq_disable();
	apic_timer_stop();
	svm_stgi();
	irq_enable();
	spin(); /* a watchdog interrupt that came is taken here */
	irq_disable();
	return code;
}

/* L2's HLT, not intercepted, with a V_IRQ pending: STI's shadow covers the HLT, so L2 halts
 * and the virtual interrupt wakes it (APM 15.21.4); L0 must not sleep through it. */
void test_hlt_passthrough(void)
{
	l2_event.seen = 0;
	l2_setup(l2_sti_hlt);
	l2_vmcb.control.int_ctl |= V_IRQ | V_IGN_TPR | V_INTR_PRIO_MAX;
	l2_vmcb.control.int_vector = VEC_L2_VIRQ;
	trap_set_handler(VEC_L2_VIRQ, l2_record);
	uint64_t code = run_with_watchdog();

	trap_set_handler(VEC_L2_VIRQ, NULL);
	if (code == VMEXIT_INTR)
		l1_fail(__FILE__, __LINE__, "L2's HLT is woken by its V_IRQ, not by L1's watchdog");
	L2_EXPECT_DONE();
	CHECK_EQ(l2_event.seen, 1);
	CHECK_EQ(l2_event.vector, VEC_L2_VIRQ);
}
