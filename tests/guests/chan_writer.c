// SPDX-License-Identifier: BSD-2-Clause
// Channel writer (tests/config/channel.dts): passes CHAN_ROUNDS values through "counter", rings
// the doorbell for each and waits for both readers' acks; then rings CHAN_STORM times back to
// back and checks that Bulkhead's rate limit let through no more than it documents.

#include "guest.h"
#include "channel_test.h"

/* docs/channels.md: a burst of 4, then 10000 a second. */
#define LIMIT_BURST    4
#define LIMIT_PER_S    10000
#define RETRY_PAUSE_US 100

static volatile struct chan_counter *counter;
static const volatile struct chan_ack *ack[2];

static void publish(uint64_t value)
{
	bh_channel_write_begin(&counter->h);
	counter->value = value;
	bh_channel_write_end(&counter->h);
}

/* Outside the sequence counter: readers take it after the doorbell, when the value is stable. */
static void stamp(void)
{
	counter->rung_tsc = rdtsc();
}

/* A doorbell the limit refuses is rung again later: that is the guest API's contract. */
static unsigned int ring(uint64_t chan)
{
	unsigned int refused = 0;
	int64_t rc;

	stamp();
	while ((rc = hcall(HC_DOORBELL, chan, 0, 0)) == HC_E_AGAIN) {
		refused++;
		guest_udelay(RETRY_PAUSE_US);
		stamp();
	}
	GUEST_ASSERT_EQ(rc, 2); /* both readers rung */
	return refused;
}

static void wait_acks(uint64_t value)
{
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * (CHAN_TIMEOUT_US / 1000);

	for (int r = 0; r < 2; r++)
		while (ack[r]->ack != value) {
			if (rdtsc() - start > limit) {
				guest_printf("writer: no ack %lu from reader %d (it has %lu)\n",
					     (unsigned long)value, r, (unsigned long)ack[r]->ack);
				guest_test_exit(GUEST_EXIT_FAIL);
			}
			cpu_relax();
		}
}

static void storm(uint64_t chan)
{
	uint64_t rung = 0, refused = 0, start = rdtsc(), cycles, bound;

	for (int i = 0; i < CHAN_STORM; i++) {
		int64_t rc = hcall(HC_DOORBELL, chan, 0, 0);

		GUEST_ASSERT(rc == 2 || rc == HC_E_AGAIN);
		rc == 2 ? rung++ : refused++;
	}
	cycles = rdtsc() - start;
	bound = LIMIT_BURST + cycles * LIMIT_PER_S / (guest_tsc_khz() * 1000) + 1;
	guest_printf("writer: storm: %lu rung, %lu refused in %lu us (limit allows %lu)\n",
		     (unsigned long)rung, (unsigned long)refused,
		     (unsigned long)(cycles * 1000 / guest_tsc_khz()), (unsigned long)bound);
	GUEST_ASSERT(refused > 0);
	GUEST_ASSERT(rung <= bound);
	bh_channel_write_begin(&counter->h);
	counter->storm_rung = rung;
	counter->phase = CHAN_PHASE_STORMED;
	bh_channel_write_end(&counter->h);
}

void guest_main(void);
void guest_main(void)
{
	struct hc_channel_info info, a, b;
	struct hc_health h;
	uint64_t chan = chan_find("counter", &info);
	unsigned int refused = 0;

	GUEST_ASSERT_EQ(info.flags, HC_CHAN_WRITER | HC_CHAN_DOORBELL);
	GUEST_ASSERT_EQ(info.readers, 2);
	chan_find("ack-a", &a);
	chan_find("ack-b", &b);
	GUEST_ASSERT_EQ(a.flags, 0); /* it reads the acks */
	GUEST_ASSERT_EQ(hcall(HC_DOORBELL, chan_find("ack-a", &a), 0, 0), HC_E_PERM);
	GUEST_ASSERT_EQ(hcall(HC_HEALTH, 0, (uint64_t)&h, 0), HC_E_PERM); /* not a monitor */
	counter = (volatile struct chan_counter *)info.gpa;
	ack[0] = (const volatile struct chan_ack *)a.gpa;
	ack[1] = (const volatile struct chan_ack *)b.gpa;
	guest_printf("writer: counter at 0x%lx, vector %u; acks at 0x%lx, 0x%lx\n",
		     (unsigned long)info.gpa, info.vector, (unsigned long)a.gpa,
		     (unsigned long)b.gpa);
	for (uint64_t v = 1; v <= CHAN_ROUNDS; v++) {
		publish(v);
		refused += ring(chan);
		wait_acks(v);
	}
	guest_printf("writer: %u values acked by both readers (%u doorbells retried)\n",
		     CHAN_ROUNDS, refused);
	storm(chan);
	guest_test_exit(GUEST_EXIT_PASS);
}
