/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest page-table walk (SDM Vol. 3A ch. 4, APM Vol. 2 ch. 5): guest-linear to guest-physical. */
#ifndef BULKHEAD_GPT_WALK_H
#define BULKHEAD_GPT_WALK_H

#include <stdbool.h>
#include <stdint.h>

enum gpt_access { GPT_FETCH, GPT_READ, GPT_WRITE };

enum gpt_result {
	GPT_OK,
	GPT_NOT_PRESENT,  /* a table entry or the page is not present */
	GPT_PROTECTION,	  /* present, but the access is not allowed (U/S, R/W, NX, SMEP) */
	GPT_RESERVED,	  /* a reserved bit is set in an entry */
	GPT_NONCANONICAL, /* a 64-bit address that is not canonical */
	GPT_UNREADABLE,	  /* a table lies outside the memory the walker may read */
};

/* Reads one 4- or 8-byte table entry at guest-physical @gpa; false when it cannot. */
typedef bool (*gpt_read_fn)(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val);

/* The paging state of the guest as the walk needs it. */
struct gpt_ctx {
	uint64_t cr0, cr3, cr4, efer;
	uint8_t cpl;
	gpt_read_fn read;
	void *arg;
};

/* Translates @gla for @access. GPT_OK fills @gpa; otherwise @gpa is untouched. */
enum gpt_result gpt_walk(const struct gpt_ctx *c, uint64_t gla, enum gpt_access access,
			 uint64_t *gpa);
const char *gpt_result_name(enum gpt_result r);

#endif
