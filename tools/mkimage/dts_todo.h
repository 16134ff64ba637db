// SPDX-License-Identifier: BSD-2-Clause
// The "TODO:" comments of a .dts source: what its author (or bulkhead-inspect) left undecided.
#ifndef BULKHEAD_DTS_TODO_H
#define BULKHEAD_DTS_TODO_H

/*
 * Calls @found for every comment of @text (a .dts or .dtsi source) whose text starts with
 * "TODO:" after blanks, with the comment's 1-based line and its first line of text (from
 * "TODO:", without the closing "*" "/"). Comment markers inside strings are not comments.
 * Returns the number of such comments.
 */
unsigned dts_todos(const char *text, void (*found)(void *ctx, unsigned line, const char *todo),
		   void *ctx);

#endif
