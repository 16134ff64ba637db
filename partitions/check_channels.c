// SPDX-License-Identifier: BSD-2-Clause
// Channel rules: page-sized shared memory, one writer that is not also a reader, readers once.

#include <stdio.h>
#include <string.h>

#include "check.h"

static void check_readers(const struct cfg_channel *ch, const char *path, struct cfg_diags *d)
{
	for (size_t r = 0; r < ch->nreaders; r++) {
		bool twice = false;

		if (ch->reader[r] < 0)
			continue; /* unknown partition: reported by the parser */
		for (size_t o = 0; o < r; o++)
			twice |= ch->reader[o] == ch->reader[r];
		CC(d, !twice, path, "readers", "\"%s\" is listed twice", ch->reader_name[r]);
		CC(d, ch->reader[r] != ch->writer, path, "readers",
		   "\"%s\" is the writer; it cannot also be a reader", ch->reader_name[r]);
	}
}

void cfg_check_channels(const struct cfg_desc *desc, struct cfg_diags *d)
{
	for (size_t i = 0; i < desc->nchans; i++) {
		const struct cfg_channel *ch = &desc->chan[i];
		char path[CFG_PATH_MAX];

		snprintf(path, sizeof(path), "/channels/%s", ch->name);
		if (CC(d, ch->size != 0, path, "size", "must not be zero"))
			CC(d, aligned(ch->size, CFG_PAGE), path, "size",
			   "0x%lx is not a multiple of 4 KiB", (unsigned long)ch->size);
		check_readers(ch, path, d);
	}
}
