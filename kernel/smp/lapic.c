// SPDX-License-Identifier: BSD-2-Clause
// Local APIC access for the boot path: identity, enabling, and the INIT/SIPI messages.

#include "lapic.h"
#include "printk.h"
#include "tsc.h"
#include "x86.h"

#define APIC_BASE_BSP	  (1ULL << 8)
#define APIC_BASE_EXTD	  (1ULL << 10) /* x2APIC mode */
#define APIC_BASE_ENABLE  (1ULL << 11)
#define APIC_BASE_ADDR	  0x000ffffffffff000ULL
#define CPUID1_ECX_X2APIC (1U << 21)

/* Register offsets (xAPIC MMIO); the x2APIC MSR is 0x800 + offset / 16. */
#define LAPIC_ID	0x020
#define LAPIC_SVR	0x0f0
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_ICR_LO	0x300
#define LAPIC_ICR_HI	0x310
#define X2APIC_MSR(r)	(0x800 + ((r) >> 4))

#define SVR_ENABLE	  (1U << 8)
#define LVT_MASKED	  (1U << 16)
#define ICR_DELIVERY_NMI  (4U << 8)
#define ICR_DELIVERY_INIT (5U << 8)
#define ICR_DELIVERY_SIPI (6U << 8)
#define ICR_PENDING	  (1U << 12)
#define ICR_LEVEL_ASSERT  (1U << 14)
#define ICR_TRIGGER_LEVEL (1U << 15)

#define ICR_TIMEOUT_US 1000

#define CPUID1_EDX_MCA (1U << 14)
#define MSR_MCG_CAP    0x179
#define MCG_CAP_CMCI   (1ULL << 10)

#define CPUID1_ECX_TSC_DEADLINE (1U << 24)

/* Decided on the boot CPU and the same for every CPU: Bulkhead sends kicks and IPIs from any
 * CPU to any other in this one mode. */
static volatile uint32_t *lapic_mmio;
static bool x2apic, cmci, tsc_deadline, decided;

static uint32_t lapic_read(uint32_t reg)
{
	return x2apic ? (uint32_t)rdmsr(X2APIC_MSR(reg)) : lapic_mmio[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t val)
{
	if (x2apic)
		wrmsr(X2APIC_MSR(reg), val);
	else
		lapic_mmio[reg / 4] = val;
}

/* Per CPU. The global enable in IA32_APIC_BASE is left as firmware set it: some platforms
 * (Bochs among them) cannot re-enable an APIC once it was globally disabled. Where the CPU has
 * x2APIC, Bulkhead switches to it (xAPIC to x2APIC is the one transition that needs no disable,
 * SDM 11.12.5): then a partition's timer, EOI and TPR accesses can be MSRs that never exit. */
void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		pr_err("local APIC globally disabled by firmware: this CPU can neither be kicked "
		       "nor run partitions");
	else if (!(base & APIC_BASE_EXTD) && (cpuid(1).ecx & CPUID1_ECX_X2APIC) &&
		 (!decided || x2apic))
		wrmsr(MSR_APIC_BASE, base |= APIC_BASE_EXTD);
	if (!decided) {
		x2apic = base & APIC_BASE_EXTD;
		cmci = (cpuid(1).edx & CPUID1_EDX_MCA) && (rdmsr(MSR_MCG_CAP) & MCG_CAP_CMCI);
		tsc_deadline = cpuid(1).ecx & CPUID1_ECX_TSC_DEADLINE;
		lapic_mmio = (volatile uint32_t *)(base & APIC_BASE_ADDR);
		decided = true;
	} else if (!!(base & APIC_BASE_EXTD) != x2apic) {
		pr_err("local APIC in %s mode unlike the boot CPU's: not used",
		       x2apic ? "xAPIC" : "x2APIC");
		return;
	}
	lapic_write(LAPIC_SVR, SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	/* LINT0 carries the 8259's ExtINT on a PC: no partition owns the PIC. */
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
}

uint32_t lapic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);

	return x2apic ? id : id >> 24;
}

bool lapic_x2apic_mode(void)
{
	return x2apic;
}

bool lapic_has_cmci(void)
{
	return cmci;
}

bool lapic_has_tsc_deadline(void)
{
	return tsc_deadline;
}

static bool icr_send(uint32_t apic_id, uint32_t low)
{
	uint64_t deadline;

	if (x2apic) {
		/* x2APIC ICR is one 64-bit MSR and has no delivery-status bit to poll. */
		wrmsr(X2APIC_MSR(LAPIC_ICR_LO), ((uint64_t)apic_id << 32) | low);
		return true;
	}
	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, low);
	deadline = tsc_deadline_us(ICR_TIMEOUT_US);
	while (lapic_read(LAPIC_ICR_LO) & ICR_PENDING) {
		if (rdtsc() > deadline)
			return false;
		cpu_relax();
	}
	return true;
}

bool lapic_send_init(uint32_t apic_id)
{
	return icr_send(apic_id, ICR_DELIVERY_INIT | ICR_LEVEL_ASSERT | ICR_TRIGGER_LEVEL);
}

bool lapic_send_sipi(uint32_t apic_id, uint8_t vector)
{
	return icr_send(apic_id, ICR_DELIVERY_SIPI | ICR_LEVEL_ASSERT | vector);
}

/* Bulkhead's own kick: an NMI ends the target's guest run (it is intercepted) wherever the
 * guest's interrupt flag stands. */
bool lapic_send_nmi(uint32_t apic_id)
{
	return icr_send(apic_id, ICR_DELIVERY_NMI | ICR_LEVEL_ASSERT);
}

uint32_t lapic_reg_read(uint32_t reg)
{
	return lapic_read(reg);
}

void lapic_reg_write(uint32_t reg, uint32_t val)
{
	lapic_write(reg, val);
}

bool lapic_send_ipi(uint32_t apic_id, uint32_t icr_low)
{
	return icr_send(apic_id, icr_low);
}
