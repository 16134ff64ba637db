// SPDX-License-Identifier: BSD-2-Clause
// "check FILE.dts": compile with dtc, validate with the hypervisor's own parser and rules, and
// report each error at the line of the source that caused it.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "dts_lines.h"
#include "dts_todo.h"
#include "mkimage.h"

static struct cfg_desc desc;
static struct cfg_diags diags;

static void usage(void)
{
	fprintf(stderr, "usage: bulkhead-mkimage check [-v] [-o OUT.dtb] FILE.dts\n"
			"  -v         print the partition table of a valid description\n"
			"  -o OUT     write the checked blob (only when it is valid)\n");
}

static void print_line(void *ctx, const char *line)
{
	printf("  %s\n", line);
}

/* "FILE:LINE: path: prop: message", the line from dtc's annotations (-T -T). */
static void report(const char *dts, const struct dts_map *map)
{
	for (size_t i = 0; i < diags.count; i++) {
		const struct cfg_diag *e = &diags.d[i];
		const struct dts_pos *p = dts_map_find(map, e->path, e->prop);
		char text[CFG_PATH_MAX + CFG_PROP_MAX + CFG_MSG_MAX + 8];

		cfg_diag_format(e, text, sizeof(text));
		if (p)
			fprintf(stderr, "%s:%u: %s\n", p->file, p->line, text);
		else
			fprintf(stderr, "%s: %s\n", dts, text);
	}
	if (diags.dropped)
		fprintf(stderr, "%s: ... and %lu more errors\n", dts, (unsigned long)diags.dropped);
	fprintf(stderr, "%s: %lu errors\n", dts, (unsigned long)cfg_diags_total(&diags));
}

static void warn_todo(void *file, unsigned line, const char *todo)
{
	fprintf(stderr, "%s:%u: warning: %s\n", (const char *)file, line, todo);
}

/* Every source dtc read (the file and its /include/s), each once: its TODO comments. */
static void warn_todos(const char *dts, const struct dts_map *map)
{
	for (size_t i = 0; i < map->count; i++) {
		const char *file = map->pos[i].file;
		size_t size = 0, k;
		char *text;

		for (k = 0; k < i && strcmp(map->pos[k].file, file); k++)
			;
		if (k < i)
			continue;
		text = read_file(file, &size);
		if (!text) {
			fprintf(stderr, "%s: warning: cannot read %s again for its TODO comments\n",
				dts, file);
			continue;
		}
		dts_todos(text, warn_todo, (void *)file);
		free(text);
	}
}

static int write_blob(const char *out, const void *blob, size_t size)
{
	FILE *f = fopen(out, "wb");
	int ok = f && fwrite(blob, 1, size, f) == size;

	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		perror(out);
	return ok ? 0 : -1;
}

/* dtc twice: the blob to check and the annotated source for line numbers. */
static int compile(const char *dts, const char *dtb, const char *ann)
{
	const char *to_dtb[] = {"-q", "-I", "dts", "-O", "dtb", "-o", dtb, dts, NULL};
	const char *to_ann[] = {"-q", "-I", "dts", "-O", "dts", "-T", "-T", "-o", ann, dts, NULL};

	if (run_dtc(to_dtb) != 0 || run_dtc(to_ann) != 0) {
		fprintf(stderr, "%s: dtc could not compile it (its message is above)\n", dts);
		return -1;
	}
	return 0;
}

static int validate(const char *dts, const char *dtb, const char *ann, const char *out, int verbose)
{
	struct dts_map map = {0};
	size_t size = 0, asize = 0;
	char *blob = read_file(dtb, &size), *text = read_file(ann, &asize);
	int rc = 1;

	if (!blob || !text || dts_map_parse(&map, text) < 0) {
		perror(dts);
		goto out;
	}
	warn_todos(dts, &map);
	if (cfg_load(blob, size, NULL, &desc, &diags) < 0) {
		report(dts, &map);
	} else {
		printf(
		    "%s: valid: %lu partitions, %lu channels (machine rules are checked at boot)\n",
		    dts, (unsigned long)desc.nparts, (unsigned long)desc.nchans);
		if (verbose)
			cfg_print_table(&desc, print_line, NULL);
		rc = out && write_blob(out, blob, size) < 0 ? 1 : 0;
	}
out:
	dts_map_free(&map);
	free(blob);
	free(text);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	char dir[] = "/tmp/bulkhead-check-XXXXXX", dtb[64], ann[64];
	const char *out = NULL;
	int verbose = 0, opt, rc = 1;

	while ((opt = getopt(argc, argv, "vo:")) != -1) {
		if (opt == 'v')
			verbose = 1;
		else if (opt == 'o')
			out = optarg;
		else
			return usage(), 2;
	}
	if (optind + 1 != argc)
		return usage(), 2;
	if (!mkdtemp(dir))
		return perror("mkdtemp"), 1;
	snprintf(dtb, sizeof(dtb), "%s/d.dtb", dir);
	snprintf(ann, sizeof(ann), "%s/d.dts", dir);
	cfg_diags_init(&diags);
	if (compile(argv[optind], dtb, ann) == 0)
		rc = validate(argv[optind], dtb, ann, out, verbose);
	unlink(dtb);
	unlink(ann);
	rmdir(dir);
	return rc;
}
