// SPDX-License-Identifier: BSD-2-Clause
// A partition's watchdog deadline (pure). Several of its CPUs may kick and check at once: the
// deadline is one atomic word, and a late kick can only move it later, never reopen a miss.

#include "watchdog.h"

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

uint64_t wd_period(uint32_t ms, uint64_t tsc_khz)
{
	if (ms && tsc_khz > UINT64_MAX / ms)
		return UINT64_MAX;
	return (uint64_t)ms * tsc_khz;
}

void wd_arm(struct watchdog *w, uint64_t period, uint64_t now)
{
	w->period = period;
	__atomic_store_n(&w->deadline, period ? add_sat(now, period) : UINT64_MAX,
			 __ATOMIC_RELEASE);
}

void wd_kick(struct watchdog *w, uint64_t now)
{
	uint64_t want = add_sat(now, w->period),
		 cur = __atomic_load_n(&w->deadline, __ATOMIC_ACQUIRE);

	if (!w->period)
		return;
	while (cur < want && !__atomic_compare_exchange_n(&w->deadline, &cur, want, true,
							  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		;
}

bool wd_expired(const struct watchdog *w, uint64_t now)
{
	return w->period && now >= __atomic_load_n(&w->deadline, __ATOMIC_ACQUIRE);
}

uint64_t wd_left(const struct watchdog *w, uint64_t now)
{
	uint64_t d = __atomic_load_n(&w->deadline, __ATOMIC_ACQUIRE);

	if (!w->period)
		return UINT64_MAX;
	return now >= d ? 0 : d - now;
}
