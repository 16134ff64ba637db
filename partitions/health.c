// SPDX-License-Identifier: BSD-2-Clause
// A partition's health: its watchdog, checked on its own CPUs only, and the health line.
//
// Each core belongs to one partition, so a partition's watchdog is checked by that partition's
// own CPUs: after each of their exits, and on VMX also when the preemption timer Bulkhead arms
// for the deadline ends a run that would otherwise make no exit. No other partition's core
// spends a cycle on it.

#include <stdio.h>

#include "partition.h"
#include "printk.h"
#include "tsc.h"
#include "x86.h"

void part_watchdog_arm(struct partition *p)
{
	wd_arm(&p->wd, wd_period(p->cfg->watchdog_ms, tsc_khz), rdtsc());
}

void part_watchdog_expire(struct vcpu *v)
{
	struct partition *p = v->part;
	char what[64];

	if (!wd_expired(&p->wd, rdtsc()) ||
	    __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) != PART_RUNNING)
		return;
	snprintf(what, sizeof(what), "watchdog: no kick within %u ms", p->cfg->watchdog_ms);
	part_fault(p, what);
}

static const char *const state_names[] = {
    [PART_RUNNING] = "running",
    [PART_RESTARTING] = "restarting",
    [PART_STOPPED] = "stopped",
};

void part_print_health(struct partition *p)
{
	enum part_state s = __atomic_load_n(&p->reported, __ATOMIC_ACQUIRE);
	char limit[24] = "";

	if (p->cfg->on_fault == CFG_FAULT_RESTART)
		snprintf(limit, sizeof(limit), " of %u", p->cfg->restart_limit);
	pr_info("partition %s: health: %s, restarts %u%s, faults %u, last fault \"%s\"",
		p->cfg->name, state_names[s], p->restarts, limit, p->faults, p->last_fault);
	part_print_exits(p, "health");
}
