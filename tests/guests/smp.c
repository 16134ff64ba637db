// SPDX-License-Identifier: BSD-2-Clause
// SMP test guest: every CPU of the partition's MADT comes up and reports; fixed IPIs go both
// ways between the first CPU and each other one in rounds for RUN_US of guest time (so they
// keep working while a hostile partition attacks these CPUs), then an NMI to each, then two
// NMIs to one CPU, the second while its handler of the first still runs: it must wait for that
// handler's IRET (NMI blocking, SDM 6.7.1), not nest in it.

#include "guest.h"
#include "apic.h"
#include "smp.h"
#include "trap.h"

#define START_TIMEOUT_MS 2000
#define IPI_TIMEOUT_US	 2000000
#define VEC_PING	 0x50	 /* first CPU -> others */
#define VEC_PONG	 0x51	 /* others -> first CPU */
#define RUN_US		 1500000 /* covers the hostile guests' attack (tests/guests/isolation.h) */
#define ROUND_GAP_US	 10000
#define SLOW_NMI_US	 50000 /* the slow handler's spin: the second NMI arrives during it */

static volatile uint32_t pings[SMP_MAX_CPUS], nmis[SMP_MAX_CPUS], pongs, ready;
static int bsp;

static void on_ping(struct trap_frame *f)
{
	(void)f;
	__atomic_add_fetch(&pings[smp_cpu_index()], 1, __ATOMIC_RELAXED);
	apic_eoi();
	apic_send_ipi(smp_cpus.apic_id[bsp], ICR_FIXED | VEC_PONG);
}

/* NMIs inside the partition work like hardware: answered like a ping. */
static void on_nmi(struct trap_frame *f)
{
	(void)f;
	__atomic_add_fetch(&nmis[smp_cpu_index()], 1, __ATOMIC_RELAXED);
	apic_send_ipi(smp_cpus.apic_id[bsp], ICR_FIXED | VEC_PONG);
}

static volatile uint32_t slow_in, slow_nested;

/* Spins a while, noting whether another NMI entered the handler meanwhile. */
static void on_slow_nmi(struct trap_frame *f)
{
	(void)f;
	if (__atomic_exchange_n(&slow_in, 1, __ATOMIC_ACQ_REL))
		__atomic_add_fetch(&slow_nested, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&nmis[smp_cpu_index()], 1, __ATOMIC_RELEASE);
	guest_udelay(SLOW_NMI_US);
	__atomic_store_n(&slow_in, 0, __ATOMIC_RELEASE);
}

static void on_pong(struct trap_frame *f)
{
	(void)f;
	__atomic_add_fetch(&pongs, 1, __ATOMIC_RELAXED);
	apic_eoi();
}

static void ap_main(unsigned int cpu)
{
	struct hc_partition_info info;

	guest_info(&info);
	GUEST_ASSERT_EQ(smp_cpu_index(), cpu); /* its APIC ID is the one the MADT lists */
	guest_printf("smp: cpu %u up, APIC ID %u, vcpu %u of %u\n", cpu, apic_id(), info.vcpu,
		     info.ncpus);
	__atomic_add_fetch(&ready, 1, __ATOMIC_RELEASE);
	for (;;)
		wait_for_interrupt(); /* pings arrive here */
}

/* Waits (interrupts on) until *counter reaches @want; false after the timeout. */
static bool wait_count(volatile uint32_t *counter, uint32_t want)
{
	uint64_t start = rdtsc(), limit = IPI_TIMEOUT_US * guest_tsc_khz() / 1000;

	irq_enable();
	while (__atomic_load_n(counter, __ATOMIC_ACQUIRE) < want && rdtsc() - start < limit)
		cpu_relax();
	irq_disable();
	return *counter >= want;
}

static uint32_t sent; /* IPIs the first CPU sent, each answered by one pong */

static void ping_round(uint32_t round)
{
	for (int i = 0; i < smp_cpus.n; i++) {
		if (i == bsp)
			continue;
		apic_send_ipi(smp_cpus.apic_id[i], ICR_FIXED | VEC_PING);
		sent++;
		GUEST_ASSERT(wait_count(&pongs, sent));
		GUEST_ASSERT_EQ(pings[i], round);
	}
}

