// SPDX-License-Identifier: BSD-2-Clause
// PCI: enumeration from a fabricated ECAM (functions, BAR sizes, capabilities), the rules of a
// partition's view of its functions (vcpu/vpci_filter.c) and owned legacy lines (pirq_route.c).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pirq.h"
#include "vpci_filter.h"

/* ---- a fabricated ECAM: 2 buses, each function 4 KiB, BARs that decode like hardware ---- */

#define BUSES 2
static uint8_t ecam[BUSES][256][PCI_ECAM_SIZE];
static uint64_t bar_size[BUSES][256][PCI_BARS]; /* per BAR register: 0 none, 1 all bits */
static unsigned int writes;

static uint32_t *reg(uint16_t bdf, unsigned int off)
{
	return (uint32_t *)&ecam[bdf >> 8][bdf & 0xff][off & 0xffc];
}

static uint32_t fake_read(void *ctx, uint16_t bdf, unsigned int off)
{
	(void)ctx;
	if ((bdf >> 8) >= BUSES)
		return 0xffffffffU;
	return *reg(bdf, off);
}

/* A BAR keeps only the address bits its size decodes, and its type bits; the upper half of a
 * 64-bit BAR all its bits. The status register ignores zeros (its bits are read-only or
 * write-one-to-clear). */
static void fake_write(void *ctx, uint16_t bdf, unsigned int off, uint32_t val)
{
	(void)ctx;
	writes++;
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 4 * PCI_BARS) {
		uint64_t size = bar_size[bdf >> 8][bdf & 0xff][(off - PCI_BAR0) / 4];
		uint32_t old = *reg(bdf, off), type = old & (old & PCI_BAR_IO ? 3 : 0xf);

		if (size == 1)
			*reg(bdf, off) = val;
		else if (!size)
			*reg(bdf, off) = 0;
		else
			*reg(bdf, off) = (val & (uint32_t) ~(size - 1) & ~0xfU) | type;
		return;
	}
	if (off == PCI_COMMAND)
		val = (*reg(bdf, off) & 0xffff0000U) | (val & 0xffff);
	*reg(bdf, off) = val;
}

static const struct pci_cfg_ops fake = {fake_read, fake_write, NULL};

static void add_fn(uint16_t bdf, uint16_t vendor, uint16_t device, uint32_t header)
{
	*reg(bdf, PCI_VENDOR_ID) = (uint32_t)device << 16 | vendor;
	*reg(bdf, PCI_COMMAND) = PCI_CMD_MEM | PCI_CMD_MASTER;
	*reg(bdf, PCI_HEADER_DWORD) = header << 16;
	*reg(bdf, PCI_CLASS_REV) = 0x00ff0010;
}

/* Register @i at @base with @size; a 64-bit one fills i and i + 1. */
static void add_bar(uint16_t bdf, unsigned int i, uint64_t base, uint64_t size, uint32_t type)
{
	*reg(bdf, PCI_BAR0 + 4 * i) = (uint32_t)base | type;
	bar_size[bdf >> 8][bdf & 0xff][i] = size;
	if (type & PCI_BAR_MEM64) {
		*reg(bdf, PCI_BAR0 + 4 * i + 4) = (uint32_t)(base >> 32);
		bar_size[bdf >> 8][bdf & 0xff][i + 1] = 1; /* all 32 bits decode */
	}
}

static void add_cap(uint16_t bdf, unsigned int off, uint8_t id, unsigned int next, uint16_t ctl)
{
	if (!(*reg(bdf, PCI_COMMAND) & PCI_STATUS_CAP_LIST)) {
		*reg(bdf, PCI_COMMAND) |= PCI_STATUS_CAP_LIST;
		*reg(bdf, PCI_CAP_PTR) = off;
	}
	*reg(bdf, off) = (uint32_t)ctl << 16 | next << 8 | id;
}

#define EDU   PCI_BDF(0, 3, 0)
#define MULTI PCI_BDF(0, 4, 0)
#define BIG   PCI_BDF(1, 0, 0)

/* 00:00.0 host bridge, 00:03.0 edu-like (MSI 64-bit, MSI-X, PM), 00:03.1 a phantom behind a
 * single-function header, 00:04.0 and .2 one multi-function device, 01:00.0 with a 64-bit and
 * an I/O BAR and a PCIe capability that offers FLR. */
