// SPDX-License-Identifier: BSD-2-Clause
// The top of the binding: /, /hypervisor and the /partitions, /channels and /reserved containers.

#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "parse.h"

static void ignore(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	/* free text for people (compatible, model): the binding gives it no meaning */
}

static void hv_vendor(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	struct cfg_hypervisor *hv = obj;
	int i;

	if (val_enum(c, v, cfg_vendor_names + 1, 2, &i))
		hv->vendor = (enum cfg_vendor)(i + 1);
}

static void hv_console(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	struct cfg_hypervisor *hv = obj;

	val_u32(c, v, &hv->console_port);
}

static void hv_loglevel(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	struct cfg_hypervisor *hv = obj;
	int i;

	if (val_enum(c, v, cfg_loglevel_names, CFG_COUNT(cfg_loglevel_names), &i))
		hv->loglevel = (enum cfg_loglevel)i;
}

static const struct cfg_prop hv_props[] = {
    {"cpu-vendor", true, hv_vendor},
    {"console-port", false, hv_console},
    {"log-level", false, hv_loglevel},
};
static const struct cfg_kind hv_kind = CFG_KIND_LEAF(hv_props);

void cfg_parse_hypervisor(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	cfg_walk(c, node, path, &hv_kind, &c->desc->hv);
}

static const struct cfg_prop no_props[1] = {{"", false, ignore}};
static const struct cfg_child any_partition[] = {{"*", false, cfg_parse_partition, false}};
static const struct cfg_child any_channel[] = {{"*", false, cfg_parse_channel, false}};
/* No property is valid here, the "" entry never matches a real one. */
static const struct cfg_kind partitions_kind = CFG_KIND(no_props, any_partition);
static const struct cfg_kind channels_kind = CFG_KIND(no_props, any_channel);

static void parse_partitions(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	cfg_walk(c, node, path, &partitions_kind, NULL);
	CC(c->d, c->desc->nparts > 0, path, "", "at least one partition is required");
}

static void parse_channels(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	cfg_walk(c, node, path, &channels_kind, NULL);
}

static const struct cfg_prop root_props[] = {
    {"compatible", false, ignore},
    {"model", false, ignore},
};
static const struct cfg_child root_children[] = {
    {"hypervisor", true, cfg_parse_hypervisor, false},
    {"partitions", true, parse_partitions, false},
    {"channels", false, parse_channels, false},
    {"reserved", false, cfg_parse_reserved, false},
};
static const struct cfg_kind root_kind = CFG_KIND(root_props, root_children);

bool cfg_take_name(struct cfg_ctx *c, const char *path, char *out)
{
	const char *name = strrchr(path, '/') + 1;
	bool ok = CC(c->d, strlen(name) < CFG_NAME_MAX, path, "", "name longer than %d characters",
		     CFG_NAME_MAX - 1) &&
		  CC(c->d, strchr(name, '@') == NULL, path, "",
		     "a partition or channel name takes no unit address");

	if (ok)
		strcpy(out, name);
	return ok;
}

void cfg_check_unit(struct cfg_ctx *c, const char *path, const char *prop, uint64_t value,
		    const char *form)
{
	const char *at = strchr(path, '@');
	char *end;
	uint64_t unit;

	if (!CC(c->d, at != NULL, path, "", "needs a unit address: %s", form))
		return;
	unit = strtoull(at + 1, &end, 16);
	CC(c->d, *end == '\0' && unit == value, path, prop,
	   "0x%lx does not match the unit address @%s", (unsigned long)value, at + 1);
}

static void defaults(struct cfg_desc *desc)
{
	memset(desc, 0, sizeof(*desc));
	desc->hv.console_port = CFG_DEFAULT_UART;
	desc->hv.loglevel = CFG_LOG_INFO;
}

#define MAX_DEPTH 16 /* the binding nests 4 deep */

/*
 * Every tag of the structure block, in order: each step moves forward, nodes nest properly and
 * the block ends. libfdt 1.6 steps by the lengths the blob claims; a length that wraps the offset
 * lands on the same tag again and every libfdt walk would loop forever (found by the fuzzer).
 * Once this passed, every walk libfdt does over the blob ends.
 */
static int check_structure(const void *fdt)
{
	int off = 0, next, depth = 0;

	for (;;) {
		uint32_t tag = fdt_next_tag(fdt, off, &next);

		if (next < 0)
			return next;
		if (next <= off || (off == 0 && tag != FDT_BEGIN_NODE))
			return -FDT_ERR_BADSTRUCTURE;
		if (tag == FDT_BEGIN_NODE && ++depth > MAX_DEPTH)
			return -FDT_ERR_BADSTRUCTURE;
		if ((tag == FDT_END_NODE && --depth < 0) || (tag == FDT_PROP && depth == 0))
			return -FDT_ERR_BADSTRUCTURE;
		if (tag == FDT_END)
			return depth == 0 ? 0 : -FDT_ERR_BADSTRUCTURE;
		off = next;
	}
}

/*
 * What libfdt itself takes on trust: the header fits, the blob fits in @size, and the blocks it
 * reads with aligned loads are aligned (the DT specification requires it; a blob breaking it
 * would make libfdt read misaligned words, found by the fuzzer).
 */
static int blob_error(const void *fdt, size_t size)
{
	int err;

	if (size < sizeof(struct fdt_header))
		return -FDT_ERR_TRUNCATED;
	if ((uintptr_t)fdt % 8)
		return -FDT_ERR_ALIGNMENT;
	err = fdt_check_header(fdt);
	if (err)
		return err;
	if (fdt_totalsize(fdt) > size)
		return -FDT_ERR_TRUNCATED;
	if (fdt_off_dt_struct(fdt) % 4 || fdt_off_mem_rsvmap(fdt) % 8)
		return -FDT_ERR_ALIGNMENT;
	return check_structure(fdt);
}

int cfg_parse(const void *fdt, size_t size, struct cfg_desc *desc, struct cfg_diags *d)
{
	struct cfg_ctx c = {fdt, desc, d, "/"};
	size_t before = cfg_diags_total(d);
	int err;

	defaults(desc);
	err = blob_error(fdt, size);
	if (!CC(d, err == 0, "/", "", "not a valid device tree blob (%s)", fdt_strerror(err)))
		return -1;
	cfg_walk(&c, 0, "/", &root_kind, NULL);
	cfg_resolve_channels(&c);
	return cfg_diags_total(d) == before ? 0 : -1;
}
