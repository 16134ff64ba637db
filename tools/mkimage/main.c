// SPDX-License-Identifier: BSD-2-Clause
// bulkhead-mkimage: host tool for descriptions and (from issue #6) signed bundles.

#include <stdio.h>
#include <string.h>

#include "mkimage.h"

static const struct {
	const char *name, *what;
	int (*run)(int argc, char **argv);
} commands[] = {
    {"check", "compile FILE.dts with dtc and validate it", cmd_check},
};

static int usage(void)
{
	fprintf(stderr, "usage: bulkhead-mkimage COMMAND ...\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %-8s %s\n", commands[i].name, commands[i].what);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "bulkhead-mkimage: unknown command \"%s\"\n", argv[1]);
	return usage();
}
