// SPDX-License-Identifier: BSD-2-Clause
// /channels/<name>: shared memory one partition writes and others read, named by partition.

#include <stdio.h>
#include <string.h>

#include "parse.h"

#define CHAN(obj) ((struct cfg_channel *)(obj))

static void ch_size(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u64(c, v, &CHAN(obj)->size);
}

static void ch_writer(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_string(c, v, CHAN(obj)->writer_name, CFG_NAME_MAX);
}

static void ch_readers(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	const char *s[CFG_MAX_READERS];
	size_t n;

	if (!val_strings(c, v, s, CFG_MAX_READERS, &n))
		return;
	for (size_t i = 0; i < n; i++)
		snprintf(CHAN(obj)->reader_name[i], CFG_NAME_MAX, "%s", s[i]);
	CHAN(obj)->nreaders = n;
}

static void ch_doorbell(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	uint32_t vec;

	if (!val_u32(c, v, &vec))
		return;
	if (CC(c->d, vec >= CFG_VECTOR_MIN && vec <= 255, c->path, v->name,
	       "vector %u is not in 32-255 (0-31 are exceptions)", vec))
		CHAN(obj)->doorbell = vec;
}

static void ch_gpa(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u64(c, v, &CHAN(obj)->gpa);
}

static const struct cfg_prop chan_props[] = {
    {"size", true, ch_size},
    {"guest-address", true, ch_gpa},
    {"writer", true, ch_writer},
    {"readers", true, ch_readers},
    {"doorbell-vector", false, ch_doorbell},
};
static const struct cfg_kind chan_kind = CFG_KIND_LEAF(chan_props);

void cfg_parse_channel(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	struct cfg_desc *desc = c->desc;
	struct cfg_channel *ch = &desc->chan[desc->nchans];

	if (!CC(c->d, desc->nchans < CFG_MAX_CHANNELS, path, "",
		"more than %d channels (the limit)", CFG_MAX_CHANNELS))
		return;
	memset(ch, 0, sizeof(*ch));
	ch->writer = -1;
	if (!cfg_take_name(c, path, ch->name))
		return;
	desc->nchans++;
	cfg_walk(c, node, path, &chan_kind, ch);
}

static int find_partition(const struct cfg_desc *desc, const char *name)
{
	for (size_t i = 0; i < desc->nparts; i++)
		if (strcmp(desc->part[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Names to partition indexes, once every partition is known (the order of nodes is free). */
static int resolve(struct cfg_ctx *c, const char *path, const char *prop, const char *name)
{
	const char *cands[CFG_MAX_PARTITIONS], *hint;
	int i = find_partition(c->desc, name);

	if (i >= 0 || !name[0])
		return i;
	for (size_t j = 0; j < c->desc->nparts; j++)
		cands[j] = c->desc->part[j].name;
	hint = cfg_suggest(name, cands, c->desc->nparts);
	if (hint)
		cfg_error(c->d, path, prop, "\"%s\" is not a partition (did you mean \"%s\"?)",
			  name, hint);
	else
		cfg_error(c->d, path, prop, "\"%s\" is not a partition", name);
	return -1;
}

void cfg_resolve_channels(struct cfg_ctx *c)
{
	for (size_t i = 0; i < c->desc->nchans; i++) {
		struct cfg_channel *ch = &c->desc->chan[i];
		char path[CFG_PATH_MAX];

		snprintf(path, sizeof(path), "/channels/%s", ch->name);
		ch->writer = resolve(c, path, "writer", ch->writer_name);
		for (size_t r = 0; r < ch->nreaders; r++)
			ch->reader[r] = resolve(c, path, "readers", ch->reader_name[r]);
	}
}
