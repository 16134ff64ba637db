// SPDX-License-Identifier: BSD-2-Clause
// "Did you mean": the closest known name by edit distance, so a typo's error names the fix.

#include <string.h>

#include "parse.h"

#define MAX_LEN	 32
#define MAX_DIST 2

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Levenshtein distance over two rows; names longer than MAX_LEN never match. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[MAX_LEN + 1], cur[MAX_LEN + 1];

	if (la > MAX_LEN || lb > MAX_LEN)
		return MAX_DIST + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++)
			cur[j] =
			    min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]));
		memcpy(prev, cur, sizeof(prev));
	}
	return prev[lb];
}

const char *cfg_suggest(const char *name, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t best_d = MAX_DIST + 1;

	for (size_t i = 0; i < n; i++) {
		size_t d = strcmp(cands[i], "*") ? distance(name, cands[i]) : MAX_DIST + 1;

		/* A one-letter name is one edit from any other: no hint then. */
		if (d < best_d && (d < strlen(cands[i]) || d < strlen(name))) {
			best = cands[i];
			best_d = d;
		}
	}
	return best;
}
