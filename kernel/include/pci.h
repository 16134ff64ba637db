/* SPDX-License-Identifier: BSD-2-Clause */
/* PCI functions as the hypervisor found them: configuration access, enumeration, reset. */
#ifndef BULKHEAD_PCI_H
#define BULKHEAD_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci_regs.h"

#define PCI_MAX_FUNCS 64

/* One BAR register pair as firmware left it. A 64-bit BAR fills two registers: the second
 * is marked @upper and carries no range of its own. */
struct pci_bar {
	uint64_t base, size; /* size 0: no BAR here */
	uint32_t flags;	     /* the register's read-only low bits: space, type, prefetchable */
	bool io, mem64, upper;
};

struct pci_func {
	uint16_t bdf; /* bus << 8 | dev << 3 | fn */
	uint16_t vendor, device;
	uint32_t class_rev;
	uint8_t header; /* header type without the multi-function bit */
	uint8_t irq_pin, irq_line;
	struct pci_bar bar[PCI_BARS];
	uint8_t cap[PCI_MAX_CAPS]; /* the capability list's offsets, in list order */
	size_t ncaps;
	uint8_t cap_msi, cap_msix, cap_pm, cap_pcie; /* offsets; 0: absent */
	uint32_t msi_hdr; /* the MSI capability's first dword: its layout (64-bit, masking) */
	bool flr;	  /* PCIe DevCap: function-level reset */
	uint16_t command; /* as firmware left it */
};

/* Configuration access to aligned dwords (offsets 0-0xffc: extended space with ECAM only). */
struct pci_cfg_ops {
	uint32_t (*read)(void *ctx, uint16_t bdf, unsigned int off);
	void (*write)(void *ctx, uint16_t bdf, unsigned int off, uint32_t val);
	void *ctx;
};

/* Pure over @o (kernel/pci/pci_scan.c), host-tested against a fabricated ECAM. */
/* The offset of capability @id in the function's list, 0 if absent; a list that loops or
 * points into the header ends the walk. */
unsigned int pci_find_cap(const struct pci_cfg_ops *o, uint16_t bdf, uint8_t id);
/* Reads function @bdf: false when nothing answers (vendor all ones). Sizes its BARs with
 * memory and I/O decode off for the moment, then puts back what firmware placed. */
bool pci_read_func(const struct pci_cfg_ops *o, uint16_t bdf, struct pci_func *f);
/* Every function on buses @bus_first..@bus_last, at most @max: how many were found. */
size_t pci_scan(const struct pci_cfg_ops *o, unsigned int bus_first, unsigned int bus_last,
		struct pci_func *out, size_t max);

/* The machine (kernel/pci/pci.c): enumerated once at boot, before the description is
 * checked. ECAM from the ACPI MCFG (segment 0), else the legacy ports 0xcf8/0xcfc. */
void pci_init(void);
extern const struct pci_cfg_ops *pci_hw;
const struct pci_func *pci_funcs(size_t *count);
const struct pci_func *pci_func_by_bdf(uint16_t bdf);

/* Bus master, memory and I/O decode, MSI and MSI-X off: the function can neither reach memory
 * nor send an interrupt until its owner enables it again. */
void pci_quiesce_func(const struct pci_func *f);
/* Reset of a partition's function between two runs (kernel/pci/pci_reset.c): FLR, else (with
 * @allow_pm, the description's reset-method permitting) the power-management D3hot -> D0
 * reset, else bus master off; then BARs and command as firmware left them. Says which. */
const char *pci_reset_func(const struct pci_func *f, bool allow_pm);
/* Whether a D3hot -> D0 transition resets @f: a PM capability without No_Soft_Reset. */
bool pci_pm_resets(const struct pci_func *f);

#endif
