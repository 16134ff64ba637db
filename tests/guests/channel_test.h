/* SPDX-License-Identifier: BSD-2-Clause */
/* The channel scenario (tests/config/channel.dts): what the writer and the readers put in their
 * channels, and how a guest finds a channel by name. */
#ifndef GUEST_CHANNEL_TEST_H
#define GUEST_CHANNEL_TEST_H

#include "guest.h"
#include "channel_abi.h"

#define CHAN_ROUNDS	   50  /* values passed, one doorbell and one ack each */
#define CHAN_STORM	   400 /* doorbells the writer then rings back to back */
#define CHAN_TIMEOUT_US	   2000000
#define CHAN_PHASE_ROUNDS  0
#define CHAN_PHASE_STORMED 1

/* "counter": written by the writer, read by both readers. */
struct chan_counter {
	struct bh_channel_header h;
	uint64_t value; /* 1 .. CHAN_ROUNDS */
	uint64_t phase;
	uint64_t storm_rung; /* storm doorbells Bulkhead let through */
	uint64_t rung_tsc;   /* the writer's TSC right before its HC_DOORBELL for this value */
};

/* "ack-a", "ack-b": each written by one reader, read by the writer. */
struct chan_ack {
	struct bh_channel_header h;
	uint64_t ack; /* the last value the reader saw with its doorbell */
};

/* The channel called @name among the caller's (HC_CHANNEL_INFO numbers them from 0); asserts
 * that it exists. */
static inline uint64_t chan_find(const char *name, struct hc_channel_info *info)
{
	for (uint64_t n = 0;; n++) {
		int64_t rc = hcall(HC_CHANNEL_INFO, n, (uint64_t)info, 0);
		const char *a = info->name, *b = name;

		GUEST_ASSERT(rc == HC_OK);
		while (*a && *a == *b)
			a++, b++;
		if (*a == *b)
			return n;
	}
}

#endif
