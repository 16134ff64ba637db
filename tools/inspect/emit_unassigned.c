// SPDX-License-Identifier: BSD-2-Clause
// What the proposal leaves to assign, as comments inside the first partition: the other CPUs,
// the other UARTs and every PCI function with its BARs, interrupt and IOMMU placement, each with
// the line that would give it to a partition.

#include <string.h>

#include "inspect.h"

#define KIB	 1024ULL
#define MIB	 (1024ULL * KIB)
#define ISA_IRQS 16

static const struct {
	uint32_t class_code, mask; /* class, subclass, prog-if */
	const char *name;
	bool platform; /* the chipset's own: stays with the hypervisor */
} classes[] = {
    {0x060000, 0xffff00, "host bridge", true},
    {0x060100, 0xffff00, "ISA/LPC bridge", true},
    {0x060400, 0xffff00, "PCI bridge", true},
    {0x0c0500, 0xffff00, "SMBus controller", true},
    {0x068000, 0xffff00, "chipset function (power management, ACPI)", true},
    {0x080600, 0xffff00, "IOMMU", true},
    {0x010100, 0xffff00, "IDE controller", false},
    {0x010600, 0xffff00, "SATA controller", false},
    {0x010800, 0xffff00, "NVMe controller", false},
    {0x020000, 0xffff00, "Ethernet controller", false},
    {0x030000, 0xffff00, "VGA display", false},
    {0x0c0300, 0xffff00, "USB controller", false},
    {0x000000, 0xff0000, "unclassified device", false},
    {0x010000, 0xff0000, "storage controller", false},
    {0x020000, 0xff0000, "network controller", false},
    {0x030000, 0xff0000, "display", false},
    {0x040000, 0xff0000, "multimedia device", false},
    {0x080000, 0xff0000, "system peripheral", false},
    {0x0c0000, 0xff0000, "serial bus controller", false},
    {0xff0000, 0xff0000, "unclassified device", false},
};

static int class_index(uint32_t cc)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if ((cc & classes[i].mask) == classes[i].class_code)
			return (int)i;
	return -1;
}

static void emit_cpus(FILE *f, const struct board *b, uint32_t taken)
{
	bool any = false;

	fprintf(f, "\t\t\t * CPUs: give each to exactly one partition's cpus:");
	for (size_t i = 0; i < b->madt.ncpus; i++)
		if (b->madt.cpu[i].enabled && b->madt.cpu[i].apic_id != taken) {
			fprintf(f, " <%u>", b->madt.cpu[i].apic_id);
			any = true;
		}
	fprintf(f, "%s\n", any ? "" : " none left");
}

static void emit_uarts(FILE *f, const struct board *b)
{
	for (size_t i = 1; i < b->nuarts; i++)
		fprintf(f,
			"\t\t\t * UART ttyS%u, %s at %#x, IRQ %u:\n\t\t\t *\tconsole = "
			"\"passthrough\"; console-port = <%#x>;%s\n",
			b->uart[i].line, b->uart[i].type, b->uart[i].port, b->uart[i].irq,
			b->uart[i].port, b->uart[i].irq < ISA_IRQS ? "" : " (IRQ is no ISA line)");
	for (size_t i = 1; i < b->nuarts; i++)
		if (b->uart[i].irq < ISA_IRQS)
			fprintf(f, "\t\t\t *\tirqs = <%u>;\t(ttyS%u's interrupt)\n", b->uart[i].irq,
				b->uart[i].line);
}

static void size_str(char *out, size_t len, uint64_t size)
{
	if (size >= MIB && !(size % MIB))
		snprintf(out, len, "%llu MiB", (unsigned long long)(size / MIB));
	else if (size >= KIB && !(size % KIB))
		snprintf(out, len, "%llu KiB", (unsigned long long)(size / KIB));
	else
		snprintf(out, len, "%llu byte%s", (unsigned long long)size, size == 1 ? "" : "s");
}

static void emit_bars(FILE *f, const struct pci_fn *p)
{
	for (int i = 0; i < PCI_BARS; i++) {
		const struct pci_bar *r = &p->bar[i];
		char sz[32];

		if (!r->end)
			continue;
		size_str(sz, sizeof(sz), r->end - r->start + 1);
		fprintf(f, "\t\t\t *\t  BAR%d %s %#llx-%#llx (%s)\n", i,
			r->io	   ? "I/O ports"
			: r->mem64 ? (r->prefetch ? "mem64 prefetchable" : "mem64")
				   : (r->prefetch ? "mem32 prefetchable" : "mem32"),
			(unsigned long long)r->start, (unsigned long long)r->end, sz);
	}
}

