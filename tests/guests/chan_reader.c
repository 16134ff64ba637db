// SPDX-License-Identifier: BSD-2-Clause
// Channel reader (tests/config/channel.dts; two partitions run it): for each doorbell, reads
// "counter" whole (sequence counter), checks it got the next value, and acks it in its own
// channel; after the writer's storm it counts the doorbells that arrived, then writes into
// "counter", which it may only read: Bulkhead faults it (on-fault "halt").

#include "guest.h"
#include "apic.h"
#include "channel_test.h"
#include "trap.h"

static volatile uint64_t doorbells, handled_tsc;

static void on_doorbell(struct trap_frame *f)
{
	(void)f;
	handled_tsc = rdtsc();
	doorbells++;
	apic_eoi();
}

/* Writer's HC_DOORBELL to this handler, in TSC cycles; the partitions' cores share one TSC. */
struct latency {
	uint64_t min, max, sum, n;
};

static void measure(struct latency *l, uint64_t rung)
{
	uint64_t d;

	if (handled_tsc < rung)
		return; /* TSCs not in step on this machine: no figure rather than a wrong one */
	d = handled_tsc - rung;
	l->min = l->n && l->min < d ? l->min : d;
	l->max = l->max > d ? l->max : d;
	l->sum += d;
	l->n++;
}

static struct chan_counter read_counter(const volatile struct chan_counter *c)
{
	struct chan_counter copy;
	uint32_t seq;

	do {
		seq = bh_channel_read_begin(&c->h);
		copy.value = c->value;
		copy.phase = c->phase;
		copy.storm_rung = c->storm_rung;
	} while (bh_channel_read_retry(&c->h, seq));
	return copy;
}

/* Interrupts on while waiting: the doorbell is the only interrupt this partition takes. */
static void wait_until(const volatile uint64_t *what, uint64_t at_least, const char *name,
		       const volatile struct chan_counter *c)
{
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * (CHAN_TIMEOUT_US / 1000);

	irq_enable();
	while (*what < at_least && (!c || read_counter(c).phase != CHAN_PHASE_STORMED)) {
		if (rdtsc() - start > limit) {
			guest_printf("reader: timed out waiting for %s %lu\n", name,
				     (unsigned long)at_least);
			guest_test_exit(GUEST_EXIT_FAIL);
		}
		cpu_relax();
	}
	irq_disable();
}

void guest_main(void);
void guest_main(void)
{
	struct hc_partition_info me;
	struct hc_channel_info ci, ai;
	volatile struct chan_counter *c;
	volatile struct chan_ack *a;
	struct chan_counter seen;
	struct latency lat = {0, 0, 0, 0};
	uint64_t storm_base;

	guest_info(&me);
	chan_find("counter", &ci);
	chan_find(me.name[7] == 'a' ? "ack-a" : "ack-b", &ai); /* "reader-a", "reader-b" */
	GUEST_ASSERT_EQ(ci.flags, HC_CHAN_DOORBELL);
	GUEST_ASSERT_EQ(ai.flags, HC_CHAN_WRITER);
	GUEST_ASSERT_EQ(hcall(HC_DOORBELL, chan_find("counter", &ci), 0, 0), HC_E_PERM);
	c = (volatile struct chan_counter *)ci.gpa;
	a = (volatile struct chan_ack *)ai.gpa;
	trap_init();
	apic_enable();
	trap_set_handler((uint8_t)ci.vector, on_doorbell);
	for (uint64_t v = 1; v <= CHAN_ROUNDS; v++) {
		wait_until(&doorbells, v, "doorbell", NULL);
		seen = read_counter(c);
		if (seen.value != v || doorbells != v) {
			guest_printf("reader: doorbell %lu brought value %lu, expected %lu\n",
				     (unsigned long)doorbells, (unsigned long)seen.value,
				     (unsigned long)v);
			guest_test_exit(GUEST_EXIT_FAIL);
		}
		measure(&lat, c->rung_tsc);
		bh_channel_write_begin(&a->h);
		a->ack = v;
		bh_channel_write_end(&a->h);
	}
	guest_printf("reader: %u values in order, one doorbell each\n", CHAN_ROUNDS);
	if (lat.n)
		guest_printf(
		    "reader: doorbell latency over %lu: min %lu, avg %lu, max %lu TSC cycles "
		    "(%lu kHz)\n",
		    (unsigned long)lat.n, (unsigned long)lat.min, (unsigned long)(lat.sum / lat.n),
		    (unsigned long)lat.max, (unsigned long)guest_tsc_khz());
	storm_base = doorbells;
	wait_until(&doorbells, UINT64_MAX, "the storm's end", c);
	/* The last storm doorbells may still be on their way: a moment with interrupts on. */
	irq_enable();
	guest_udelay(10000);
	irq_disable();
	seen = read_counter(c);
	guest_printf("reader: storm: %lu of %lu doorbells arrived\n",
		     (unsigned long)(doorbells - storm_base), (unsigned long)seen.storm_rung);
	/* Several doorbells may meet as one pending vector in the LAPIC, never more arrive. */
	GUEST_ASSERT(doorbells - storm_base >= 1 && doorbells - storm_base <= seen.storm_rung);
	guest_printf("reader: writing to the counter channel now\n");
	c->value = 0;
	guest_printf("reader: the write went through\n");
	guest_test_exit(GUEST_EXIT_FAIL);
}