static int board(void **state)
{
	(void)state;
	memset(ecam, 0xff, sizeof(ecam));
	memset(bar_size, 0, sizeof(bar_size));
	for (unsigned int b = 0; b < BUSES; b++)
		for (unsigned int df = 0; df < 256; df++)
			memset(&ecam[b][df][4], 0, PCI_ECAM_SIZE - 4);
	add_fn(PCI_BDF(0, 0, 0), 0x8086, 0x29c0, 0);
	add_fn(EDU, 0x1234, 0x11e8, 0);
	add_bar(EDU, 0, 0xfea00000, 0x100000, 0);
	add_cap(EDU, 0x40, PCI_CAP_ID_MSI, 0x60, PCI_MSI_CTL_64 >> 16);
	add_cap(EDU, 0x60, PCI_CAP_ID_MSIX, 0x80, 0);
	add_cap(EDU, 0x80, PCI_CAP_ID_PM, 0, 0);
	add_fn(PCI_BDF(0, 3, 1), 0x1234, 0x0001, 0);
	add_fn(MULTI, 0x1af4, 0x1000, 0x80);
	add_fn(PCI_BDF(0, 4, 2), 0x1af4, 0x1001, 0);
	add_fn(BIG, 0x8086, 0x10d3, 0);
	add_bar(BIG, 0, 0x800000000ULL, 0x4000, PCI_BAR_MEM64 | PCI_BAR_PREFETCH);
	add_bar(BIG, 2, 0xc000, 0x20, PCI_BAR_IO);
	add_cap(BIG, 0x40, PCI_CAP_ID_PCIE, 0, 2);
	*reg(BIG, 0x40 + PCI_PCIE_DEVCAP) = PCI_DEVCAP_FLR;
	writes = 0;
	return 0;
}

static void scan_finds_functions(void **state)
{
	struct pci_func f[8];
	size_t n = pci_scan(&fake, 0, BUSES - 1, f, 8);
	const uint16_t want[] = {PCI_BDF(0, 0, 0), EDU, MULTI, PCI_BDF(0, 4, 2), BIG};

	(void)state;
	assert_int_equal(n, sizeof(want) / sizeof(want[0])); /* no 00:03.1: single-function */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(f[i].bdf, want[i]);
	assert_int_equal(f[1].vendor, 0x1234);
	assert_int_equal(f[1].device, 0x11e8);
	assert_int_equal(pci_scan(&fake, 0, BUSES - 1, f, 2), 2); /* a full table stops */
}

static void scan_sizes_bars(void **state)
{
	struct pci_func f;

	(void)state;
	assert_true(pci_read_func(&fake, EDU, &f));
	assert_int_equal(f.bar[0].base, 0xfea00000);
	assert_int_equal(f.bar[0].size, 0x100000);
	assert_false(f.bar[0].io || f.bar[0].mem64);
	assert_int_equal(f.bar[1].size, 0);
	assert_true(pci_read_func(&fake, BIG, &f));
	assert_true(f.bar[0].mem64);
	assert_int_equal(f.bar[0].base, 0x800000000ULL);
	assert_int_equal(f.bar[0].size, 0x4000);
	assert_true(f.bar[1].upper);
	assert_true(f.bar[2].io);
	assert_int_equal(f.bar[2].base, 0xc000);
	assert_int_equal(f.bar[2].size, 0x20);
	/* Firmware's placement and the command register are back after sizing. */
	assert_int_equal(*reg(BIG, PCI_BAR0), 0x0 | PCI_BAR_MEM64 | PCI_BAR_PREFETCH);
	assert_int_equal(*reg(BIG, PCI_BAR0 + 4), 0x8);
	assert_int_equal(*reg(BIG, PCI_BAR0 + 8), 0xc000 | PCI_BAR_IO);
	assert_int_equal(*reg(BIG, PCI_COMMAND) & 0xffff, PCI_CMD_MEM | PCI_CMD_MASTER);
	assert_false(pci_read_func(&fake, PCI_BDF(0, 5, 0), &f)); /* nothing there */
}

