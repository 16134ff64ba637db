// SPDX-License-Identifier: BSD-2-Clause
// Resetting a partition's function before it runs again, so nothing of the old run (a DMA in
// flight, an armed interrupt) survives a restart; then firmware's placement is put back.

#include "pci.h"
#include "tsc.h"

/* PCIe Base 4.0, 6.6.2: software waits 100 ms after initiating FLR before touching the
 * function. PCI PM 1.2, 5.6.1: 10 ms after a D3hot -> D0 transition. */
#define FLR_WAIT_US 100000
#define PM_WAIT_US  10000

static uint32_t rd(const struct pci_func *f, unsigned int off)
{
	return pci_hw->read(pci_hw->ctx, f->bdf, off);
}

static void wr(const struct pci_func *f, unsigned int off, uint32_t v)
{
	pci_hw->write(pci_hw->ctx, f->bdf, off, v);
}

/* Writing the status half as zero leaves its write-one-to-clear bits alone. */
static void set_command(const struct pci_func *f, uint16_t cmd)
{
	wr(f, PCI_COMMAND, cmd);
}

static void flr(const struct pci_func *f)
{
	unsigned int ctl = f->cap_pcie + PCI_PCIE_DEVCTL;

	/* DevCtl is the low half: the DevStatus half above it is write-one-to-clear. */
	wr(f, ctl, (rd(f, ctl) & 0xffff) | PCI_DEVCTL_FLR);
	udelay(FLR_WAIT_US);
}

/* Only a function without No_Soft_Reset loses its state on the way back to D0. */
bool pci_pm_resets(const struct pci_func *f)
{
	return f->cap_pm && !(rd(f, f->cap_pm + PCI_PM_CTRL) & PCI_PM_NO_SOFT_RESET);
}

static bool pm_reset(const struct pci_func *f)
{
	unsigned int csr = f->cap_pm + PCI_PM_CTRL;
	uint32_t v = rd(f, csr) & 0xffff;

	if (!pci_pm_resets(f))
		return false;
	wr(f, csr, (v & ~PCI_PM_STATE) | PCI_PM_D3HOT);
	udelay(PM_WAIT_US);
	wr(f, csr, v & ~PCI_PM_STATE);
	udelay(PM_WAIT_US);
	return true;
}

static void restore(const struct pci_func *f)
{
	for (unsigned int i = 0; i < PCI_BARS; i++) {
		const struct pci_bar *b = &f->bar[i];
		unsigned int off = PCI_BAR0 + 4 * i;

		if (!b->size)
			continue;
		wr(f, off, (uint32_t)b->base | b->flags);
		if (b->mem64)
			wr(f, off + 4, (uint32_t)(b->base >> 32));
	}
	set_command(f, f->command);
}

void pci_quiesce_func(const struct pci_func *f)
{
	set_command(f, (uint16_t)rd(f, PCI_COMMAND) & ~(PCI_CMD_MASTER | PCI_CMD_MEM | PCI_CMD_IO));
	if (f->cap_msi)
		wr(f, f->cap_msi, rd(f, f->cap_msi) & ~PCI_MSI_CTL_ENABLE);
	if (f->cap_msix)
		wr(f, f->cap_msix, rd(f, f->cap_msix) & ~PCI_MSIX_CTL_ENABLE);
}

const char *pci_reset_func(const struct pci_func *f, bool allow_pm)
{
	const char *how = "bus master and decode off";

	pci_quiesce_func(f);
	if (f->flr) {
		flr(f);
		how = "function-level reset";
	} else if (allow_pm && pm_reset(f)) {
		how = "D3hot -> D0 reset";
	}
	restore(f);
	return how;
}
