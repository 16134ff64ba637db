// SPDX-License-Identifier: BSD-2-Clause
// bulkhead-inspect: reads a board under Linux (or a capture of one) and writes a first
// partition description for it (docs/inspect.md).

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inspect.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: bulkhead-inspect [-r ROOT] [-c CPUID.txt] [--capture DIR] [-o OUT.dts]\n"
		"  -r, --root DIR     read /sys, /proc below DIR (default /); a capture directory\n"
		"                     also supplies its cpuid.txt\n"
		"  -c, --cpuid FILE   CPUID leaves from FILE instead of this CPU\n"
		"      --capture DIR  save every file read (same relative paths) and cpuid.txt\n"
		"  -o, --output FILE  write the description there (default standard output)\n");
}

static int write_out(const struct board *b, const char *out, const char *source)
{
	FILE *f = out ? fopen(out, "w") : stdout;

	if (!f)
		return perror(out), 1;
	emit_dts(f, b, source);
	if (out && fclose(f) != 0)
		return perror(out), 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"root", required_argument, NULL, 'r'},    {"cpuid", required_argument, NULL, 'c'},
	    {"capture", required_argument, NULL, 'C'}, {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},	       {NULL, 0, NULL, 0}};
	static struct board board;
	struct rootfs fs = {.root = "/"};
	const char *out = NULL;
	char cpuid_txt[4096];
	struct stat st;
	int opt;

	while ((opt = getopt_long(argc, argv, "r:c:o:h", opts, NULL)) != -1) {
		if (opt == 'r')
			fs.root = optarg;
		else if (opt == 'c')
			fs.cpuid_file = optarg;
		else if (opt == 'C')
			fs.capture = optarg;
		else if (opt == 'o')
			out = optarg;
		else
			return usage(), opt == 'h' ? 0 : 2;
	}
	if (optind != argc)
		return usage(), 2;
	if (stat(fs.root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "bulkhead-inspect: root %s: not a directory\n", fs.root);
		return 1;
	}
	snprintf(cpuid_txt, sizeof(cpuid_txt), "%s/cpuid.txt", fs.root);
	if (!fs.cpuid_file && strcmp(fs.root, "/") && access(cpuid_txt, R_OK) == 0)
		fs.cpuid_file = cpuid_txt;
	if (fs.capture && fs.cpuid_file) {
		fprintf(stderr, "bulkhead-inspect: --capture records this CPU: no -c with it\n");
		return 2;
	}
	board_read(&fs, &board);
	return write_out(&board, out, strcmp(fs.root, "/") ? fs.root : "this board");
}
