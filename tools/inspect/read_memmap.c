// SPDX-License-Identifier: BSD-2-Clause
// The firmware's memory map: /sys/firmware/memmap (the E820 or UEFI map as the firmware gave
// it, before Linux changed anything), else the top level of /proc/iomem.

#include <stdlib.h>
#include <string.h>

#include "inspect.h"

#define MEMMAP_DIR "sys/firmware/memmap"
#define IOMEM	   "proc/iomem"

static bool read_u64(const struct rootfs *fs, const char *rel, uint64_t *v)
{
	char *t = rootfs_read(fs, rel, NULL), *end;

	if (!t)
		return false;
	*v = strtoull(t, &end, 0);
	free(t);
	return end != t;
}

static int entry(const struct rootfs *fs, const char *name, struct mem_range *m)
{
	char rel[96];
	char *type;

	snprintf(rel, sizeof(rel), "%s/%s/start", MEMMAP_DIR, name);
	if (!read_u64(fs, rel, &m->start))
		return -1;
	snprintf(rel, sizeof(rel), "%s/%s/end", MEMMAP_DIR, name);
	if (!read_u64(fs, rel, &m->end) || m->end < m->start)
		return -1;
	snprintf(rel, sizeof(rel), "%s/%s/type", MEMMAP_DIR, name);
	type = rootfs_read(fs, rel, NULL);
	if (!type)
		return -1;
	snprintf(m->type, sizeof(m->type), "%.*s", (int)strcspn(type, "\n"), type);
	free(type);
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct mem_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static bool from_sysfs(const struct rootfs *fs, struct board *b)
{
	char **names;
	int n = rootfs_list(fs, MEMMAP_DIR, &names);

	if (n <= 0)
		return false;
	for (int i = 0; i < n; i++) {
		if (b->nmem == INSPECT_MAX_MEM) {
			board_note(b, "%s/%s: more than %d entries, the rest left out", fs->root,
				   MEMMAP_DIR, INSPECT_MAX_MEM);
			break;
		}
		if (entry(fs, names[i], &b->mem[b->nmem]) < 0)
			board_note(b, "%s/%s/%s: unreadable or malformed entry, left out", fs->root,
				   MEMMAP_DIR, names[i]);
		else
			b->nmem++;
	}
	rootfs_free_list(names, n);
	qsort(b->mem, b->nmem, sizeof(b->mem[0]), by_start);
	snprintf(b->memmap_source, sizeof(b->memmap_source), "/%s", MEMMAP_DIR);
	return b->nmem > 0;
}

void read_memmap(const struct rootfs *fs, struct board *b)
{
	char *text;
	int n;

	if (from_sysfs(fs, b))
		return;
	text = rootfs_read(fs, IOMEM, NULL);
	if (!text) {
		board_note(b, "neither %s/%s nor %s/%s can be read: the memory map is unknown",
			   fs->root, MEMMAP_DIR, fs->root, IOMEM);
		return;
	}
	n = parse_iomem(text, b->mem, INSPECT_MAX_MEM);
	free(text);
	if (n < 0) {
		board_note(b, "%s/%s: not \"START-END : NAME\" lines, or more than %d", fs->root,
			   IOMEM, INSPECT_MAX_MEM);
		return;
	}
	b->nmem = (size_t)n;
	/* Without root, /proc/iomem shows every address as 0. */
	if (b->nmem > 1 && b->mem[b->nmem - 1].end == 0)
		board_note(b, "%s/%s: all addresses are zero: run as root", fs->root, IOMEM);
	snprintf(b->memmap_source, sizeof(b->memmap_source), "/%s", IOMEM);
}
