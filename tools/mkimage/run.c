// SPDX-License-Identifier: BSD-2-Clause
// Running dtc and reading what it wrote.

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "mkimage.h"

extern char **environ;

int run_dtc(const char *const *args)
{
	const char *dtc = getenv("DTC") ? getenv("DTC") : "dtc";
	char *argv[32];
	size_t n = 0;
	pid_t pid;
	int status;

	argv[n++] = (char *)dtc;
	while (*args && n < 31)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	if (posix_spawnp(&pid, dtc, NULL, NULL, argv, environ) != 0) {
		fprintf(stderr, "bulkhead-mkimage: cannot run %s (install device-tree-compiler)\n",
			dtc);
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *n = realloc(buf, cap = 2 * cap + 8192);

			if (!n)
				break;
			buf = n;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	fclose(f);
	if (buf) {
		buf[len] = '\0';
		*size = len;
	}
	return buf;
}
