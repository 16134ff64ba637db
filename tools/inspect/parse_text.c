// SPDX-License-Identifier: BSD-2-Clause
// Parsers of the kernel's text files the inspector reads: /proc/iomem, the serial driver's
// table, a PCI function's resource file, and the inspector's own cpuid.txt. Pure, host-tested.

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"

/* include/linux/ioport.h resource flags, as the PCI "resource" file prints them. */
#define IORESOURCE_IO	     0x00000100
#define IORESOURCE_MEM	     0x00000200
#define IORESOURCE_PREFETCH  0x00002000
#define IORESOURCE_MEM_64    0x00100000
#define IORESOURCE_KIND_MASK (IORESOURCE_IO | IORESOURCE_MEM)

static const char *next_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl + 1 : NULL;
}

/* The name both /sys/firmware/memmap and /proc/iomem give usable RAM. */
bool mem_is_ram(const struct mem_range *m)
{
	return !strcmp(m->type, "System RAM");
}

/* Only top-level lines ("start-end : name", no indent): nested ones are the kernel's own use. */
int parse_iomem(const char *text, struct mem_range *out, size_t max)
{
	size_t n = 0;

	for (const char *l = text; l && *l; l = next_line(l)) {
		unsigned long long start, end;
		int name_at = 0;

		if (*l == ' ' || *l == '\n')
			continue;
		if (sscanf(l, "%llx-%llx : %n", &start, &end, &name_at) < 2 || !name_at ||
		    end < start)
			return -1;
		if (n == max)
			return -1;
		out[n].start = start;
		out[n].end = end;
		snprintf(out[n].type, sizeof(out[n].type), "%.*s", (int)strcspn(l + name_at, "\n"),
			 l + name_at);
		n++;
	}
	return (int)n;
}

/* "N: uart:16550A port:000003F8 irq:4 ..."; "uart:unknown" lines are ports nobody answered on. */
int parse_tty_serial(const char *text, struct uart *out, size_t max)
{
	size_t n = 0;

	for (const char *l = text; l && *l; l = next_line(l)) {
		unsigned line, irq;
		uint32_t port;
		char type[16];

		if (sscanf(l, "%u: uart:%15s port:%" SCNx32 " irq:%u", &line, type, &port, &irq) !=
		    4)
			continue;
		if (!strcmp(type, "unknown"))
			continue;
		if (n == max)
			return -1;
		out[n].line = line;
		out[n].port = port;
		out[n].irq = irq;
		snprintf(out[n].type, sizeof(out[n].type), "%s", type);
		n++;
	}
	return (int)n;
}

/* "0xSTART 0xEND 0xFLAGS" per resource; the first @nbars lines are the BARs. */
int parse_pci_resource(const char *text, struct pci_bar *bars, size_t nbars)
{
	const char *l = text;

	memset(bars, 0, nbars * sizeof(*bars));
	for (size_t i = 0; i < nbars && l && *l; i++, l = next_line(l)) {
		unsigned long long start, end, flags;

		if (sscanf(l, "%llx %llx %llx", &start, &end, &flags) != 3)
			return -1;
		if (!(flags & IORESOURCE_KIND_MASK) || end < start || !end)
			continue;
		bars[i] = (struct pci_bar){.start = start,
					   .end = end,
					   .io = flags & IORESOURCE_IO,
					   .prefetch = flags & IORESOURCE_PREFETCH,
					   .mem64 = flags & IORESOURCE_MEM_64};
	}
	return 0;
}

/* "0xLEAF 0xSUBLEAF 0xEAX 0xEBX 0xECX 0xEDX"; '#' lines and blank lines are not leaves. */
int parse_cpuid_line(const char *line, uint32_t *leaf, uint32_t *sub, uint32_t regs[4])
{
	if (line[0] == '#' || line[0] == '\n' || !line[0])
		return 1;
	if (sscanf(line, "%" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32,
		   leaf, sub, &regs[0], &regs[1], &regs[2], &regs[3]) != 6)
		return -1;
	return 0;
}
