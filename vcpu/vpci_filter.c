// SPDX-License-Identifier: BSD-2-Clause
// A passed-through function's configuration space as its owner sees it: BARs stay where
// firmware put them, only the command bits that concern the function itself pass, MSI messages
// reach the owner's cores only, MSI-X (whose table is in a BAR) is hidden, the rest reads as the
// hardware has it and is never written.

#include "vpci_filter.h"

#include <string.h>

/* Decode enables, bus mastering and the function's own INTx mask: none reaches past the
 * function. Parity/SERR reporting, special cycles and the like would touch the platform. */
#define CMD_PASS     (PCI_CMD_IO | PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_OFF)
#define BYTES_ALL    0xfU
#define CMD_BYTES    0x3U
#define CTL_BYTES    0xcU /* the upper half of a capability's first dword */
#define DELIVERY_FIX 0U
#define VECTOR_MIN   32U /* 0-31 are exceptions */

vpci_msi_route_fn vpci_msi_route = vpci_msi_route_direct;

static uint32_t byte_mask(unsigned int be)
{
	uint32_t m = 0;

	for (unsigned int i = 0; i < 4; i++)
		if (be & (1U << i))
			m |= 0xffU << (8 * i);
	return m;
}

static uint32_t merge(uint32_t old, uint32_t val, unsigned int be)
{
	uint32_t m = byte_mask(be);

	return (old & ~m) | (val & m);
}

#define CF8_ENABLE (1U << 31)

struct vpci_fn *vpci_lookup(struct vpci_fn *fn, size_t n, uint32_t cf8)
{
	uint16_t bdf = (uint16_t)(cf8 >> 8);

	for (size_t i = 0; i < n && (cf8 & CF8_ENABLE); i++)
		if (fn[i].hw->bdf == bdf)
			return &fn[i];
	return NULL;
}

#define CLASS_HOST_BRIDGE 0x06000000U /* class 06, subclass 00, interface 00, revision 0 */

uint32_t vpci_host_bridge_read(unsigned int off)
{
	if (off == PCI_VENDOR_ID)
		return VPCI_HOST_BRIDGE_ID;
	return off == PCI_CLASS_REV ? CLASS_HOST_BRIDGE : 0;
}

void vpci_fn_reset(struct vpci_fn *f, const struct pci_func *hw)
{
	memset(f, 0, sizeof(*f));
	f->hw = hw;
}

/* ---- BARs: reads give firmware's placement, or the size after an all-ones write ---- */

/* Space, type and prefetchable as the function has them: drivers choose their mapping by them. */
static uint32_t bar_flags(const struct pci_bar *b)
{
	return b->flags;
}

static uint32_t bar_read(const struct vpci_fn *f, unsigned int i)
{
	const struct pci_bar *b = &f->hw->bar[i];
	bool sizing = f->sizing & (1U << i);

	if (b->upper) {
		const struct pci_bar *lo = &f->hw->bar[i - 1];

		return sizing ? (uint32_t)(~(lo->size - 1) >> 32) : (uint32_t)(lo->base >> 32);
	}
	if (!b->size)
		return 0;
	if (sizing)
		return ((uint32_t) ~(b->size - 1) & (b->io ? PCI_BAR_IO_MASK : PCI_BAR_MEM_MASK)) |
		       bar_flags(b);
	return (uint32_t)b->base | bar_flags(b);
}

/* No write moves a BAR: all ones starts sizing, anything else ends it and is dropped. */
static void bar_write(struct vpci_fn *f, unsigned int i, uint32_t val, unsigned int be)
{
	const struct pci_bar *b = &f->hw->bar[i];
	uint32_t addr_bits = b->io ? PCI_BAR_IO_MASK : PCI_BAR_MEM_MASK;

	if (be != BYTES_ALL)
		return;
	if (b->upper)
		addr_bits = 0xffffffffU;
	if ((val & addr_bits) == addr_bits)
		f->sizing |= (uint8_t)(1U << i);
	else
		f->sizing &= (uint8_t) ~(1U << i);
}

