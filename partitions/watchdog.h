/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's watchdog as deadlines in TSC cycles (pure: also in the unit tests). */
#ifndef BULKHEAD_WATCHDOG_H
#define BULKHEAD_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

struct watchdog {
	uint64_t period;   /* TSC cycles; 0: no watchdog */
	uint64_t deadline; /* the next kick is due before this TSC value, atomic */
};

/* watchdog-ms at @tsc_khz in TSC cycles, saturating rather than wrapping. */
uint64_t wd_period(uint32_t ms, uint64_t tsc_khz);
/* Armed at @now (a (re)start): the first kick is due one period later. @period 0: disarmed. */
void wd_arm(struct watchdog *w, uint64_t period, uint64_t now);
/* A kick at @now: due again one period later. */
void wd_kick(struct watchdog *w, uint64_t now);
/* Whether the deadline has passed at @now (never for a disarmed watchdog). */
bool wd_expired(const struct watchdog *w, uint64_t now);
/* Cycles left before the deadline at @now: 0 once expired, UINT64_MAX when disarmed. */
uint64_t wd_left(const struct watchdog *w, uint64_t now);

#endif