static void capability_walk(void **state)
{
	struct pci_func f;

	(void)state;
	assert_true(pci_read_func(&fake, EDU, &f));
	assert_int_equal(f.cap_msi, 0x40);
	assert_int_equal(f.cap_msix, 0x60);
	assert_int_equal(f.cap_pm, 0x80);
	assert_int_equal(f.ncaps, 3);
	assert_false(f.flr);
	assert_int_equal(f.msi_hdr & PCI_MSI_CTL_64, PCI_MSI_CTL_64);
	assert_true(pci_read_func(&fake, BIG, &f));
	assert_int_equal(f.cap_pcie, 0x40);
	assert_true(f.flr);
	/* A list that points back at itself ends; one pointing into the header is empty. */
	add_cap(EDU, 0x80, PCI_CAP_ID_PM, 0x40, 0);
	assert_int_equal(pci_find_cap(&fake, EDU, 0x09), 0);
	assert_true(pci_read_func(&fake, EDU, &f));
	assert_int_equal(f.ncaps, PCI_MAX_CAPS);
	*reg(EDU, PCI_CAP_PTR) = 0x20;
	assert_int_equal(pci_find_cap(&fake, EDU, PCI_CAP_ID_MSI), 0);
}

/* ---- the partition's view ---- */

static const uint32_t cores[] = {2, 3};
static const struct vpci_owner owner = {cores, 2};
static struct pci_func hw_edu, hw_big;
static struct vpci_fn vf;

static int view(void **state)
{
	board(state);
	pci_read_func(&fake, EDU, &hw_edu);
	pci_read_func(&fake, BIG, &hw_big);
	vpci_fn_reset(&vf, &hw_edu);
	vpci_msi_route = vpci_msi_route_direct;
	writes = 0;
	return 0;
}

static uint32_t vread(struct vpci_fn *f, unsigned int off)
{
	return vpci_read(f, off, fake_read(NULL, f->hw->bdf, off));
}

static size_t vwrite(struct vpci_fn *f, unsigned int off, uint32_t val, unsigned int be,
		     struct vpci_write *out)
{
	return vpci_write(f, &owner, off, val, be, fake_read(NULL, f->hw->bdf, off), out);
}

static void absent_functions(void **state)
{
	struct vpci_fn fns[2];

	(void)state;
	vpci_fn_reset(&fns[0], &hw_edu);
	vpci_fn_reset(&fns[1], &hw_big);
	assert_ptr_equal(vpci_lookup(fns, 2, 0x80000000U | EDU << 8), &fns[0]);
	assert_ptr_equal(vpci_lookup(fns, 2, 0x80000000U | BIG << 8 | 0x10), &fns[1]);
	assert_null(vpci_lookup(fns, 2, 0x80000000U)); /* 00:00.0 is on the bus, not its */
	assert_null(vpci_lookup(fns, 2, 0x80000000U | PCI_BDF(0, 4, 0) << 8));
	assert_null(vpci_lookup(fns, 2, EDU << 8)); /* enable bit clear */
	assert_null(vpci_lookup(fns, 0, 0x80000000U | EDU << 8));
	/* What the bus shows at 00:00.0 instead of the real host bridge: a read-only one. */
	assert_int_equal(vpci_host_bridge_read(PCI_VENDOR_ID), VPCI_HOST_BRIDGE_ID);
	assert_int_equal(vpci_host_bridge_read(PCI_CLASS_REV) >> 16, PCI_CLASS_HOST_BRIDGE);
	assert_int_equal(vpci_host_bridge_read(PCI_HEADER_DWORD), 0); /* type 0, one function */
	assert_int_equal(vpci_host_bridge_read(PCI_BAR0), 0);
	assert_int_equal(vpci_host_bridge_read(PCI_COMMAND), 0); /* no capability list */
}

static void bar_sizing(void **state)
{
	struct vpci_write out[VPCI_MAX_WRITES];
	struct vpci_fn big;

	(void)state;
	assert_int_equal(vread(&vf, PCI_BAR0), 0xfea00000);
	assert_int_equal(vwrite(&vf, PCI_BAR0, 0xffffffff, 0xf, out), 0);
	assert_int_equal(vread(&vf, PCI_BAR0), 0xfff00000);
	assert_int_equal(vread(&vf, PCI_BAR0 + 4), 0); /* no BAR there */
	assert_int_equal(vwrite(&vf, PCI_BAR0, 0xfea00000, 0xf, out), 0);
	assert_int_equal(vread(&vf, PCI_BAR0), 0xfea00000);
	vpci_fn_reset(&big, &hw_big);
	vwrite(&big, PCI_BAR0, 0xffffffff, 0xf, out);
	vwrite(&big, PCI_BAR0 + 4, 0xffffffff, 0xf, out);
	vwrite(&big, PCI_BAR0 + 8, 0xffffffff, 0xf, out);
	assert_int_equal(vread(&big, PCI_BAR0), 0xffffc000 | PCI_BAR_MEM64 | PCI_BAR_PREFETCH);
	assert_int_equal(vread(&big, PCI_BAR0 + 4), 0xffffffff);
	assert_int_equal(vread(&big, PCI_BAR0 + 8), 0xffffffe0 | PCI_BAR_IO);
	assert_int_equal(writes, 0); /* the hardware never saw any of it */
}

