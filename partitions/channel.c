// SPDX-License-Identifier: BSD-2-Clause
// Channels at run time: Bulkhead's own memory mapped into the writer (read-write) and readers
// (read-only) at the description's guest address, and the writer's rate-limited doorbell.

#include <string.h>

#include "channel.h"
#include "hypercall.h"
#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "partition.h"
#include "printk.h"
#include "tsc.h"
#include "vlapic.h"
#include "x86.h"

static struct channel channels[CFG_MAX_CHANNELS];

static void attach(struct partition *p, struct channel *ch, unsigned int rights)
{
	size_t i = p->nchan++;

	p->chan[i] = ch;
	p->shared[i] = (struct part_mem){ch->cfg->gpa, ch->hpa, ch->cfg->size, rights};
}

/* Zeroed by the allocator; 2 MiB aligned where that lets the nested tables use large pages. */
static void place(struct channel *ch, struct partition *parts)
{
	const struct cfg_channel *c = ch->cfg;

	ch->hpa = (uint64_t)page_alloc(c->size, c->size >= SIZE_2M ? SIZE_2M : PAGE_SIZE);
	ch->writer = &parts[c->writer];
	attach(ch->writer, ch, CFG_R | CFG_W);
	for (size_t r = 0; r < c->nreaders; r++) {
		ch->reader[r] = &parts[c->reader[r]];
		attach(ch->reader[r], ch, CFG_R);
	}
	tb_init(&ch->bucket, rdtsc(), tb_period(tsc_khz, CHANNEL_DOORBELLS_PER_S),
		CHANNEL_DOORBELL_BURST);
	pr_info("channel %s: guest 0x%lx -> host 0x%lx, %lu KiB; writer %s, %lu readers", c->name,
		c->gpa, ch->hpa, c->size >> 10, c->writer_name, (unsigned long)c->nreaders);
}

void channels_start(const struct cfg_desc *desc, struct partition *parts)
{
	for (size_t i = 0; i < desc->nchans; i++) {
		channels[i].cfg = &desc->chan[i];
		place(&channels[i], parts);
	}
}

/* Only a reader whose first CPU runs its code gets the vector: a parked or restarting one
 * would find it pending in its LAPIC before it has a handler. */
static bool ring_one(struct channel *ch, struct partition *r)
{
	struct vcpu *v = &r->vcpu[0];

	if (__atomic_load_n(&r->state, __ATOMIC_ACQUIRE) != PART_RUNNING ||
	    __atomic_load_n(&v->state, __ATOMIC_ACQUIRE) != VCPU_RUNNING)
		return false;
	vlapic_raise(v, (uint8_t)ch->cfg->doorbell);
	return true;
}

int64_t channel_ring(struct channel *ch)
{
	int64_t n = 0;
	bool ok;

	spin_lock(&ch->lock);
	ok = tb_take(&ch->bucket, rdtsc());
	spin_unlock(&ch->lock);
	if (!ok) {
		__atomic_fetch_add(&ch->dropped, 1, __ATOMIC_RELAXED);
		return HC_E_AGAIN;
	}
	for (size_t r = 0; r < ch->cfg->nreaders; r++)
		n += ring_one(ch, ch->reader[r]);
	__atomic_fetch_add(&ch->rung, 1, __ATOMIC_RELAXED);
	return n;
}

void channels_scrub_written(struct partition *p)
{
	for (size_t i = 0; i < p->nchan; i++)
		if (p->chan[i]->writer == p)
			memset((void *)p->chan[i]->hpa, 0, p->chan[i]->cfg->size);
}