/* ---- capabilities: MSI-X hidden from the list ---- */

static unsigned int cap_index(const struct pci_func *hw, unsigned int off)
{
	for (unsigned int i = 0; i < hw->ncaps; i++)
		if (hw->cap[i] == off)
			return i;
	return PCI_MAX_CAPS;
}

/* The next pointer that skips MSI-X: the entry after it in the list, or the end. */
static uint32_t skip_msix(const struct pci_func *hw, uint32_t ptr)
{
	unsigned int i;

	if (!hw->cap_msix || ptr != hw->cap_msix)
		return ptr;
	i = cap_index(hw, hw->cap_msix);
	return i + 1 < hw->ncaps ? hw->cap[i + 1] : 0;
}

static uint32_t cap_header_read(const struct pci_func *hw, uint32_t v)
{
	uint32_t next = skip_msix(hw, (v >> 8) & 0xfc);

	return (v & ~0xff00U) | next << 8;
}

/* ---- MSI: the partition's message kept aside; the device gets the routed one ---- */

static bool msi_64(uint32_t hdr)
{
	return hdr & PCI_MSI_CTL_64;
}

static unsigned int msi_data_off(uint32_t hdr)
{
	return hdr & PCI_MSI_CTL_64 ? 0xc : 0x8;
}

static unsigned int msi_mask_off(uint32_t hdr)
{
	return msi_data_off(hdr) + 4;
}

bool vpci_msi_route_direct(uint16_t bdf, const struct vpci_owner *o, uint64_t addr, uint32_t data,
			   uint64_t *hw_addr, uint32_t *hw_data)
{
	uint32_t dest = (uint32_t)(addr >> MSI_ADDR_DEST_SHIFT) & 0xff, vector = data & 0xff;
	bool own = false;

	(void)bdf; /* without remapping, the message itself says where it goes */
	if (!o->n || vector < VECTOR_MIN)
		return false;
	/* Physical destination one of its cores: kept. Anything else (logical, redirection hint,
	 * another core): its first core. */
	for (size_t i = 0; i < o->n && !(addr & (MSI_ADDR_LOGICAL | MSI_ADDR_RH)); i++)
		own |= o->apic_id[i] == dest;
	if (!own)
		dest = o->apic_id[0];
	*hw_addr = MSI_ADDR_BASE | dest << MSI_ADDR_DEST_SHIFT;
	*hw_data = vector | DELIVERY_FIX;
	return true;
}

/* Capability ID, next pointer and the read-only control bits as enumerated; the partition's
 * enable, never a multiple-message block. */
static size_t msi_program(struct vpci_fn *f, const struct vpci_owner *o, struct vpci_write *out)
{
	unsigned int cap = f->hw->cap_msi;
	uint32_t hdr = f->hw->msi_hdr;
	uint64_t addr = (uint64_t)f->msi_addr_hi << 32 | f->msi_addr_lo, hw_addr = 0;
	uint32_t hw_data = 0;
	size_t n = 0;

	if (!msi_64(hdr))
		addr = f->msi_addr_lo;
	f->msi_routable = vpci_msi_route(f->hw->bdf, o, addr, f->msi_data, &hw_addr, &hw_data);
	/* A single message only (MME 0): no vector of a block past the one routed. */
	hdr &= ~(PCI_MSI_CTL_ENABLE | PCI_MSI_CTL_MME);
	out[n++] = (struct vpci_write){(uint16_t)cap, hdr};
	out[n++] = (struct vpci_write){(uint16_t)(cap + PCI_MSI_ADDR_LO), (uint32_t)hw_addr};
	if (msi_64(hdr))
		out[n++] = (struct vpci_write){(uint16_t)(cap + 8), (uint32_t)(hw_addr >> 32)};
	out[n++] = (struct vpci_write){(uint16_t)(cap + msi_data_off(hdr)), hw_data & 0xffff};
	if (f->msi_enable && f->msi_routable)
		out[0].val |= PCI_MSI_CTL_ENABLE;
	return n;
}

