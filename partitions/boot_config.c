// SPDX-License-Identifier: BSD-2-Clause
// Boot-time loading of the description: the same parser and rules as the host tool, plus the
// rules only the real machine can answer.

#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "boot_config.h"
#include "iommu.h"
#include "config.h"
#include "mm.h"
#include "partition.h"
#include "pci.h"
#include "percpu.h"
#include "platform.h"
#include "printk.h"
#include "traps.h"

#define LOW_MEMORY (1ULL << 20)

extern const char __image_start[], __image_end[];

/* Too large for a stack; loaded once, on the boot CPU. */
static struct cfg_desc desc;
static struct cfg_diags diags;
static struct machine machine;
static char module_what[MB2_MAX_MODULES][48];

static enum cfg_vendor vendor_of(const struct virt_caps *caps)
{
	return caps->kind == VIRT_VMX	? CFG_VENDOR_VMX
	       : caps->kind == VIRT_SVM ? CFG_VENDOR_SVM
					: CFG_VENDOR_NONE;
}

/* The cpu-vendor a description asks for, without judging the rest of it (cfg_load does). */
static bool blob_wants(const struct boot_bundle *b, enum cfg_vendor v)
{
	const void *fdt = b->view.config;
	const char *want;
	int node;

	if (b->view.config_size < sizeof(struct fdt_header) || fdt_check_header(fdt) ||
	    fdt_totalsize(fdt) > b->view.config_size)
		return false;
	node = fdt_path_offset(fdt, "/hypervisor");
	want = node < 0 ? NULL : fdt_getprop(fdt, node, "cpu-vendor", NULL);
	return want && strcmp(want, cfg_vendor_name(v)) == 0;
}

/* One bundle: that one. Several (the demo ISO boots on AMD and Intel): the first asking for this
 * CPU's vendor, else the first, which the vendor rule then refuses. */
static const struct boot_bundle *pick(const struct boot_bundle *bundles, size_t count,
				      enum cfg_vendor v)
{
	for (size_t i = 0; i < count; i++)
		if (blob_wants(&bundles[i], v))
			return &bundles[i];
	return count ? &bundles[0] : NULL;
}

static void add_rsv(uint64_t base, uint64_t end, const char *what)
{
	if (machine.nrsv < CFG_MACHINE_MAX_RSV && end > base)
		machine.rsv[machine.nrsv++] = (struct cfg_reserved){base, end - base, what};
}

static void machine_memory(const struct mb2_info *mb)
{
	for (size_t i = 0; i < mb->mmap_count && machine.nram < CFG_MACHINE_MAX_RAM; i++)
		if (mb->mmap[i].type == MEM_AVAILABLE)
			machine.ram[machine.nram++] =
			    (struct cfg_range){mb->mmap[i].base, mb->mmap[i].size};
	add_rsv(0, LOW_MEMORY, "the first MiB (BIOS data, AP trampoline)");
	add_rsv((uint64_t)__image_start, (uint64_t)__image_end, "the hypervisor image");
	add_rsv(mb->info_phys, mb->info_phys + mb->info_size, "the boot information");
	for (size_t i = 0; i < mb->module_count; i++) {
		snprintf(module_what[i], sizeof(module_what[i]), "boot module %s",
			 mb->modules[i].cmdline);
		add_rsv(mb->modules[i].start, mb->modules[i].end, module_what[i]);
	}
}

static void add_hvdev(uint64_t base, const char *what)
{
	if (machine.nhvdev < CFG_MACHINE_MAX_HVDEV)
		machine.hvdev[machine.nhvdev++] = (struct cfg_reserved){base, PAGE_SIZE, what};
}

/* The interrupt controllers stay the hypervisor's: no partition may map them as a device. */
static void machine_devices(void)
{
	static char names[ACPI_MAX_IOAPICS][24];
	const struct acpi_madt_info *madt = &platform.madt;

	add_hvdev(madt->lapic_addr, "the local APIC");
	for (size_t i = 0; i < madt->nioapics && i < ACPI_MAX_IOAPICS; i++) {
		snprintf(names[i], sizeof(names[i]), "IOAPIC %u", madt->ioapic[i].id);
		add_hvdev(madt->ioapic[i].addr, names[i]);
	}
}

/* The CPUs that reported in: one ACPI lists but that never started cannot run a partition. */
static void machine_cpus(void)
{
	for (unsigned int i = 0; i < cpu_count && machine.ncpus < CFG_MACHINE_MAX_CPUS; i++)
		if (cpus[i].online)
			machine.apic_id[machine.ncpus++] = cpus[i].apic_id;
}

/* The functions found at boot, for the pci-devices rules (partitions/check_pci.c). */
static void machine_pci(void)
{
	const struct pci_func *f;
	size_t n;

	pci_init();
	f = pci_funcs(&n);
	for (size_t i = 0; i < n && machine.npci < CFG_MACHINE_MAX_PCI; i++) {
		struct cfg_pci_fn *c = &machine.pci[machine.npci++];

		c->bdf = f[i].bdf;
		/* A host bridge is the platform's, whatever its header type. */
		c->bridge = f[i].header != PCI_HEADER_NORMAL ||
			    f[i].class_rev >> 16 == PCI_CLASS_HOST_BRIDGE;
		c->flr = f[i].flr;
		c->pm_reset = pci_pm_resets(&f[i]);
		for (unsigned int k = 0; k < PCI_BARS; k++) {
			c->bar[k] = (struct cfg_range){f[i].bar[k].base, f[i].bar[k].size};
			c->bar_io[k] = f[i].bar[k].io;
		}
	}
	machine.pci_known = true;
	/* The IOMMU Bulkhead runs, not merely a table: a unit that did not start fences nothing. */
	machine.iommu = iommu_active();
}

static bool bundle_has(void *view, const char *name)
{
	return bundle_find_image(view, name) != NULL;
}

static void print_line(void *ctx, const char *line)
{
	pr_info("config: %s", line);
}

static _Noreturn void refuse(void)
{
	char line[CFG_PATH_MAX + CFG_PROP_MAX + CFG_MSG_MAX + 8];

	for (size_t i = 0; i < diags.count; i++) {
		cfg_diag_format(&diags.d[i], line, sizeof(line));
		pr_err("config: %s", line);
	}
	if (diags.dropped)
		pr_err("config: ... and %lu more", (unsigned long)diags.dropped);
	panic("config: %lu errors, refusing to start partitions",
	      (unsigned long)cfg_diags_total(&diags));
}

void boot_config_load(const struct boot_bundle *bundles, size_t count, const struct mb2_info *mb,
		      const struct virt_caps *caps)
{
	const struct boot_bundle *b;

	machine.vendor = vendor_of(caps);
	b = pick(bundles, count, machine.vendor);
	if (!b) {
		pr_warn("config: no signed bundle among the boot modules: no partition starts");
		return;
	}
	machine_cpus();
	machine_memory(mb);
	machine_devices();
	machine_pci();
	pr_info("config: %s, description of %lu bytes", b->name,
		(unsigned long)b->view.config_size);
	cfg_diags_init(&diags);
	/* The signature covers the description and the bundle's images; an image the description
	 * names but the bundle lacks would come from somewhere unsigned. */
	if (cfg_load(b->view.config, b->view.config_size, &machine, &desc, &diags) < 0 ||
	    cfg_check_images(&desc, bundle_has, (void *)&b->view, &diags) < 0)
		refuse();
	cfg_print_table(&desc, print_line, NULL);
	pr_info("config: description accepted");
	partitions_start(&desc, b);
}
