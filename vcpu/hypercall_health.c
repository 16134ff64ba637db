// SPDX-License-Identifier: BSD-2-Clause
// Hypercalls of channels and health (docs/channels.md, docs/hypercalls.md): channel info, the
// doorbell, the watchdog kick, and the health report a monitor partition reads.

#include <string.h>

#include "channel.h"
#include "partition.h"
#include "tsc.h"
#include "vcpu_internal.h"
#include "x86.h"

int64_t hc_channel_info(struct vcpu *v)
{
	struct partition *p = v->part;
	struct hc_channel_info info = {0}, *out;
	const struct channel *ch;

	if (v->regs.rdi >= p->nchan)
		return HC_E_INVAL;
	out = part_gpa_to_hva(p, v->regs.rsi, sizeof(*out), CFG_W);
	if (!out)
		return HC_E_FAULT;
	ch = p->chan[v->regs.rdi];
	strncpy(info.name, ch->cfg->name, sizeof(info.name) - 1);
	info.gpa = ch->cfg->gpa;
	info.size = ch->cfg->size;
	info.flags =
	    (ch->writer == p ? HC_CHAN_WRITER : 0) | (ch->cfg->doorbell ? HC_CHAN_DOORBELL : 0);
	info.vector = ch->cfg->doorbell;
	info.readers = (uint32_t)ch->cfg->nreaders;
	memcpy(out, &info, sizeof(info));
	return HC_OK;
}

int64_t hc_doorbell(struct vcpu *v)
{
	struct partition *p = v->part;
	struct channel *ch;

	if (v->regs.rdi >= p->nchan)
		return HC_E_INVAL;
	ch = p->chan[v->regs.rdi];
	if (ch->writer != p)
		return HC_E_PERM;
	if (!ch->cfg->doorbell)
		return HC_E_INVAL;
	return channel_ring(ch);
}

int64_t hc_watchdog_kick(struct vcpu *v)
{
	if (!v->part->cfg->watchdog_ms)
		return HC_E_INVAL;
	wd_kick(&v->part->wd, rdtsc());
	return HC_OK;
}

static const uint32_t state_abi[] = {
    [PART_RUNNING] = HC_STATE_RUNNING,
    [PART_RESTARTING] = HC_STATE_RESTARTING,
    [PART_STOPPED] = HC_STATE_STOPPED,
};

static void fill_health(const struct partition *t, struct hc_health *h)
{
	uint64_t left = wd_left(&t->wd, rdtsc());

	strncpy(h->name, t->cfg->name, sizeof(h->name) - 1);
	h->state = state_abi[__atomic_load_n(&t->reported, __ATOMIC_ACQUIRE)];
	h->restarts = __atomic_load_n(&t->restarts, __ATOMIC_RELAXED);
	h->restart_limit = t->cfg->on_fault == CFG_FAULT_RESTART ? t->cfg->restart_limit : 0;
	h->watchdog_ms = t->cfg->watchdog_ms;
	h->faults = __atomic_load_n(&t->faults, __ATOMIC_RELAXED);
	h->watchdog_left_us = left == UINT64_MAX || !tsc_khz ? UINT64_MAX : left * 1000 / tsc_khz;
	/* The text may change under a concurrent fault: the copy stays NUL-terminated. */
	memcpy(h->last_fault, t->last_fault, sizeof(h->last_fault) - 1);
	for (int r = 0; r < HC_EXIT_REASONS; r++)
		h->exits[r] = __atomic_load_n(&t->exits[r], __ATOMIC_RELAXED);
}

/* Reading is all a monitor can do: no partition acts on another through this. */
int64_t hc_health(struct vcpu *v)
{
	struct hc_health h = {0}, *out;
	const struct partition *t;

	if (!v->part->cfg->monitor)
		return HC_E_PERM;
	t = part_by_index(v->regs.rdi);
	if (!t)
		return HC_E_INVAL;
	out = part_gpa_to_hva(v->part, v->regs.rsi, sizeof(*out), CFG_W);
	if (!out)
		return HC_E_FAULT;
	fill_health(t, &h);
	memcpy(out, &h, sizeof(h));
	return HC_OK;
}
