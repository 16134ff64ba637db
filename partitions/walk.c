// SPDX-License-Identifier: BSD-2-Clause
// Generic node walker: a node kind is a table of properties and children, so nothing unknown
// (a typo) is ever silently ignored and nothing required is silently missing.

#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "parse.h"

#define MAX_NAMES 32

/* dtc adds these for labels; they are not part of the binding. */
static bool is_generated(const char *name)
{
	return strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0;
}

static void unknown(struct cfg_ctx *c, const char *path, const char *prop, const char *name,
		    const char *const *cands, size_t n, const char *what)
{
	const char *hint = cfg_suggest(name, cands, n);

	if (hint)
		cfg_error(c->d, path, prop, "unknown %s (did you mean \"%s\"?)", what, hint);
	else
		cfg_error(c->d, path, prop, "unknown %s", what);
}

static int find_prop(const struct cfg_kind *k, const char *name)
{
	for (size_t i = 0; i < k->nprops; i++)
		if (strcmp(k->props[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void unknown_prop(struct cfg_ctx *c, const struct cfg_kind *k, const char *name)
{
	const char *cands[MAX_NAMES];
	size_t n = 0;

	for (; n < k->nprops && n < MAX_NAMES; n++)
		cands[n] = k->props[n].name;
	unknown(c, c->path, name, name, cands, n, "property");
}

/* Another property or node before @off under @node with the same name: a DTB written by hand can
 * hold duplicates; the first would win for fdt_getprop() and the last for this walk. */
static bool seen_before(const void *fdt, int node, int off, const char *name, bool props)
{
	const char *n;
	int o;

	if (props)
		fdt_for_each_property_offset(o, fdt, node)
		{
			if (o == off)
				return false;
			if (fdt_getprop_by_offset(fdt, o, &n, NULL) && n && !strcmp(n, name))
				return true;
		}
	else
		fdt_for_each_subnode(o, fdt, node)
		{
			if (o == off)
				return false;
			if ((n = fdt_get_name(fdt, o, NULL)) && !strcmp(n, name))
				return true;
		}
	return false;
}

static uint32_t walk_props(struct cfg_ctx *c, int node, const struct cfg_kind *k, void *obj)
{
	uint32_t seen = 0;
	int off;

	fdt_for_each_property_offset(off, c->fdt, node)
	{
		struct cfg_val v = {0};
		int i;

		v.data = fdt_getprop_by_offset(c->fdt, off, &v.name, &v.len);
		if (!v.data || !v.name) {
			cfg_error(c->d, c->path, "", "malformed property in the DTB");
			break;
		}
		if (is_generated(v.name))
			continue;
		i = find_prop(k, v.name);
		if (seen_before(c->fdt, node, off, v.name, true)) {
			cfg_error(c->d, c->path, v.name, "duplicate property");
			continue;
		}
		if (i < 0) {
			unknown_prop(c, k, v.name);
			continue;
		}
		seen |= 1U << i;
		k->props[i].parse(c, &v, obj);
	}
	return seen;
}

static void missing_props(struct cfg_ctx *c, const struct cfg_kind *k, uint32_t seen)
{
	for (size_t i = 0; i < k->nprops; i++)
		if (k->props[i].required && !(seen & (1U << i)))
			cfg_error(c->d, c->path, k->props[i].name, "required property is missing");
}

static int find_child(const struct cfg_kind *k, const char *name)
{
	size_t base = strcspn(name, "@");

	for (size_t i = 0; i < k->nchildren; i++) {
		const char *want = k->children[i].name;

		if (strcmp(want, "*") == 0 || (strlen(want) == base && !strncmp(want, name, base)))
			return (int)i;
	}
	return -1;
}

static void unknown_child(struct cfg_ctx *c, const struct cfg_kind *k, const char *path,
			  const char *name)
{
	const char *cands[MAX_NAMES];
	char base[CFG_NAME_MAX];
	size_t n = 0;

	for (; n < k->nchildren && n < MAX_NAMES; n++)
		cands[n] = k->children[n].name;
	/* "memroy@0" is a typo of "memory": compare without the unit address. */
	snprintf(base, sizeof(base), "%.*s", (int)strcspn(name, "@"), name);
	unknown(c, path, "", base, cands, n, "node");
}

static uint32_t walk_children(struct cfg_ctx *c, int node, const char *path,
			      const struct cfg_kind *k, void *obj)
{
	uint32_t seen = 0;
	int child;

	fdt_for_each_subnode(child, c->fdt, node)
	{
		char sub[CFG_PATH_MAX];
		const char *name = fdt_get_name(c->fdt, child, NULL);
		int i;

		if (!name)
			break;
		snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") ? path : "", name);
		i = find_child(k, name);
		if (i < 0) {
			unknown_child(c, k, sub, name);
			continue;
		}
		/* "hypervisor@1" is a twin of "hypervisor", not a second one: only repeatable kinds
		 * (memory@<address>) and named instances ("*") may appear more than once. */
		if (seen_before(c->fdt, node, child, name, false) ||
		    (!k->children[i].repeat && strcmp(k->children[i].name, "*") &&
		     (strchr(name, '@') || (seen & (1U << i))))) {
			cfg_error(c->d, sub, "", "duplicate node");
			continue;
		}
		seen |= 1U << i;
		k->children[i].parse(c, child, sub, obj);
	}
	return seen;
}

static void missing_children(struct cfg_ctx *c, const char *path, const struct cfg_kind *k,
			     uint32_t seen)
{
	for (size_t i = 0; i < k->nchildren; i++) {
		char sub[CFG_PATH_MAX];

		if (!k->children[i].required || (seen & (1U << i)))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") ? path : "",
			 k->children[i].name);
		cfg_error(c->d, sub, "", "required node is missing");
	}
}

void cfg_walk(struct cfg_ctx *c, int node, const char *path, const struct cfg_kind *kind, void *obj)
{
	const char *outer = c->path;
	uint32_t seen;

	c->path = path;
	seen = walk_props(c, node, kind, obj);
	missing_props(c, kind, seen);
	seen = walk_children(c, node, path, kind, obj);
	missing_children(c, path, kind, seen);
	c->path = outer;
}