static uint32_t msi_read(const struct vpci_fn *f, unsigned int rel, uint32_t hw)
{
	uint32_t hdr = f->hw->msi_hdr;

	if (rel == 0)
		return (cap_header_read(f->hw, hw) & ~PCI_MSI_CTL_ENABLE) |
		       (f->msi_enable ? PCI_MSI_CTL_ENABLE : 0);
	if (rel == PCI_MSI_ADDR_LO)
		return f->msi_addr_lo;
	if (rel == 8 && msi_64(hdr))
		return f->msi_addr_hi;
	if (rel == msi_data_off(hdr))
		return f->msi_data;
	return hw;
}

/* Returns -1 when @rel is not an MSI register the partition may write (dropped). */
static long msi_write(struct vpci_fn *f, const struct vpci_owner *o, unsigned int rel, uint32_t val,
		      unsigned int be, uint32_t hw, struct vpci_write *out)
{
	uint32_t hdr = f->hw->msi_hdr;

	if (rel == 0) {
		if (!(be & CTL_BYTES))
			return 0;
		f->msi_enable = merge(hw, val, be) & PCI_MSI_CTL_ENABLE;
	} else if (rel == PCI_MSI_ADDR_LO) {
		f->msi_addr_lo = merge(f->msi_addr_lo, val, be);
	} else if (rel == 8 && msi_64(hdr)) {
		f->msi_addr_hi = merge(f->msi_addr_hi, val, be);
	} else if (rel == msi_data_off(hdr)) {
		f->msi_data = merge(f->msi_data, val, be) & 0xffff;
	} else if (rel == msi_mask_off(hdr) && (hdr & PCI_MSI_CTL_PVM)) {
		/* Per-vector mask bits only mask: they pass. */
		out[0] = (struct vpci_write){(uint16_t)(f->hw->cap_msi + rel), merge(hw, val, be)};
		return 1;
	} else {
		return -1;
	}
	return (long)msi_program(f, o, out);
}

/* ---- the dword dispatch ---- */

static bool in_msi(const struct vpci_fn *f, unsigned int off)
{
	unsigned int cap = f->hw->cap_msi, end = msi_mask_off(f->hw->msi_hdr);

	if (f->hw->msi_hdr & PCI_MSI_CTL_PVM)
		end += 8; /* mask and pending bits */
	return cap && off >= cap && off < cap + end;
}

uint32_t vpci_read(const struct vpci_fn *f, unsigned int off, uint32_t hw)
{
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 4 * PCI_BARS)
		return bar_read(f, (off - PCI_BAR0) / 4);
	if (off == PCI_ROM)
		return 0; /* no option ROM: it would be one more address to keep apart */
	if (off == PCI_CAP_PTR)
		return (hw & ~0xffU) | skip_msix(f->hw, hw & 0xfc);
	if (in_msi(f, off))
		return msi_read(f, off - f->hw->cap_msi, hw);
	if (cap_index(f->hw, off) < PCI_MAX_CAPS)
		return cap_header_read(f->hw, hw);
	return hw;
}

size_t vpci_write(struct vpci_fn *f, const struct vpci_owner *o, unsigned int off, uint32_t val,
		  unsigned int be, uint32_t hw, struct vpci_write out[VPCI_MAX_WRITES])
{
	if (off == PCI_COMMAND) {
		uint32_t cmd = hw & 0xffff;

		if (!(be & CMD_BYTES))
			return 0;
		cmd = (cmd & ~CMD_PASS) | (merge(cmd, val, be & CMD_BYTES) & CMD_PASS);
		/* The status half is write-one-to-clear: zeros leave it alone. */
		out[0] = (struct vpci_write){PCI_COMMAND, cmd};
		return 1;
	}
	if (off >= PCI_BAR0 && off < PCI_BAR0 + 4 * PCI_BARS) {
		bar_write(f, (off - PCI_BAR0) / 4, val, be);
		return 0;
	}
	if (in_msi(f, off)) {
		long n = msi_write(f, o, off - f->hw->cap_msi, val, be, hw, out);

		return n < 0 ? 0 : (size_t)n;
	}
	return 0;
}
