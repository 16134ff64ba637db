// SPDX-License-Identifier: BSD-2-Clause
// /reserved/<name>@<address>: machine ranges a description names so that no partition takes
// them (bulkhead-inspect writes one per firmware region it finds).

#include <stdio.h>
#include <string.h>

#include "parse.h"

#define RSV(obj) ((struct cfg_rsv_node *)(obj))

static void r_address(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u64(c, v, &RSV(obj)->address);
}

static void r_size(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u64(c, v, &RSV(obj)->size);
}

static const struct cfg_prop rsv_props[] = {
    {"address", true, r_address},
    {"size", true, r_size},
};
static const struct cfg_kind rsv_kind = CFG_KIND_LEAF(rsv_props);

static void parse_one(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	struct cfg_desc *desc = c->desc;
	struct cfg_rsv_node *r = &desc->rsv[desc->nrsv];
	const char *name = strrchr(path, '/') + 1;

	if (!CC(c->d, desc->nrsv < CFG_MAX_RESERVED, path, "",
		"more than %d reserved regions (the limit)", CFG_MAX_RESERVED))
		return;
	if (!CC(c->d, strlen(name) < CFG_NAME_MAX, path, "", "name longer than %d characters",
		CFG_NAME_MAX - 1))
		return;
	memset(r, 0, sizeof(*r));
	strcpy(r->name, name);
	cfg_walk(c, node, path, &rsv_kind, r);
	cfg_check_unit(c, path, "address", r->address, "<name>@<address in hex>");
	desc->nrsv++;
}

static const struct cfg_prop no_props[1] = {{"", false, NULL}};
static const struct cfg_child any_region[] = {{"*", false, parse_one, false}};
static const struct cfg_kind reserved_kind = CFG_KIND(no_props, any_region);

void cfg_parse_reserved(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	cfg_walk(c, node, path, &reserved_kind, NULL);
}
