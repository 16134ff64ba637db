// SPDX-License-Identifier: BSD-2-Clause
// INIT-SIPI-SIPI for each application processor, one at a time, each on its own stacks.

#include <string.h>

#include "lapic.h"
#include "mm.h"
#include "paging.h"
#include "percpu.h"
#include "pmm.h"
#include "printk.h"
#include "smp.h"
#include "traps.h"
#include "tsc.h"
#include "x86.h"

extern const char ap_trampoline_start[], ap_trampoline_end[];
extern uint64_t ap_boot_stack, ap_boot_cpu;
extern char boot_stack_guard[];

/* Delays of the universal start-up algorithm (SDM Vol. 3A, 9.4.4.1). */
#define INIT_DELAY_US 10000
#define SIPI_DELAY_US 200
/* Emulated CPUs share two host cores: be generous before declaring an AP dead. */
#define AP_TIMEOUT_US 2000000

/* Each stack sits above an unmapped guard page, so an overflow faults instead of silently
 * corrupting its neighbour; the fault is then reported from the #DF handler's IST stack. */
static uint64_t guarded_stack(uint8_t **block, uint64_t size)
{
	uint64_t top;

	paging_unmap_page((uint64_t)*block);
	top = (uint64_t)*block + PAGE_SIZE + size;
	*block += PAGE_SIZE + size;
	return top;
}

/* The boot CPU keeps running on boot_stack; every other CPU gets a fresh one. */
void cpu_setup_stacks(struct percpu *cpu)
{
	uint64_t size = IST_COUNT * (PAGE_SIZE + IST_STACK_SIZE);
	uint8_t *block;

	if (cpu->id == 0)
		paging_unmap_page((uint64_t)boot_stack_guard);
	else
		size += PAGE_SIZE + CPU_STACK_SIZE;
	block = page_alloc(size, PAGE_SIZE);
	if (cpu->id != 0)
		cpu->stack_top = guarded_stack(&block, CPU_STACK_SIZE);
	for (int i = 0; i < IST_COUNT; i++)
		cpu->ist_top[i] = guarded_stack(&block, IST_STACK_SIZE);
}

/* First C code on an AP: runs on the stack the boot CPU gave it. */
_Noreturn void ap_main(struct percpu *cpu);
_Noreturn void ap_main(struct percpu *cpu)
{
	percpu_activate(cpu);
	lapic_init();
	if (lapic_id() != cpu->apic_id)
		pr_warn("started as APIC ID %u, ACPI said %u", lapic_id(), cpu->apic_id);
	pr_info("online, APIC ID %u", cpu->apic_id);
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	/* Work is handed out once the description is loaded: wait for it, briefly, then run it. */
	while (!__atomic_load_n(&cpu->released, __ATOMIC_ACQUIRE))
		cpu_relax();
	smp_run_work(cpu);
}

_Noreturn void smp_run_work(struct percpu *cpu)
{
	if (cpu->work)
		cpu->work(cpu->work_arg);
	for (;;)
		asm volatile("cli; hlt" ::: "memory");
}

struct percpu *smp_cpu_by_apic(uint32_t apic_id)
{
	for (unsigned int i = 0; i < cpu_count; i++)
		if (cpus[i].online && cpus[i].apic_id == apic_id)
			return &cpus[i];
	return NULL;
}

void smp_handoff(struct percpu *cpu, void (*fn)(void *arg), void *arg)
{
	cpu->work_arg = arg;
	cpu->work = fn;
}

void smp_release(void)
{
	for (unsigned int i = 1; i < cpu_count; i++)
		__atomic_store_n(&cpus[i].released, true, __ATOMIC_RELEASE);
}

static bool wait_online(struct percpu *cpu, uint64_t us)
{
	uint64_t deadline = tsc_deadline_us(us);

	while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE)) {
		if (rdtsc() > deadline)
			return false;
		cpu_relax();
	}
	return true;
}

static bool start_ap(struct percpu *cpu, uint64_t trampoline)
{
	uint8_t vector = trampoline >> PAGE_SHIFT;

	ap_boot_stack = cpu->stack_top;
	ap_boot_cpu = (uint64_t)cpu;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	if (!lapic_send_init(cpu->apic_id))
		return false;
	udelay(INIT_DELAY_US);
	for (int i = 0; i < 2; i++) {
		if (!lapic_send_sipi(cpu->apic_id, vector))
			return false;
		if (wait_online(cpu, SIPI_DELAY_US))
			return true;
	}
	return wait_online(cpu, AP_TIMEOUT_US);
}

unsigned int smp_boot(const struct acpi_madt_info *madt)
{
	uint64_t trampoline = mm_trampoline_page();
	uint32_t bsp_id = cpus[0].apic_id;
	unsigned int expected = 1, online = 1;
	bool stuck = false;

	if (trampoline == PMM_NONE)
		return online;
	memcpy((void *)trampoline, ap_trampoline_start, ap_trampoline_end - ap_trampoline_start);

	for (size_t i = 0; i < madt->ncpus; i++) {
		const struct acpi_cpu *ac = &madt->cpu[i];
		struct percpu *cpu = &cpus[cpu_count];

		if (!ac->enabled || ac->apic_id == bsp_id)
			continue;
		expected++;
		if (stuck) {
			pr_warn("APIC ID %u: left offline after an earlier CPU did not answer",
				ac->apic_id);
			continue;
		}
		if (cpu_count == MAX_CPUS) {
			pr_warn("APIC ID %u: more than %d CPUs, left offline", ac->apic_id,
				MAX_CPUS);
			continue;
		}
		/* A slot is never reused: an AP that answers late must not share another's stacks. */
		percpu_init(cpu, cpu_count++, ac->apic_id);
		cpu_setup_stacks(cpu);
		if (start_ap(cpu, trampoline)) {
			online++;
			continue;
		}
		/* It may still wake up and read the shared hand-off (ap_boot_stack, ap_boot_cpu,
		 * the 32-bit stack): starting another AP now could put both on one stack. */
		pr_err("APIC ID %u did not come online; starting no further CPUs", ac->apic_id);
		stuck = true;
	}
	pr_info("%u of %u CPUs online", online, expected);
	return online;
}
