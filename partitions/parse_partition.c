// SPDX-License-Identifier: BSD-2-Clause
// /partitions/<name>: CPUs, devices, console, nested virtualization and fault policy.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define PART(obj) ((struct cfg_partition *)(obj))

static void p_cpus(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u32_list(c, v, PART(obj)->cpu, CFG_MAX_CPUS, &PART(obj)->ncpus);
}

static void p_console(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	int i;

	if (val_enum(c, v, cfg_console_names, CFG_COUNT(cfg_console_names), &i))
		PART(obj)->console = (enum cfg_console)i;
}

static void p_console_port(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u32(c, v, &PART(obj)->console_port);
}

static void p_ioports(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_ranges(c, v, 1, PART(obj)->ioport, CFG_MAX_RANGES, &PART(obj)->nioports);
}

static void p_mmio(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_ranges(c, v, 2, PART(obj)->mmio, CFG_MAX_RANGES, &PART(obj)->nmmio);
}

/* "bus:dev.fn" in hex, as lspci prints it. */
static bool parse_bdf(const char *s, uint16_t *out)
{
	unsigned int bus, dev, fn;
	char *end;

	bus = (unsigned int)strtoul(s, &end, 16);
	if (end == s || *end != ':' || bus > 0xff)
		return false;
	s = end + 1;
	dev = (unsigned int)strtoul(s, &end, 16);
	if (end == s || *end != '.' || dev > 0x1f)
		return false;
	s = end + 1;
	fn = (unsigned int)strtoul(s, &end, 16);
	if (end == s || *end != '\0' || fn > 7)
		return false;
	*out = (uint16_t)(bus << 8 | dev << 3 | fn);
	return true;
}

static void p_pci(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	const char *s[CFG_MAX_PCI];
	size_t n;

	if (!val_strings(c, v, s, CFG_MAX_PCI, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		uint16_t bdf = 0;

		if (CC(c->d, parse_bdf(s[i], &bdf), c->path, v->name,
		       "\"%s\" is not bus:device.function in hex (e.g. \"00:1f.2\")", s[i]))
			PART(obj)->pci[PART(obj)->npci++] = bdf;
	}
}

static void p_irqs(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_u32_list(c, v, PART(obj)->irq, CFG_MAX_IRQS, &PART(obj)->nirqs);
}

static void p_nested(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	int i;

	if (val_enum(c, v, cfg_vendor_names, CFG_COUNT(cfg_vendor_names), &i))
		PART(obj)->nested = (enum cfg_vendor)i;
}

static void p_on_fault(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	int i;

	if (val_enum(c, v, cfg_fault_names, CFG_COUNT(cfg_fault_names), &i))
		PART(obj)->on_fault = (enum cfg_fault)i;
}

static void p_reset_method(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	int i;

	if (val_enum(c, v, cfg_reset_method_names + 1, CFG_COUNT(cfg_reset_method_names) - 1, &i))
		PART(obj)->reset_method = (enum cfg_reset_method)(i + 1);
}

static void p_restart_limit(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	PART(obj)->has_restart_limit = val_u32(c, v, &PART(obj)->restart_limit);
}

static void p_watchdog(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	if (val_u32(c, v, &PART(obj)->watchdog_ms))
		CC(c->d, PART(obj)->watchdog_ms > 0, c->path, v->name,
		   "must not be zero (leave it out for no watchdog)");
}

static void p_monitor(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	PART(obj)->monitor = val_flag(c, v);
}

/* Without an IOMMU a bus-master function can reach all of memory: only this flag accepts it. */
static void p_dma_unprotected(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	PART(obj)->dma_unprotected = val_flag(c, v);
}

static const struct cfg_prop part_props[] = {
    {"cpus", true, p_cpus},
    {"console", false, p_console},
    {"console-port", false, p_console_port},
    {"ioports", false, p_ioports},
    {"mmio", false, p_mmio},
    {"pci-devices", false, p_pci},
    {"irqs", false, p_irqs},
    {"nested", false, p_nested},
    {"on-fault", false, p_on_fault},
    {"restart-limit", false, p_restart_limit},
    {"watchdog-ms", false, p_watchdog},
    {"monitor", false, p_monitor},
    {"dma-unprotected", false, p_dma_unprotected},
    {"reset-method", false, p_reset_method},
};
static const struct cfg_child part_children[] = {
    {"memory", true, cfg_parse_memory, true},
    {"image", true, cfg_parse_image, false},
};
static const struct cfg_kind part_kind = CFG_KIND(part_props, part_children);

void cfg_parse_partition(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	struct cfg_desc *desc = c->desc;
	struct cfg_partition *p = &desc->part[desc->nparts];

	if (!CC(c->d, desc->nparts < CFG_MAX_PARTITIONS, path, "",
		"more than %d partitions (the limit)", CFG_MAX_PARTITIONS))
		return;
	memset(p, 0, sizeof(*p));
	p->restart_limit = CFG_DEFAULT_RLIMIT;
	if (!cfg_take_name(c, path, p->name))
		return;
	desc->nparts++;
	cfg_walk(c, node, path, &part_kind, p);
}