static void bar_move_refused(void **state)
{
	struct vpci_write out[VPCI_MAX_WRITES];
	struct vpci_fn big;

	(void)state;
	assert_int_equal(vwrite(&vf, PCI_BAR0, 0x10000000, 0xf, out), 0);
	assert_int_equal(vread(&vf, PCI_BAR0), 0xfea00000);
	assert_int_equal(vwrite(&vf, PCI_BAR0, 0xffffffff, 0x3, out), 0); /* partial */
	assert_int_equal(vread(&vf, PCI_BAR0), 0xfea00000);
	vpci_fn_reset(&big, &hw_big);
	assert_int_equal(vwrite(&big, PCI_BAR0 + 4, 0, 0xf, out), 0);
	assert_int_equal(vread(&big, PCI_BAR0 + 4), 0x8);
	assert_int_equal(vwrite(&vf, PCI_ROM, 0xfffff800, 0xf, out), 0);
	assert_int_equal(vread(&vf, PCI_ROM), 0);
	assert_int_equal(writes, 0);
}

static void command_bits(void **state)
{
	struct vpci_write out[VPCI_MAX_WRITES];

	(void)state;
	*reg(EDU, PCI_COMMAND) = 0xffff0000U | (1U << 8) | PCI_CMD_MEM; /* status bits, SERR# */
	assert_int_equal(vwrite(&vf, PCI_COMMAND, 0xffffffff, 0xf, out), 1);
	assert_int_equal(out[0].off, PCI_COMMAND);
	/* Enables and INTx-off pass, SERR# stays, the status half is written as zeros. */
	assert_int_equal(out[0].val,
			 PCI_CMD_IO | PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_OFF | (1U << 8));
	assert_int_equal(vwrite(&vf, PCI_COMMAND, 0, 0x1, out), 1);
	assert_int_equal(out[0].val, 1U << 8);
	/* A byte write into the status half alone touches nothing. */
	assert_int_equal(vwrite(&vf, PCI_COMMAND, 0xff000000, 0x8, out), 0);
	/* Other header registers and plain capabilities are read-only. */
	assert_int_equal(vwrite(&vf, PCI_HEADER_DWORD, 0xffffffff, 0xf, out), 0);
	assert_int_equal(vwrite(&vf, PCI_INTERRUPT, 0xff, 0x1, out), 0);
	assert_int_equal(vwrite(&vf, 0x80 + PCI_PM_CTRL, 3, 0xf, out), 0);
}

/* The dword the writes put at @off, or ~0 if none did. */
static uint32_t written(const struct vpci_write *out, size_t n, unsigned int off)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].off == off)
			return out[i].val;
	return ~0U;
}

static void msi_rewrite(void **state)
{
	struct vpci_write out[VPCI_MAX_WRITES];
	size_t n;

	(void)state;
	/* To core 3 (its own), vector 0x51, NMI delivery asked: fixed delivery to core 3. */
	vwrite(&vf, 0x44, 0xfee03000, 0xf, out);
	vwrite(&vf, 0x48, 0, 0xf, out);
	n = vwrite(&vf, 0x4c, 0x451, 0x3, out);
	assert_int_equal(written(out, n, 0x44), 0xfee03000);
	assert_int_equal(written(out, n, 0x48), 0);
	assert_int_equal(written(out, n, 0x4c), 0x51);
	assert_int_equal(written(out, n, 0x40) & PCI_MSI_CTL_ENABLE, 0);
	/* Enabled, with multiple messages asked for: one message. */
	n = vwrite(&vf, 0x40, (PCI_MSI_CTL_ENABLE | PCI_MSI_CTL_MME), 0xc, out);
	assert_int_equal(written(out, n, 0x40) & (PCI_MSI_CTL_ENABLE | PCI_MSI_CTL_MME),
			 PCI_MSI_CTL_ENABLE);
	/* Another partition's core 0: the owner's first core instead; reads show what it wrote. */
	n = vwrite(&vf, 0x44, 0xfee00000, 0xf, out);
	assert_int_equal(written(out, n, 0x44), 0xfee02000);
	assert_int_equal(vread(&vf, 0x44), 0xfee00000);
	assert_int_equal(vread(&vf, 0x4c), 0x451);
	assert_int_equal(vread(&vf, 0x40) & PCI_MSI_CTL_ENABLE, PCI_MSI_CTL_ENABLE);
	/* Logical destination 3: not a physical core of its own either. */
	n = vwrite(&vf, 0x44, 0xfee03000 | MSI_ADDR_LOGICAL, 0xf, out);
	assert_int_equal(written(out, n, 0x44), 0xfee02000);
	/* An exception vector: the device is left disabled. */
	n = vwrite(&vf, 0x4c, 0x08, 0x3, out);
	assert_int_equal(written(out, n, 0x40) & PCI_MSI_CTL_ENABLE, 0);
	assert_false(vf.msi_routable);
}

