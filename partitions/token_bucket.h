/* SPDX-License-Identifier: BSD-2-Clause */
/* A token bucket over TSC time: how a channel's doorbells are rate-limited (docs/channels.md). */
#ifndef BULKHEAD_TOKEN_BUCKET_H
#define BULKHEAD_TOKEN_BUCKET_H

#include <stdbool.h>
#include <stdint.h>

struct token_bucket {
	uint64_t period; /* TSC cycles per new token, at least 1 */
	uint64_t last;	 /* when the tokens were last counted */
	uint32_t burst;	 /* tokens at most */
	uint32_t tokens;
};

/* A full bucket at @now: @burst back-to-back takes, then one per @period. */
void tb_init(struct token_bucket *b, uint64_t now, uint64_t period, uint32_t burst);
/* Takes one token at @now: false (nothing taken) when the bucket is empty. A @now before the
 * last count (another CPU's TSC reading slightly behind) adds no tokens. */
bool tb_take(struct token_bucket *b, uint64_t now);
/* @per_second tokens a second at @tsc_khz, as a period in TSC cycles (at least 1). */
uint64_t tb_period(uint64_t tsc_khz, uint32_t per_second);

#endif
