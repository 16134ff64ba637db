// SPDX-License-Identifier: BSD-2-Clause
// Monitor (tests/config/channel.dts, "monitor" right): reads every partition's health report
// until both readers are stopped, prints what it sees and checks the readers' fault.

#include "guest.h"

#define WAIT_US 20000000

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix && *s == *prefix)
		s++, prefix++;
	return !*prefix;
}

static bool name_is(const char *s, const char *name)
{
	return starts_with(s, name) && !s[__builtin_strlen(name)];
}

/* Health of every partition; true when both readers are stopped. */
static bool readers_stopped(bool print)
{
	static const char *const states[] = {"running", "restarting", "stopped"};
	struct hc_health h;
	int stopped = 0;
	uint64_t i;

	for (i = 0; hcall(HC_HEALTH, i, (uint64_t)&h, 0) == HC_OK; i++) {
		bool reader = name_is(h.name, "reader-a") || name_is(h.name, "reader-b");

		GUEST_ASSERT(h.state <= HC_STATE_STOPPED);
		if (reader && h.state == HC_STATE_STOPPED) {
			GUEST_ASSERT_EQ(h.faults, 1);
			GUEST_ASSERT(starts_with(h.last_fault, "write access to channel counter"));
			stopped++;
		}
		if (print)
			guest_printf("monitor: %s: %s, restarts %u, faults %u, last fault \"%s\", "
				     "hypercalls %lu\n",
				     h.name, states[h.state], h.restarts, h.faults, h.last_fault,
				     (unsigned long)h.exits[HC_EXIT_HYPERCALL]);
	}
	GUEST_ASSERT_EQ(i, 4);
	GUEST_ASSERT_EQ(hcall(HC_HEALTH, i, (uint64_t)&h, 0), HC_E_INVAL);
	return stopped == 2;
}

void guest_main(void);
void guest_main(void)
{
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * (WAIT_US / 1000);

	while (!readers_stopped(false)) {
		if (rdtsc() - start > limit) {
			readers_stopped(true);
			guest_printf("monitor: the readers did not stop\n");
			guest_test_exit(GUEST_EXIT_FAIL);
		}
		guest_udelay(1000);
	}
	readers_stopped(true);
	guest_printf("monitor: both readers stopped by their fault\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