static bool route_calls;

static bool test_route(uint16_t bdf, const struct vpci_owner *o, uint64_t addr, uint32_t data,
		       uint64_t *hw_addr, uint32_t *hw_data)
{
	(void)o;
	assert_int_equal(bdf, vf.hw->bdf); /* the remapping entry is the function's own */
	route_calls = true;
	*hw_addr = 0xfee00010 | (addr & 0xff000); /* a remapped format, as an IOMMU would */
	*hw_data = data + 1;
	return true;
}

static void msi_route_hook(void **state)
{
	struct vpci_write out[VPCI_MAX_WRITES];
	size_t n;

	(void)state;
	vpci_msi_route = test_route;
	n = vwrite(&vf, 0x44, 0xfee05000, 0xf, out);
	assert_true(route_calls);
	assert_int_equal(written(out, n, 0x44), 0xfee05010);
	assert_int_equal(written(out, n, 0x4c), 1);
}

/* Reading the list through the view: MSI, then PM; MSI-X (its table is in a BAR) is gone. */
static void msix_hidden(void **state)
{
	unsigned int ptr = vread(&vf, PCI_CAP_PTR) & 0xfc, ids[4], n = 0;

	(void)state;
	while (ptr && n < 4) {
		uint32_t hdr = vread(&vf, ptr);

		ids[n++] = hdr & 0xff;
		ptr = (hdr >> 8) & 0xfc;
	}
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], PCI_CAP_ID_MSI);
	assert_int_equal(ids[1], PCI_CAP_ID_PM);
	/* MSI-X first in the list: the pointer skips it. */
	*reg(EDU, PCI_CAP_PTR) = 0x60;
	pci_read_func(&fake, EDU, &hw_edu);
	assert_int_equal(vread(&vf, PCI_CAP_PTR) & 0xfc, 0x80);
}

static void legacy_line_route(void **state)
{
	(void)state;
	/* Vector 0x34 to its core 3, unmasked, ISA wiring: edge, active high. */
	assert_int_equal(pirq_route(&owner, 0x0300000000000034ULL, 0), 0x0300000000000034ULL);
	/* Another core, logical, NMI delivery: fixed to its first core. */
	assert_int_equal(pirq_route(&owner, 0x0100000000000c34ULL, 0), 0x0200000000000034ULL);
	/* The line's own trigger and polarity (a level, active-low override). */
	assert_int_equal(pirq_route(&owner, 0x0200000000000034ULL, 0xf),
			 0x0200000000000034ULL | PIRQ_RTE_LEVEL | PIRQ_RTE_POLARITY_LOW);
	/* Masked stays masked; an exception vector is masked. */
	assert_true(pirq_route(&owner, 0x0200000000010034ULL, 0) & PIRQ_RTE_MASKED);
	assert_true(pirq_route(&owner, 0x0200000000000008ULL, 0) & PIRQ_RTE_MASKED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(scan_finds_functions, board),
	    cmocka_unit_test_setup(scan_sizes_bars, board),
	    cmocka_unit_test_setup(capability_walk, board),
	    cmocka_unit_test_setup(absent_functions, view),
	    cmocka_unit_test_setup(bar_sizing, view),
	    cmocka_unit_test_setup(bar_move_refused, view),
	    cmocka_unit_test_setup(command_bits, view),
	    cmocka_unit_test_setup(msi_rewrite, view),
	    cmocka_unit_test_setup(msi_route_hook, view),
	    cmocka_unit_test_setup(msix_hidden, view),
	    cmocka_unit_test_setup(legacy_line_route, view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
