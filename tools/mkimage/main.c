// SPDX-License-Identifier: BSD-2-Clause
// bulkhead-mkimage: host tool for partition descriptions and signed bundles.

#include <stdio.h>
#include <string.h>

#include "bundle_tool.h"
#include "mkimage.h"

static const struct {
	const char *name, *what;
	int (*run)(int argc, char **argv);
} commands[] = {
    {"keygen", "make a signing key pair", cmd_keygen},
    {"check", "compile FILE.dts with dtc and validate it", cmd_check},
    {"pack", "put a description and its images into an unsigned bundle", cmd_pack},
    {"sign", "sign a bundle with a private key and a security version", cmd_sign},
    {"verify", "verify a signed bundle against public keys", cmd_verify},
    {"list", "show what a bundle holds", cmd_list},
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
