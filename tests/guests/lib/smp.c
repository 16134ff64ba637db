// SPDX-License-Identifier: BSD-2-Clause
// Starting the partition's application processors, one at a time (SDM 9.4.4.1, MP init).

#include "guest.h"
#include "apic.h"
#include "smp.h"
#include "trap.h"

#define AP_STACK_BYTES 16384
#define PAGE_SHIFT     12
#define INIT_DELAY_US  10000   /* SDM 9.4.4.1: 10 ms after INIT */
#define SIPI_DELAY_US  200     /* and 200 us after each start-up IPI */
#define GUESS_TSC_KHZ  1000000 /* when Bulkhead gives no rate: a 1 GHz guess */

extern const char smp_trampoline[], smp_trampoline_end[];
extern uint64_t smp_tramp_cr3, smp_tramp_stack, smp_tramp_entry;
void smp_ap_entry_c(void);

struct acpi_cpus smp_cpus;
static uint8_t ap_stacks[SMP_MAX_CPUS][AP_STACK_BYTES] __attribute__((aligned(16)));
static smp_ap_fn ap_fn;
static volatile int ap_starting; /* the MADT index of the CPU being started */
static volatile int ap_arrived;	 /* set by it once it runs C code */

static uint64_t *tramp_field(const uint64_t *sym)
{
	return (uint64_t *)(SMP_TRAMPOLINE + ((const char *)sym - smp_trampoline));
}

static void copy_trampoline(void)
{
	uint64_t cr3;
	char *dst = (char *)SMP_TRAMPOLINE;

	for (const char *s = smp_trampoline; s < smp_trampoline_end; s++)
		*dst++ = *s;
	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	*tramp_field(&smp_tramp_cr3) = cr3;
	*tramp_field(&smp_tramp_entry) = (uint64_t)smp_ap_entry_c;
}

/* First C code of an application processor (called by the trampoline). */
void smp_ap_entry_c(void)
{
	int me = ap_starting;

	trap_load_idt();
	apic_enable();
	__atomic_store_n(&ap_arrived, 1, __ATOMIC_RELEASE);
	ap_fn((unsigned int)me);
	guest_printf("smp: cpu %d returned\n", me);
	for (;;)
		asm volatile("cli; hlt");
}

int smp_cpu_index(void)
{
	uint32_t id = apic_id();

	for (int i = 0; i < smp_cpus.n; i++)
		if (smp_cpus.apic_id[i] == id)
			return i;
	return -1;
}

static bool wait_arrival(unsigned int timeout_ms)
{
	uint64_t khz = guest_tsc_khz(), start = rdtsc();

	if (!khz)
		khz = GUESS_TSC_KHZ;
	while (!__atomic_load_n(&ap_arrived, __ATOMIC_ACQUIRE)) {
		if (rdtsc() - start > timeout_ms * khz)
			return false;
		cpu_relax();
	}
	return true;
}

/* INIT, then the start-up IPI; a second one only if the first was not answered. */
static bool start_one(int i, unsigned int timeout_ms)
{
	uint32_t id = smp_cpus.apic_id[i];
	uint32_t vector = SMP_TRAMPOLINE >> PAGE_SHIFT;

	ap_starting = i;
	ap_arrived = 0;
	*tramp_field(&smp_tramp_stack) = (uint64_t)&ap_stacks[i][AP_STACK_BYTES];
	apic_send_ipi(id, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	guest_udelay(INIT_DELAY_US);
	apic_send_ipi(id, ICR_STARTUP | vector);
	guest_udelay(SIPI_DELAY_US);
	if (!__atomic_load_n(&ap_arrived, __ATOMIC_ACQUIRE))
		apic_send_ipi(id, ICR_STARTUP | vector);
	return wait_arrival(timeout_ms);
}

int smp_start_aps(smp_ap_fn fn, unsigned int timeout_ms)
{
	int up = 0, me;

	GUEST_ASSERT(acpi_read_cpus(&smp_cpus));
	GUEST_ASSERT(smp_cpus.n <= SMP_MAX_CPUS);
	me = smp_cpu_index();
	GUEST_ASSERT(me >= 0);
	ap_fn = fn;
	copy_trampoline();
	for (int i = 0; i < smp_cpus.n; i++) {
		if (i == me)
			continue;
		if (start_one(i, timeout_ms))
			up++;
		else
			guest_printf("smp: cpu %d (APIC ID %u) did not start within %u ms\n", i,
				     smp_cpus.apic_id[i], timeout_ms);
	}
	return up;
}
