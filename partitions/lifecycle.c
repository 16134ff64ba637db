// SPDX-License-Identifier: BSD-2-Clause
// A partition's end or fault: stop it for good, restart it from its verified images, or reset
// the machine, as its on-fault policy says; the other partitions never notice.

#include <stdio.h>
#include <string.h>

#include "channel.h"
#include "partition.h"
#include "percpu.h"
#include "printk.h"
#include "reset.h"
#include "tsc.h"
#include "vlapic.h"
#include "x86.h"

/* Emulated CPUs share two host cores: a vCPU may take long to see its kick, never this long. */
#define PARK_TIMEOUT_US 5000000

/* "cpuid 3, io 12, ...": every reason, so a test can read any of them. */
static void format_exits(const struct partition *p, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (int r = 0; r < VCPU_EXIT_REASONS && n < size; r++)
		n += (size_t)snprintf(out + n, size - n, "%s%s %lu", r ? ", " : "",
				      vcpu_exit_name(r), (unsigned long)p->exits[r]);
}

/* The IPI filter logs only the first refusals: the total goes with every summary. */
static void print_refused(const struct partition *p)
{
	uint32_t n = vlapic_refused(p);

	if (n)
		pr_info("partition %s: %u IPIs outside the partition refused in all", p->cfg->name,
			n);
}

void part_print_exits(struct partition *p, const char *why)
{
	char exits[320];

	format_exits(p, exits, sizeof(exits));
	pr_info("partition %s: exits (%s): %s", p->cfg->name, why, exits);
	print_refused(p);
}

/* Every vCPU of @p stops running guest code; the caller's own one at its next request check. */
static void park_all(struct partition *p)
{
	for (size_t i = 0; i < p->cfg->ncpus; i++)
		vcpu_request(&p->vcpu[i], VCPU_REQ_PARK);
}

/* The health report's state, published only once the counts and reason that go with it are
 * written: a monitor that sees "stopped" also sees the fault that stopped it. */
static void publish(struct partition *p, enum part_state s)
{
	__atomic_store_n(&p->reported, s, __ATOMIC_RELEASE);
}

static void set_state(struct partition *p, enum part_state s)
{
	__atomic_store_n(&p->state, s, __ATOMIC_RELEASE);
	publish(p, s);
}

/* Only one CPU decides a partition's fate: the first to move it out of PART_RUNNING. */
static bool claim(struct partition *p, enum part_state to)
{
	enum part_state running = PART_RUNNING;

	return __atomic_compare_exchange_n(&p->state, &running, to, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

void part_stop(struct partition *p, const char *why, uint64_t status)
{
	char exits[320];

	if (!claim(p, PART_STOPPED))
		return;
	publish(p, PART_STOPPED);
	part_console_flush(p);
	park_all(p);
	part_devices_quiesce(p);
	format_exits(p, exits, sizeof(exits));
	pr_info("partition %s: exited (%s, status %lu); exits: %s", p->cfg->name, why,
		(unsigned long)status, exits);
	print_refused(p);
}

static struct vcpu *own_vcpu(struct partition *p)
{
	for (size_t i = 0; i < p->cfg->ncpus; i++)
		if (p->vcpu[i].cpu == this_cpu())
			return &p->vcpu[i];
	return NULL;
}

static bool wait_parked(struct partition *p, const struct vcpu *self)
{
	uint64_t deadline = tsc_deadline_us(PARK_TIMEOUT_US);

	for (size_t i = 0; i < p->cfg->ncpus; i++) {
		const struct vcpu *w = &p->vcpu[i];

		while (w != self && !__atomic_load_n(&w->parked, __ATOMIC_ACQUIRE)) {
			if (rdtsc() > deadline) {
				pr_err("partition %s: CPU %u does not stop", p->cfg->name,
				       w->cpu->id);
				return false;
			}
			cpu_relax();
		}
	}
	return true;
}

/* Stop every vCPU, scrub and reload from the verified images, boot vCPU 0 again; the others
 * wait for INIT-SIPI like after a power-on. Runs on the faulting vCPU's CPU. @fault_tsc: when
 * the fault was seen, where make bench counts the restart from (tests/bench/run_bench.py). */
static void restart(struct partition *p, uint64_t fault_tsc)
{
	struct vcpu *self = own_vcpu(p);

	park_all(p);
	if (!wait_parked(p, self)) {
		/* Fail closed: never reload memory under a CPU that may still run its code. */
		pr_err("partition %s: restart abandoned: halted", p->cfg->name);
		set_state(p, PART_STOPPED);
		return;
	}
	p->restarts++;
	pr_warn("partition %s: restart %u of %u, fault at TSC %lu", p->cfg->name, p->restarts,
		p->cfg->restart_limit, (unsigned long)fault_tsc);
	channels_scrub_written(p);
	/* Before its memory is reloaded: no DMA of the old run may land in the new one. */
	part_devices_reset(p);
	if (!part_load(p)) {
		pr_err("partition %s: reload failed: halted", p->cfg->name);
		set_state(p, PART_STOPPED);
		return;
	}
	/* INIT, SIPI or NMI posted before the stop belong to the old run. This CPU parks and
	 * resets in one go; the others are parked and wait for their reset. */
	for (size_t i = 0; i < p->cfg->ncpus; i++)
		__atomic_store_n(&p->vcpu[i].requests, 0, __ATOMIC_RELEASE);
	set_state(p, PART_RUNNING);
	for (size_t i = 0; i < p->cfg->ncpus; i++) {
		struct vcpu *w = &p->vcpu[i];

		vcpu_request(w, w == self ? VCPU_REQ_PARK | VCPU_REQ_RESET : VCPU_REQ_RESET);
	}
	part_print_health(p);
	/* The new run's period starts when it can run: the lines above take ~30 ms on a 115200
	 * baud UART (Bochs models that), more than a short period. No vCPU runs before this CPU
	 * returns: vCPU 0 is this CPU's and the others wait for its INIT-SIPI. */
	part_watchdog_arm(p);
}

/* For the health report: the reason stays readable while the next one is written. */
static void record_fault(struct partition *p, const char *what)
{
	char text[PART_FAULT_TEXT];

	snprintf(text, sizeof(text), "%s", what);
	memcpy(p->last_fault, text, sizeof(text));
	__atomic_fetch_add(&p->faults, 1, __ATOMIC_RELAXED);
}

void part_fault(struct partition *p, const char *what)
{
	uint64_t seen = rdtsc();
	enum cfg_fault policy = p->cfg->on_fault;
	char exits[320];

	if (policy == CFG_FAULT_RESTART && p->restarts >= p->cfg->restart_limit)
		policy = CFG_FAULT_HALT;
	if (!claim(p, policy == CFG_FAULT_RESTART ? PART_RESTARTING : PART_STOPPED))
		return;
	record_fault(p, what);
	publish(p, policy == CFG_FAULT_RESTART ? PART_RESTARTING : PART_STOPPED);
	part_console_flush(p);
	format_exits(p, exits, sizeof(exits));
	pr_err("partition %s: fault: %s; on-fault \"%s\"%s; exits: %s", p->cfg->name, what,
	       cfg_fault_name(p->cfg->on_fault),
	       policy == p->cfg->on_fault ? "" : " (restart limit reached: halted)", exits);
	print_refused(p);
	if (policy == CFG_FAULT_RESET_SYSTEM)
		machine_reset(p->cfg->name);
	if (policy == CFG_FAULT_RESTART)
		return restart(p, seen);
	park_all(p);
	part_devices_quiesce(p);
	pr_err("partition %s: halted", p->cfg->name);
	part_print_health(p);
}
