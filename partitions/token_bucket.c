// SPDX-License-Identifier: BSD-2-Clause
// A token bucket over TSC time (pure: also in the unit tests).

#include "token_bucket.h"

void tb_init(struct token_bucket *b, uint64_t now, uint64_t period, uint32_t burst)
{
	*b = (struct token_bucket){period ? period : 1, now, burst, burst};
}

/* Whole periods since the last count become tokens; the remainder keeps counting, except when
 * the bucket is full: idle time beyond that must not buy a larger burst later. */
static void refill(struct token_bucket *b, uint64_t now)
{
	uint64_t n;

	if (now <= b->last)
		return;
	n = (now - b->last) / b->period;
	if (n >= b->burst - b->tokens) {
		b->tokens = b->burst;
		b->last = now;
	} else {
		b->tokens += (uint32_t)n;
		b->last += n * b->period;
	}
}

bool tb_take(struct token_bucket *b, uint64_t now)
{
	refill(b, now);
	if (!b->tokens)
		return false;
	b->tokens--;
	return true;
}

uint64_t tb_period(uint64_t tsc_khz, uint32_t per_second)
{
	uint64_t p = per_second ? tsc_khz * 1000 / per_second : 0;

	return p ? p : 1;
}
