/* SPDX-License-Identifier: BSD-2-Clause */
/* The recommended layout of a channel's memory (docs/channels.md), for guests to include beside
 * hypercall.h: a sequence counter in the first 8 bytes, the writer's data after it. Bulkhead
 * does not read the channel; the layout only lets readers see the writer's data whole. */
#ifndef BULKHEAD_CHANNEL_ABI_H
#define BULKHEAD_CHANNEL_ABI_H

#include <stdbool.h>
#include <stdint.h>

struct bh_channel_header {
	uint32_t seq; /* odd while the writer updates the data */
	uint32_t reserved;
};

_Static_assert(sizeof(struct bh_channel_header) == 8, "channel ABI: header size");

/* x86 keeps stores in order and loads in order (SDM Vol. 3A 9.2.2): a compiler barrier is
 * all a sequence counter needs between one writer and readers on other CPUs. */
#define BH_CHANNEL_BARRIER() __asm__ __volatile__("" ::: "memory")

/* Writer: begin (seq odd), write the data, end (seq even again). */
static inline void bh_channel_write_begin(volatile struct bh_channel_header *h)
{
	h->seq = h->seq + 1;
	BH_CHANNEL_BARRIER();
}

static inline void bh_channel_write_end(volatile struct bh_channel_header *h)
{
	BH_CHANNEL_BARRIER();
	h->seq = h->seq + 1;
}

/* Reader: seq = begin(); copy the data; retry while bh_channel_read_retry(h, seq). */
static inline uint32_t bh_channel_read_begin(const volatile struct bh_channel_header *h)
{
	uint32_t seq;

	while ((seq = h->seq) & 1)
		__asm__ __volatile__("pause" ::: "memory");
	BH_CHANNEL_BARRIER();
	return seq;
}

static inline bool bh_channel_read_retry(const volatile struct bh_channel_header *h, uint32_t seq)
{
	BH_CHANNEL_BARRIER();
	return h->seq != seq;
}

#endif