/* Rounds of pings for RUN_US of guest time; returns how many. */
static uint32_t ping_for_a_while(void)
{
	uint64_t start = rdtsc(), run = RUN_US * guest_tsc_khz() / 1000;
	uint32_t rounds = 0;

	while (rdtsc() - start < run) {
		ping_round(++rounds);
		guest_udelay(ROUND_GAP_US);
	}
	return rounds;
}

static void nmi_all(void)
{
	for (int i = 0; i < smp_cpus.n; i++) {
		if (i == bsp)
			continue;
		apic_send_ipi(smp_cpus.apic_id[i], ICR_NMI | ICR_ASSERT);
		sent++;
		GUEST_ASSERT(wait_count(&pongs, sent));
		GUEST_ASSERT_EQ(nmis[i], 1);
	}
}

/* Two NMIs back to back to one CPU: the second once the first's (slow) handler runs, so that
 * it lands while the CPU blocks NMIs. Exactly two handlers run, one after the other. */
static void nmi_pair(void)
{
	int ap = bsp == 0 ? 1 : 0;
	uint32_t before = nmis[ap];

	trap_set_handler(VEC_NMI, on_slow_nmi);
	apic_send_ipi(smp_cpus.apic_id[ap], ICR_NMI | ICR_ASSERT);
	GUEST_ASSERT(wait_count(&nmis[ap], before + 1));
	apic_send_ipi(smp_cpus.apic_id[ap], ICR_NMI | ICR_ASSERT);
	GUEST_ASSERT(wait_count(&nmis[ap], before + 2));
	guest_udelay(2 * SLOW_NMI_US); /* a third would show up by now */
	guest_printf("smp: 2 NMIs back to back: %u taken, %u nested\n", nmis[ap] - before,
		     slow_nested);
	GUEST_ASSERT_EQ(slow_nested, 0);
	GUEST_ASSERT_EQ(nmis[ap] - before, 2);
	trap_set_handler(VEC_NMI, on_nmi);
}

/* The BIOS area's RSDP (ACPI 5.2.5.1) names the same CPUs as the boot information's. */
static void same_cpus_in_bios_area(void)
{
	static struct acpi_cpus bios;

	GUEST_ASSERT(acpi_read_cpus_from(ACPI_FROM_BIOS_AREA, &bios));
	GUEST_ASSERT_EQ(bios.n, smp_cpus.n);
	for (int i = 0; i < bios.n; i++)
		GUEST_ASSERT_EQ(bios.apic_id[i], smp_cpus.apic_id[i]);
}

void guest_main(void);
void guest_main(void)
{
	struct hc_partition_info info;
	uint32_t rounds;
	int up;

	guest_info(&info);
	GUEST_ASSERT(guest_tsc_khz() != 0);
	trap_init();
	apic_enable();
	trap_set_handler(VEC_PING, on_ping);
	trap_set_handler(VEC_PONG, on_pong);
	trap_set_handler(VEC_NMI, on_nmi);
	up = smp_start_aps(ap_main, START_TIMEOUT_MS);
	bsp = smp_cpu_index();
	guest_printf("smp: MADT from the %s lists %d CPUs; %d started\n", smp_cpus.rsdp_from,
		     smp_cpus.n, up);
	GUEST_ASSERT_EQ(smp_cpus.n, info.ncpus);
	same_cpus_in_bios_area();
	GUEST_ASSERT_EQ(up, smp_cpus.n - 1);
	GUEST_ASSERT(wait_count(&ready, (uint32_t)up));
	rounds = ping_for_a_while();
	nmi_all();
	guest_printf("smp: %u IPIs answered (%u rounds of fixed, then NMI)\n", sent, rounds);
	if (smp_cpus.n > 1)
		nmi_pair();
	guest_printf("smp: all %d CPUs up, IPIs work\n", smp_cpus.n);
	guest_test_exit(GUEST_EXIT_PASS);
}
