// SPDX-License-Identifier: BSD-2-Clause
// A partition's memory@<gpa> regions and its image node.

#include <stdio.h>
#include <string.h>

#include "parse.h"

#define MEM(obj) ((struct cfg_mem *)(obj))
#define IMG(obj) ((struct cfg_image *)(obj))

static void m_gpa(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u64(c, v, &MEM(obj)->gpa);
}

static void m_size(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u64(c, v, &MEM(obj)->size);
}

static void m_hpa(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	MEM(obj)->placed = val_u64(c, v, &MEM(obj)->hpa);
}

/* "r", "rw", "rx", "rwx": each letter once, in any order. */
static void m_access(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	char s[8];
	unsigned int rights = 0, bit;

	if (!val_string(c, v, s, sizeof(s)))
		return;
	for (const char *p = s; *p; p++) {
		bit = *p == 'r' ? CFG_R : *p == 'w' ? CFG_W : *p == 'x' ? CFG_X : 0;
		if (!CC(c->d, bit && !(rights & bit), c->path, v->name,
			"\"%s\" is not a set of rights: r, w, x, each at most once", s))
			return;
		rights |= bit;
	}
	if (CC(c->d, rights != 0, c->path, v->name, "must grant at least one of r, w, x"))
		MEM(obj)->rights = rights;
}

static const struct cfg_prop mem_props[] = {
    {"guest-address", true, m_gpa},
    {"size", true, m_size},
    {"host-address", false, m_hpa},
    {"access", false, m_access},
};
static const struct cfg_kind mem_kind = CFG_KIND_LEAF(mem_props);

void cfg_parse_memory(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	struct cfg_partition *p = obj;
	struct cfg_mem *m = &p->mem[p->nmem];
	size_t before = cfg_diags_total(c->d);

	if (!CC(c->d, p->nmem < CFG_MAX_MEM, path, "",
		"more than %d memory regions in one partition (the limit)", CFG_MAX_MEM))
		return;
	memset(m, 0, sizeof(*m));
	m->rights = CFG_R | CFG_W | CFG_X;
	snprintf(m->node, sizeof(m->node), "%s", strrchr(path, '/') + 1);
	cfg_walk(c, node, path, &mem_kind, m);
	/* The unit address repeats guest-address; a mismatch is a copy-and-paste slip. */
	if (cfg_diags_total(c->d) == before)
		cfg_check_unit(c, path, "guest-address", m->gpa, "memory@<guest-address in hex>");
	p->nmem++;
}

static void i_kernel(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_string(c, v, IMG(obj)->kernel, sizeof(IMG(obj)->kernel));
}

static void i_initrd(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_string(c, v, IMG(obj)->initrd, sizeof(IMG(obj)->initrd));
}

static void i_cmdline(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_string(c, v, IMG(obj)->cmdline, sizeof(IMG(obj)->cmdline));
}

static void i_protocol(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	int i;

	if (val_enum(c, v, cfg_protocol_names, CFG_COUNT(cfg_protocol_names), &i))
		IMG(obj)->protocol = (enum cfg_protocol)i;
}

static void i_entry(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	IMG(obj)->has_entry = val_u64(c, v, &IMG(obj)->entry);
}

static const struct cfg_prop image_props[] = {
    {"kernel", true, i_kernel},	    {"initrd", false, i_initrd}, {"cmdline", false, i_cmdline},
    {"protocol", true, i_protocol}, {"entry", false, i_entry},
};
static const struct cfg_child image_children[] = {
    {"module", false, cfg_parse_module, true},
};
static const struct cfg_kind image_kind = CFG_KIND(image_props, image_children);

void cfg_parse_image(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	struct cfg_partition *p = obj;

	p->image.has_image = true;
	cfg_walk(c, node, path, &image_kind, &p->image);
}
