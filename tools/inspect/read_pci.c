// SPDX-License-Identifier: BSD-2-Clause
// PCI functions from /sys/bus/pci/devices: IDs, BARs, interrupt pin and line, capabilities,
// IOMMU group and driver.

#include <stdlib.h>
#include <string.h>

#include "inspect.h"

#define PCI_DIR	    "sys/bus/pci/devices"
#define PCI_INT_PIN 0x3d
#define PCI_CFG_HDR 0x40

static bool hex_attr(const struct rootfs *fs, const char *dev, const char *attr, unsigned long *v)
{
	char rel[128], *t, *end;

	snprintf(rel, sizeof(rel), "%s/%s/%s", PCI_DIR, dev, attr);
	t = rootfs_read(fs, rel, NULL);
	if (!t)
		return false;
	*v = strtoul(t, &end, 0);
	free(t);
	return end != t;
}

/* The last path component of a symlink such as iommu_group -> ../../kernel/iommu_groups/3. */
static const char *link_name(const struct rootfs *fs, const char *dev, const char *attr, char *buf,
			     size_t len)
{
	char rel[128];
	const char *slash;

	snprintf(rel, sizeof(rel), "%s/%s/%s", PCI_DIR, dev, attr);
	if (rootfs_readlink(fs, rel, buf, len) < 0)
		return NULL;
	slash = strrchr(buf, '/');
	return slash ? slash + 1 : buf;
}

static void config_space(const struct rootfs *fs, const char *dev, struct pci_fn *p)
{
	char rel[128];
	size_t len = 0;
	uint8_t *cfg;

	snprintf(rel, sizeof(rel), "%s/%s/config", PCI_DIR, dev);
	cfg = (uint8_t *)rootfs_read(fs, rel, &len);
	if (!cfg)
		return;
	if (len >= PCI_CFG_HDR)
		p->pin = cfg[PCI_INT_PIN] <= 4 ? cfg[PCI_INT_PIN] : 0;
	pci_caps_describe(cfg, len, p->caps, sizeof(p->caps));
	free(cfg);
}

static int one(const struct rootfs *fs, struct board *b, const char *dev, struct pci_fn *p)
{
	unsigned seg, bus, slot, fn;
	unsigned long v;
	char rel[128], buf[256], *res;
	const char *name;

	memset(p, 0, sizeof(*p));
	if (sscanf(dev, "%x:%x:%x.%x", &seg, &bus, &slot, &fn) != 4)
		return -1;
	*p = (struct pci_fn){.segment = (uint16_t)seg,
			     .bus = (uint8_t)bus,
			     .dev = (uint8_t)slot,
			     .fn = (uint8_t)fn,
			     .iommu_group = -1};
	if (!hex_attr(fs, dev, "vendor", &v))
		return -1;
	p->vendor = (uint16_t)v;
	if (!hex_attr(fs, dev, "device", &v))
		return -1;
	p->device = (uint16_t)v;
	if (!hex_attr(fs, dev, "class", &v))
		return -1;
	p->class_code = (uint32_t)v;
	if (hex_attr(fs, dev, "irq", &v))
		p->irq = (unsigned)v;
	snprintf(rel, sizeof(rel), "%s/%s/resource", PCI_DIR, dev);
	res = rootfs_read(fs, rel, NULL);
	if (!res || parse_pci_resource(res, p->bar, PCI_BARS) < 0)
		board_note(b, "%s/%s: BARs unknown (file missing or malformed)", fs->root, rel);
	free(res);
	config_space(fs, dev, p);
	if ((name = link_name(fs, dev, "iommu_group", buf, sizeof(buf))) != NULL)
		p->iommu_group = atoi(name);
	if ((name = link_name(fs, dev, "driver", buf, sizeof(buf))) != NULL)
		snprintf(p->driver, sizeof(p->driver), "%s", name);
	return 0;
}

void read_pci(const struct rootfs *fs, struct board *b)
{
	char **names;
	int n = rootfs_list(fs, PCI_DIR, &names);

	if (n < 0) {
		board_note(b, "%s/%s: cannot be listed: PCI functions unknown", fs->root, PCI_DIR);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (b->npci == INSPECT_MAX_PCI) {
			board_note(b, "more than %d PCI functions: the rest left out",
				   INSPECT_MAX_PCI);
			break;
		}
		if (one(fs, b, names[i], &b->pci[b->npci]) < 0)
			board_note(b, "%s/%s/%s: not a readable PCI function, left out", fs->root,
				   PCI_DIR, names[i]);
		else
			b->npci++;
	}
	rootfs_free_list(names, n);
}
