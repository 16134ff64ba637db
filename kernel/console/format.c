// SPDX-License-Identifier: BSD-2-Clause
// Log record formatting: the "[cpuN] level: " prefix on every line, CRLF line ends, truncation.

#include <stdio.h>
#include <string.h>

#include "printk.h"

static const char *const level_names[] = {
    [LOG_ERR] = "error",
    [LOG_WARN] = "warn",
    [LOG_INFO] = "info",
    [LOG_DEBUG] = "debug",
};

#define TRUNCATION_MARK "...\r\n"

const char *log_level_name(enum log_level level)
{
	if ((unsigned int)level >= sizeof(level_names) / sizeof(level_names[0]))
		return "?";
	return level_names[level];
}

bool log_level_parse(const char *name, enum log_level *level)
{
	for (unsigned int i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
		if (strcmp(name, level_names[i]) == 0) {
			*level = (enum log_level)i;
			return true;
		}
	}
	return false;
}

/* Appends at most the space left, keeping room for the truncation mark and the terminator. */
static bool append(char *out, size_t size, size_t *pos, const char *s, size_t n)
{
	size_t room = size - sizeof(TRUNCATION_MARK) - *pos;

	if (n > room) {
		memcpy(out + *pos, s, room);
		*pos += room;
		return false;
	}
	memcpy(out + *pos, s, n);
	*pos += n;
	return true;
}

/*
 * Serial terminals need CRLF, and a multi-line message (a register dump, a memory map) must stay
 * attributable to its CPU when several CPUs print at once, so each line gets the full prefix.
 * Returns the length written to out (always NUL-terminated). size must hold at least the prefix.
 */
size_t log_format(char *out, size_t size, unsigned int cpu, enum log_level level, const char *msg)
{
	char prefix[32];
	size_t plen, pos = 0;
	const char *line = msg;
	bool ok = true;

	plen = (size_t)snprintf(prefix, sizeof(prefix), "[cpu%u] %s: ", cpu, log_level_name(level));
	while (ok) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		/* A trailing newline ends the record; it does not open an empty line. */
		if (line != msg && len == 0 && !nl)
			break;
		ok = append(out, size, &pos, prefix, plen) && append(out, size, &pos, line, len) &&
		     append(out, size, &pos, "\r\n", 2);
		if (!nl)
			break;
		line = nl + 1;
	}
	if (!ok) {
		memcpy(out + pos, TRUNCATION_MARK, sizeof(TRUNCATION_MARK));
		return pos + sizeof(TRUNCATION_MARK) - 1;
	}
	out[pos] = '\0';
	return pos;
}
