// SPDX-License-Identifier: BSD-2-Clause
// Interrupts and NMIs around L2 (SDM Vol. 3C, 25.2, 26.6, 27.2.2): an external interrupt
// arriving while L2 runs exits with external-interrupt exiting, acknowledged or not;
// an NMI L2 sends itself exits with NMI exiting; an NMI L1 injects reaches L2's handler.

#include "apic.h"
#include "l1vmx.h"
#include "trap.h"

#define VEC_L1_TIMER   0x42 /* L1's LAPIC timer */
#define TIMER_COUNT    100  /* bus clocks / 16: long before L2's spin ends */
#define L2_SPIN_ROUNDS 1000000
#define RFLAGS_L2_IF   0x202ULL
#define EXIT_ACK_INTR  (1U << 15)
#define INTR_TYPE_NMI  (2U << 8)
#define NMI_INFO       (INTR_INFO_VALID | INTR_TYPE_NMI | VEC_NMI)
#define SPIN_ROUNDS    100000
#define ISR_BIT(v)     (1U << ((v) % 32))
#define ISR_REG(v)     (APIC_ISR + 0x10 * ((v) / 32))

static volatile unsigned int l1_ipis;

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

/* L1's one-shot timer, armed with L1's IF clear just before L2 runs: it fires in L2. */
static void timer_armed(void)
{
	l1_ipis = 0;
	apic_enable();
	trap_set_handler(VEC_L1_TIMER, l1_ipi_handler);
	irq_disable();
	apic_timer_start(VEC_L1_TIMER, TIMER_COUNT, false);
}

static void pin_set(uint32_t bits)
{
	vmcs_write(PIN_CONTROLS,
		   vmx_control(MSR_VMX_TRUE_PINBASED, (uint32_t)vmcs_read(PIN_CONTROLS) | bits));
}

/* L2 spins; the timer must end the run before its last VMCALL. L2 runs with IF set: SDM 25.3
 * says that with external-interrupt exiting RFLAGS.IF does not block the interrupt, but Bochs
 * 2.7 lets an L2 with IF clear run on (seen natively, with the interrupt pending at entry and
 * arriving later alike), and Bulkhead cannot make its CPU exit. */
static void l2_spin_setup(void)
{
	l2_setup(l2_spin);
	l2_regs.rcx = L2_SPIN_ROUNDS;
	vmcs_write(GUEST_RFLAGS, RFLAGS_L2_IF);
}

static void expect_exit_in_spin(void)
{
	uint64_t rip = vmcs_read(GUEST_RIP);

	CHECK(rip >= (uint64_t)l2_spin && rip < (uint64_t)l2_spin_end);
}

/* 25.2: with external-interrupt exiting, the interrupt is L1's exit, not L2's. Not
 * acknowledged, the exit information is invalid and the interrupt waits for L1 (taken once
 * IF is set). */
static void test_intr_exit(void)
{
	timer_armed();
	l2_spin_setup();
	pin_set(PIN_EXT_INTR);
	CHECK_EQ(l2_run(), EXIT_REASON_EXT_INTR);
	CHECK_EQ(vmcs_read(EXIT_INTR_INFO) & INTR_INFO_VALID, 0);
	expect_exit_in_spin();
	irq_enable();
	spin();
	irq_disable();
	CHECK_EQ(l1_ipis, 1);
}

/* 27.2.2: acknowledged on exit, the vector is in the exit information, the interrupt is in
 * service (ISR) and L1's handler is never called: L1 ends it with an EOI itself. */
static void test_intr_exit_ack(void)
{
	timer_armed();
	l2_spin_setup();
	pin_set(PIN_EXT_INTR);
	vmcs_write(EXIT_CONTROLS, vmx_control(MSR_VMX_TRUE_EXIT,
					      (uint32_t)vmcs_read(EXIT_CONTROLS) | EXIT_ACK_INTR));
	CHECK_EQ(l2_run(), EXIT_REASON_EXT_INTR);
	CHECK_EQ(vmcs_read(EXIT_INTR_INFO), INTR_INFO_VALID | INTR_TYPE_EXT | VEC_L1_TIMER);
	expect_exit_in_spin();
	CHECK(apic_read(ISR_REG(VEC_L1_TIMER)) & ISR_BIT(VEC_L1_TIMER));
	CHECK(!apic_irr_pending(VEC_L1_TIMER));
	apic_eoi();
	irq_enable();
	spin();
	irq_disable();
	CHECK_EQ(l1_ipis, 0);
}

/* 25.2: with NMI exiting, the NMI L2 sends its own CPU through the APIC (by its APIC ID: the
 * self shorthand is for fixed interrupts only, SDM 11.6.1) is L1's exit: reason 0, NMI type,
 * vector 2. */
static void test_nmi_exit(void)
{
	apic_enable();
	apic_write(APIC_ICR_HI, apic_id() << APIC_ID_SHIFT);
	l2_setup(l2_write32);
	pin_set(PIN_NMI);
	l2_regs.rdi = APIC_MMIO + APIC_ICR_LO;
	l2_regs.rsi = ICR_NMI;
	CHECK_EQ(l2_run(), EXIT_REASON_EXCEPTION);
	CHECK_EQ(vmcs_read(EXIT_INTR_INFO), NMI_INFO);
	l2_run();
	L2_EXPECT_DONE();
}

/* 26.6.1: an NMI injected at VM entry is delivered through L2's IDT before its first
 * instruction. */
static void test_inject_nmi(void)
{
	l2_event.seen = 0;
	l2_setup(l2_done);
	vmcs_write(ENTRY_INTR_INFO, NMI_INFO);
	trap_set_handler(VEC_NMI, l2_record);
	l2_run();
	trap_set_handler(VEC_NMI, NULL);
	l1_install_traps();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_event.seen, 1);
	CHECK_EQ(l2_event.vector, VEC_NMI);
	CHECK_EQ(l2_event.rip, (uint64_t)l2_done);
}

const struct l1_test intr_tests[] = {
    {"intr-exit", test_intr_exit, NEED_VMX},
    {"intr-exit-ack", test_intr_exit_ack, NEED_VMX},
    {"nmi-exit", test_nmi_exit, NEED_VMX},
    {"inject-nmi", test_inject_nmi, NEED_VMX},
};
const size_t intr_ntests = sizeof(intr_tests) / sizeof(intr_tests[0]);
