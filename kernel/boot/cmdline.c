// SPDX-License-Identifier: BSD-2-Clause
// Command-line option lookup; pure, shared with the host unit tests.

#include <string.h>

#include "cmdline.h"

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static size_t word_len(const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != ' ' && s[n] != '\t')
		n++;
	return n;
}

bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *found = NULL;
	size_t found_len = 0;

	for (const char *s = skip_spaces(cmdline ? cmdline : ""); *s; s = skip_spaces(s)) {
		size_t n = word_len(s);

		/* Later options override earlier ones, as on Linux. */
		if (n >= klen && strncmp(s, key, klen) == 0 && (n == klen || s[klen] == '=')) {
			found = n == klen ? s + n : s + klen + 1;
			found_len = n == klen ? 0 : n - klen - 1;
		}
		s += n;
	}
	if (!found || found_len >= size)
		return false;
	memcpy(buf, found, found_len);
	buf[found_len] = '\0';
	return true;
}
