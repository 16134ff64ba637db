/* SPDX-License-Identifier: BSD-2-Clause */
/* Channels at run time (docs/channels.md): shared memory Bulkhead places, and doorbells. */
#ifndef BULKHEAD_CHANNEL_H
#define BULKHEAD_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "spinlock.h"
#include "token_bucket.h"

/* The doorbell limit of every channel: a burst of CHANNEL_DOORBELL_BURST back to back, then
 * CHANNEL_DOORBELLS_PER_S a second. A reader then spends at most ~1% of its core on one
 * channel's interrupts even if its writer rings as fast as it can. */
#define CHANNEL_DOORBELL_BURST	4
#define CHANNEL_DOORBELLS_PER_S 10000

struct partition;

struct channel {
	const struct cfg_channel *cfg;
	uint64_t hpa; /* Bulkhead's memory, in no partition's memory@ regions */
	struct partition *writer;
	struct partition *reader[CFG_MAX_READERS];
	struct spinlock lock; /* the bucket: the writer's CPUs may ring at once */
	struct token_bucket bucket;
	uint64_t rung, dropped; /* doorbells delivered, and refused by the limit; atomic */
};

/* Places every channel of @desc (zeroed host memory) and attaches it to its writer and readers
 * among @parts, whose cfg and index are set: each gets a mapping at the channel's guest address
 * (read-write for the writer, read-only for readers). */
void channels_start(const struct cfg_desc *desc, struct partition *parts);

/* The writer rings: the channel's vector is raised on vCPU 0 of each running reader. The
 * number of readers rung, or HC_E_AGAIN when the limit refused it (counted in @dropped). */
int64_t channel_ring(struct channel *ch);

/* The partition restarts: channels it writes are zeroed, as at boot. */
void channels_scrub_written(struct partition *p);

#endif
