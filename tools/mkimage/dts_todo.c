// SPDX-License-Identifier: BSD-2-Clause
// Finds "TODO:" comments in .dts text, skipping strings, so that check can warn about each.

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dts_todo.h"

#define TODO	 "TODO:"
#define TODO_MAX 200 /* characters of the comment quoted in the warning */

/* The comment body at @s (after its opener) if it is a TODO; its first line, else "". */
static void todo_text(const char *s, bool block, char *out, size_t outlen)
{
	size_t n;

	out[0] = '\0';
	s += strspn(s, " \t");
	if (strncmp(s, TODO, strlen(TODO)))
		return;
	n = strcspn(s, "\n");
	if (block) {
		const char *end = strstr(s, "*/");

		if (end && (size_t)(end - s) < n)
			n = (size_t)(end - s);
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	snprintf(out, outlen, "%.*s", (int)n, s);
}

static const char *skip_string(const char *s, unsigned *line)
{
	for (s++; *s && *s != '"'; s++) {
		if (*s == '\\' && s[1])
			s++;
		*line += *s == '\n';
	}
	return *s ? s + 1 : s;
}

unsigned dts_todos(const char *text, void (*found)(void *ctx, unsigned line, const char *todo),
		   void *ctx)
{
	unsigned line = 1, count = 0;
	char todo[TODO_MAX];
	const char *s = text;

	while (*s) {
		bool block = s[0] == '/' && s[1] == '*', eol = s[0] == '/' && s[1] == '/';

		if (*s == '"') {
			s = skip_string(s, &line);
			continue;
		}
		if (!block && !eol) {
			line += *s++ == '\n';
			continue;
		}
		todo_text(s + 2, block, todo, sizeof(todo));
		if (todo[0]) {
			found(ctx, line, todo);
			count++;
		}
		for (s += 2; *s && (block ? !(s[0] == '*' && s[1] == '/') : *s != '\n'); s++)
			line += *s == '\n';
		s += block && *s ? 2 : 0;
	}
	return count;
}