static const char *pin_name(uint8_t pin)
{
	static const char *const names[] = {"", "INTA#", "INTB#", "INTC#", "INTD#"};

	return names[pin <= 4 ? pin : 0];
}

static void emit_interrupt(FILE *f, const struct pci_fn *p)
{
	bool msi = strstr(p->caps, "MSI") != NULL;

	if (!p->pin)
		fprintf(f, "\t\t\t *\t  interrupt: no pin%s\n", msi ? "; MSI" : "");
	else if (!p->irq)
		fprintf(f, "\t\t\t *\t  interrupt: pin %s, not routed by Linux%s\n",
			pin_name(p->pin), msi ? "; MSI" : "");
	else if (p->irq < ISA_IRQS)
		fprintf(f,
			"\t\t\t *\t  interrupt: pin %s -> ISA line %u, maybe shared: "
			"irqs = <%u>;%s\n",
			pin_name(p->pin), p->irq, p->irq, msi ? " or MSI" : "");
	else
		fprintf(f,
			"\t\t\t *\t  interrupt: pin %s -> GSI %u, an IOAPIC pin above the ISA "
			"lines%s\n",
			pin_name(p->pin), p->irq, msi ? "; MSI preferred" : "");
}

/* Which remapping unit translates the function: one naming it, else the catch-all one. */
static int iommu_unit(const struct board *b, const struct pci_fn *p)
{
	uint16_t bdf = ACPI_BDF(p->bus, p->dev, p->fn);

	for (size_t s = 0; s < b->iommu.nscopes; s++)
		if ((b->iommu.scope[s].type == ACPI_SCOPE_ENDPOINT ||
		     b->iommu.scope[s].type == ACPI_SCOPE_BRIDGE) &&
		    bdf >= b->iommu.scope[s].bdf && bdf <= b->iommu.scope[s].bdf_last)
			return b->iommu.scope[s].unit;
	for (size_t u = 0; u < b->iommu.nunits; u++)
		if (b->iommu.unit[u].include_all && b->iommu.unit[u].segment == p->segment)
			return (int)u;
	return -1;
}

static void emit_iommu(FILE *f, const struct board *b, const struct pci_fn *p)
{
	int unit = b->have_iommu ? iommu_unit(b, p) : -1;

	if (unit >= 0 && p->iommu_group >= 0)
		fprintf(f, "\t\t\t *\t  IOMMU %d, group %d: assign the whole group together\n",
			unit, p->iommu_group);
	else if (unit >= 0)
		fprintf(f, "\t\t\t *\t  IOMMU %d; Linux made no group (IOMMU off in Linux)\n",
			unit);
	else
		fprintf(f, "\t\t\t *\t  IOMMU: none translates it: its DMA reaches all memory\n");
}

static void emit_pci(FILE *f, const struct board *b, const struct pci_fn *p)
{
	int c = class_index(p->class_code);

	fprintf(f, "\t\t\t * PCI %02x:%02x.%x %04x:%04x %s (class %06x)%s%s%s\n", p->bus, p->dev,
		p->fn, p->vendor, p->device, c >= 0 ? classes[c].name : "device", p->class_code,
		p->driver[0] ? ", Linux driver " : "", p->driver,
		c >= 0 && classes[c].platform ? ": chipset, stays with the hypervisor" : "");
	if (c >= 0 && classes[c].platform)
		return;
	emit_bars(f, p);
	emit_interrupt(f, p);
	if (p->caps[0])
		fprintf(f, "\t\t\t *\t  capabilities: %s\n", p->caps);
	emit_iommu(f, b, p);
	fprintf(f, "\t\t\t *\tpci-devices = \"%02x:%02x.%x\";\n", p->bus, p->dev, p->fn);
}

void emit_unassigned(FILE *f, const struct board *b)
{
	fprintf(f, "\t\t\t/*\n\t\t\t * Not assigned yet: move lines into this or new "
		   "partitions.\n");
	emit_cpus(f, b, board_first_cpu(b));
	emit_uarts(f, b);
	for (size_t i = 0; i < b->npci; i++)
		emit_pci(f, b, &b->pci[i]);
	fprintf(f, "\t\t\t */\n");
}
