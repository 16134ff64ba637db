// SPDX-License-Identifier: BSD-2-Clause
// Source positions of nodes and properties, read from dtc's annotated output (dtc -T -T).
#ifndef BULKHEAD_DTS_LINES_H
#define BULKHEAD_DTS_LINES_H

#include <stddef.h>

struct dts_pos {
	char *path; /* "/partitions/a" */
	char *prop; /* "" for the node itself */
	char *file;
	unsigned int line;
};

struct dts_map {
	struct dts_pos *pos;
	size_t count, cap;
};

/* Reads dtc's "-O dts -T -T" text; 0, or -1 when out of memory. */
int dts_map_parse(struct dts_map *m, const char *annotated);
void dts_map_free(struct dts_map *m);

/* Where @prop of @path is written; a missing property falls back to its node, a missing node to
 * its nearest parent. NULL when nothing matched (not even "/"). */
const struct dts_pos *dts_map_find(const struct dts_map *m, const char *path, const char *prop);

#endif
