// SPDX-License-Identifier: BSD-2-Clause
// Inside the parser: node kinds as tables of properties and child nodes, typed value readers.
#ifndef BULKHEAD_PARSE_H
#define BULKHEAD_PARSE_H

#include "config.h"

struct cfg_ctx {
	const void *fdt;
	struct cfg_desc *desc;
	struct cfg_diags *d;
	const char *path; /* the node being read */
};

/* One property as found: the value points into the DTB. */
struct cfg_val {
	const char *name;
	const void *data;
	int len;
};

typedef void (*cfg_prop_fn)(struct cfg_ctx *c, const struct cfg_val *v, void *obj);
typedef void (*cfg_node_fn)(struct cfg_ctx *c, int node, const char *path, void *obj);

struct cfg_prop {
	const char *name;
	bool required;
	cfg_prop_fn parse;
};

struct cfg_child {
	const char *name; /* matched against the node name before any "@unit"; "*" matches any */
	bool required;
	cfg_node_fn parse;
	bool repeat; /* may appear several times, each with a unit address (memory@...) */
};

struct cfg_kind {
	const struct cfg_prop *props;
	size_t nprops;
	const struct cfg_child *children;
	size_t nchildren;
};

#define CFG_KIND(p, ch)                                                             \
	{                                                                           \
		(p), sizeof(p) / sizeof((p)[0]), (ch), sizeof(ch) / sizeof((ch)[0]) \
	}
#define CFG_KIND_LEAF(p)                                 \
	{                                                \
		(p), sizeof(p) / sizeof((p)[0]), NULL, 0 \
	}

/* Reads every property and child of @node by @kind: unknown names and missing required ones
 * are errors; each known one goes to its parser with @obj. */
void cfg_walk(struct cfg_ctx *c, int node, const char *path, const struct cfg_kind *kind,
	      void *obj);

/* The candidate closest to @name (a likely typo), or NULL. */
const char *cfg_suggest(const char *name, const char *const *cands, size_t n);

/* Typed readers: false (and an error naming c->path and the property) when the value is bad. */
bool val_u32(struct cfg_ctx *c, const struct cfg_val *v, uint32_t *out);
bool val_u64(struct cfg_ctx *c, const struct cfg_val *v, uint64_t *out);
/* A property without a value (a flag): true when it has none. */
bool val_flag(struct cfg_ctx *c, const struct cfg_val *v);
bool val_string(struct cfg_ctx *c, const struct cfg_val *v, char *out, size_t size);
bool val_enum(struct cfg_ctx *c, const struct cfg_val *v, const char *const *names, size_t n,
	      int *out);
bool val_u32_list(struct cfg_ctx *c, const struct cfg_val *v, uint32_t *out, size_t max,
		  size_t *count);
/* Pairs of (base, size): @cells 1 for 32-bit, 2 for 64-bit numbers. */
bool val_ranges(struct cfg_ctx *c, const struct cfg_val *v, int cells, struct cfg_range *out,
		size_t max, size_t *count);
/* A string list; pointers into the DTB. */
bool val_strings(struct cfg_ctx *c, const struct cfg_val *v, const char **out, size_t max,
		 size_t *count);

/* Enumeration names (names.c), indexed by the enum value. */
extern const char *const cfg_vendor_names[3];
extern const char *const cfg_protocol_names[4];
extern const char *const cfg_console_names[3];
extern const char *const cfg_fault_names[3];
extern const char *const cfg_reset_method_names[3];
extern const char *const cfg_loglevel_names[4];
#define CFG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Node parsers for cfg_walk tables. */
void cfg_parse_hypervisor(struct cfg_ctx *c, int node, const char *path, void *obj);
void cfg_parse_partition(struct cfg_ctx *c, int node, const char *path, void *obj);
void cfg_parse_memory(struct cfg_ctx *c, int node, const char *path, void *obj);
void cfg_parse_image(struct cfg_ctx *c, int node, const char *path, void *obj);
void cfg_parse_module(struct cfg_ctx *c, int node, const char *path, void *obj);
void cfg_parse_channel(struct cfg_ctx *c, int node, const char *path, void *obj);
void cfg_parse_reserved(struct cfg_ctx *c, int node, const char *path, void *obj);
/* The unit address of @path repeats @prop's @value (hex), else an error; @form shows the
 * expected node name when there is none. */
void cfg_check_unit(struct cfg_ctx *c, const char *path, const char *prop, uint64_t value,
		    const char *form);
void cfg_resolve_channels(struct cfg_ctx *c);

/* A node name fit to name a partition or channel (the last path component). */
bool cfg_take_name(struct cfg_ctx *c, const char *path, char *out);

#endif
