// SPDX-License-Identifier: BSD-2-Clause
// CPUID from the CPU the tool runs on, or from a capture's cpuid.txt; a capture saves the
// leaves used so that the board can be described again without it.

#define _GNU_SOURCE
#include <cpuid.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"

#define CPUID_TXT	  "cpuid.txt"
#define CPUID_LINE_MAX	  80
#define CPUID_FILE_LEAVES 64

struct cpuid_file {
	size_t n;
	struct {
		uint32_t leaf, regs[4];
	} e[CPUID_FILE_LEAVES];
	const char *path;
	struct board *b;
};

static void live(void *ctx, uint32_t leaf, uint32_t r[4])
{
	__cpuid_count(leaf, 0, r[0], r[1], r[2], r[3]);
}

/* A leaf the file lacks reads as zeros, as CPUID does past the maximum leaf; said once. */
static void from_file(void *ctx, uint32_t leaf, uint32_t r[4])
{
	struct cpuid_file *f = ctx;

	for (size_t i = 0; i < f->n; i++)
		if (f->e[i].leaf == leaf)
			return (void)memcpy(r, f->e[i].regs, 4 * sizeof(r[0]));
	memset(r, 0, 4 * sizeof(r[0]));
	board_note(f->b, "%s: no leaf %#x, read as zeros", f->path, leaf);
}

static int load(struct cpuid_file *f, const char *text)
{
	int lineno = 0;

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		uint32_t sub;
		int rc;

		lineno++;
		if (f->n == CPUID_FILE_LEAVES)
			return lineno;
		rc = parse_cpuid_line(l, &f->e[f->n].leaf, &sub, f->e[f->n].regs);
		if (rc < 0)
			return lineno;
		f->n += rc == 0;
	}
	return 0;
}

static void save(const struct rootfs *fs, struct board *b)
{
	char text[CPUID_LINE_MAX * 16] = "# leaf subleaf eax ebx ecx edx (bulkhead-inspect)\n";

	for (size_t i = 0; i < cpuid_nleaves; i++) {
		uint32_t r[4];
		size_t used = strlen(text);

		live(NULL, cpuid_leaves[i], r);
		snprintf(text + used, sizeof(text) - used,
			 "%#010x 0x0 %#010x %#010x %#010x %#010x\n", cpuid_leaves[i], r[0], r[1],
			 r[2], r[3]);
	}
	if (rootfs_save(fs, CPUID_TXT, text, strlen(text)) < 0)
		board_note(b, "%s/%s: could not be written", fs->capture, CPUID_TXT);
}

/*
 * CPUID is asked on CPU 0, the first partition's: on hybrid parts the cores answer differently,
 * and leaf 1 carries the asking CPU's APIC ID, so a capture would otherwise vary run to run.
 */
static void on_cpu0(struct board *b, cpu_set_t *old)
{
	cpu_set_t zero;

	CPU_ZERO(&zero);
	CPU_SET(0, &zero);
	if (sched_getaffinity(0, sizeof(*old), old) < 0 ||
	    sched_setaffinity(0, sizeof(zero), &zero) < 0)
		board_note(b, "cannot run on CPU 0 (sched_setaffinity): CPUID read on another CPU");
}

void read_cpuid(const struct rootfs *fs, struct board *b)
{
	static struct cpuid_file f;
	FILE *in;
	char *text;
	size_t len;
	int bad;

	if (!fs->cpuid_file) {
		cpu_set_t old;

		on_cpu0(b, &old);
		cpuid_decode(live, NULL, &b->cpu);
		if (fs->capture)
			save(fs, b);
		sched_setaffinity(0, sizeof(old), &old);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.path = fs->cpuid_file;
	f.b = b;
	in = fopen(fs->cpuid_file, "r");
	text = in ? calloc(1, CPUID_LINE_MAX * CPUID_FILE_LEAVES + 1) : NULL;
	len = text ? fread(text, 1, CPUID_LINE_MAX * CPUID_FILE_LEAVES, in) : 0;
	if (in)
		fclose(in);
	if (!text) {
		board_note(b, "%s: cannot be read; CPU vendor unknown", fs->cpuid_file);
		return;
	}
	text[len] = '\0';
	bad = load(&f, text);
	free(text);
	if (bad)
		board_note(b, "%s:%d: not \"LEAF SUBLEAF EAX EBX ECX EDX\" in hex", fs->cpuid_file,
			   bad);
	else
		cpuid_decode(from_file, &f, &b->cpu);
}
