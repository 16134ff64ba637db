// SPDX-License-Identifier: BSD-2-Clause
// `make bench` doorbell latency (tests/config/bench-doorbell.dts): the writer stamps its TSC in
// "bell" right before each HC_DOORBELL; the reader's handler reads its TSC first, and the reader
// takes the difference, first while it spins with interrupts on, then while it halts in HLT.
// One image for both partitions: the channel's flags say which one runs it.

#include "guest.h"
#include "apic.h"
#include "channel_test.h"
#include "trap.h"

#define ROUNDS	       32  /* per reader mode */
#define PACE_US	       200 /* between doorbells: under the limit of 10000 a second */
#define RETRY_PAUSE_US 100

struct bell {
	struct bh_channel_header h;
	uint64_t value;
	uint64_t rung_tsc; /* the writer's TSC right before its HC_DOORBELL for this value */
};

struct bell_ack {
	struct bh_channel_header h;
	uint64_t ack;
	uint64_t
	    ready; /* the reader's handler is in place: a doorbell no longer waits for its boot */
};

static volatile uint64_t doorbells, handled_tsc;

static void on_doorbell(struct trap_frame *f)
{
	handled_tsc = rdtsc();
	(void)f;
	doorbells++;
	apic_eoi();
}

static _Noreturn void writer(volatile struct bell *b, const volatile struct bell_ack *a,
			     uint64_t chan)
{
	while (!a->ready)
		cpu_relax();
	for (uint64_t v = 1; v <= 2 * ROUNDS; v++) {
		int64_t rc;

		bh_channel_write_begin(&b->h);
		b->value = v;
		bh_channel_write_end(&b->h);
		do {
			b->rung_tsc = rdtsc();
			rc = hcall(HC_DOORBELL, chan, 0, 0);
			if (rc == HC_E_AGAIN)
				guest_udelay(RETRY_PAUSE_US);
		} while (rc == HC_E_AGAIN);
		GUEST_ASSERT_EQ(rc, 1);
		while (a->ack != v)
			cpu_relax();
		guest_udelay(PACE_US);
	}
	/* The reader ends the run once it has printed its figures. */
	for (;;)
		cpu_relax();
}

struct latency {
	uint64_t first, min, max, sum, n;
};

static void measure(struct latency *l, uint64_t rung)
{
	uint64_t d = handled_tsc - rung;

	GUEST_ASSERT(handled_tsc >= rung); /* the partitions' cores share one TSC */
	l->first = l->n ? l->first : d;
	l->min = l->n && l->min < d ? l->min : d;
	l->max = l->max > d ? l->max : d;
	l->sum += d;
	l->n++;
}

static void wait_spinning(uint64_t v)
{
	irq_enable();
	while (doorbells < v)
		cpu_relax();
	irq_disable();
}

/* STI's shadow covers HLT: a doorbell cannot slip in between the test and the halt. */
static void wait_halted(uint64_t v)
{
	while (doorbells < v)
		asm volatile("sti; hlt; cli" ::: "memory");
}

static void report(const char *mode, const struct latency *l)
{
	guest_printf("bench: doorbell-%s rounds=%lu first=%lu min=%lu mean=%lu max=%lu khz=%lu\n",
		     mode, (unsigned long)l->n, (unsigned long)l->first, (unsigned long)l->min,
		     (unsigned long)(l->sum / l->n), (unsigned long)l->max,
		     (unsigned long)guest_tsc_khz());
}

static _Noreturn void reader(const volatile struct bell *b, volatile struct bell_ack *a,
			     uint8_t vector)
{
	struct latency spin = {0, 0, 0, 0, 0}, halted = {0, 0, 0, 0, 0};

	trap_init();
	apic_enable();
	trap_set_handler(vector, on_doorbell);
	a->ready = 1;
	for (uint64_t v = 1; v <= 2 * ROUNDS; v++) {
		if (v <= ROUNDS)
			wait_spinning(v);
		else
			wait_halted(v);
		GUEST_ASSERT_EQ(b->value, v);
		measure(v <= ROUNDS ? &spin : &halted, b->rung_tsc);
		bh_channel_write_begin(&a->h);
		a->ack = v;
		bh_channel_write_end(&a->h);
	}
	report("spin", &spin);
	report("hlt", &halted);
	guest_test_exit(GUEST_EXIT_PASS);
}

void guest_main(void);
void guest_main(void)
{
	struct hc_channel_info bi, ai;
	uint64_t chan = chan_find("bell", &bi);

	chan_find("bell-ack", &ai);
	if (bi.flags & HC_CHAN_WRITER)
		writer((volatile struct bell *)bi.gpa, (const volatile struct bell_ack *)ai.gpa,
		       chan);
	reader((const volatile struct bell *)bi.gpa, (volatile struct bell_ack *)ai.gpa,
	       (uint8_t)bi.vector);
}
