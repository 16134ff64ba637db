// SPDX-License-Identifier: BSD-2-Clause
// PCI passthrough of an I/O BAR on Bochs (tests/boot/test_pci.py, tests/config/pci-uhci-vmx.dts):
// partition 0 owns the PIIX3 USB controller (UHCI, registers in I/O space) and reaches them
// through its I/O bitmap; partition 1 owns nothing: no function on its bus, and the same ports
// read all ones for it. Partition 0 hands the port base over through a channel.

#include "guest.h"
#include "pci.h"

#define UHCI_VENDOR 0x8086
#define UHCI_DEVICE 0x7020 /* PIIX3 USB */
#define UHCI_BAR4   (PCI_BAR0 + 16)
#define UHCI_PORTS  0x20U
#define UHCI_FRNUM  0x06 /* frame number, writable while the schedule is stopped */
#define UHCI_SOFMOD 0x0c /* start-of-frame timing, 0x40 after reset */
#define PCI_CMD_IO  (1U << 0)
#define CHANNEL	    0x80000000UL /* "uhci-base": owner -> outsider */

static void owner(void)
{
	volatile uint64_t *out = (volatile uint64_t *)CHANNEL;
	unsigned int found;
	uint16_t bdf = 0;
	uint32_t bar, size;
	uint16_t base;

	GUEST_ASSERT(pci_find(UHCI_VENDOR, UHCI_DEVICE, 0, &bdf, &found));
	GUEST_ASSERT_EQ(found, 2); /* and the virtual host bridge */
	bar = pci_read32(bdf, UHCI_BAR4);
	GUEST_ASSERT_EQ(bar & 1, 1); /* I/O space */
	pci_write32(bdf, UHCI_BAR4, 0xffffffffU);
	size = ~(pci_read32(bdf, UHCI_BAR4) & 0xfffcU & 0xffffU) & 0xffffU;
	pci_write32(bdf, UHCI_BAR4, bar);
	GUEST_ASSERT_EQ(size + 1, UHCI_PORTS);
	base = (uint16_t)(bar & ~3U);
	pci_write16(bdf, PCI_COMMAND, (uint16_t)(pci_read16(bdf, PCI_COMMAND) | PCI_CMD_IO));
	GUEST_ASSERT_EQ(inb(base + UHCI_SOFMOD), 0x40);
	outw(base + UHCI_FRNUM, 0x123);
	GUEST_ASSERT_EQ(inw(base + UHCI_FRNUM) & 0x7ff, 0x123);
	guest_printf("uhci: %x:%x.%x ports 0x%x-0x%x: SOF 0x40, frame number written and read\n",
		     bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, base, base + UHCI_PORTS - 1);
	*out = base;
	guest_test_exit(GUEST_EXIT_PASS);
}

static void outsider(void)
{
	const volatile uint64_t *in = (const volatile uint64_t *)CHANNEL;
	unsigned int found;
	uint16_t bdf, base;

	GUEST_ASSERT(!pci_find(UHCI_VENDOR, UHCI_DEVICE, 0, &bdf, &found));
	GUEST_ASSERT_EQ(found, 0);
	while (!*in)
		cpu_relax();
	base = (uint16_t)*in;
	GUEST_ASSERT_EQ(inb(base + UHCI_SOFMOD), 0xff);
	GUEST_ASSERT_EQ(inw(base + UHCI_FRNUM), 0xffff);
	guest_printf("outsider: no function on bus 0; ports 0x%x-0x%x read all ones\n", base,
		     base + UHCI_PORTS - 1);
	guest_test_exit(GUEST_EXIT_PASS);
}

void guest_main(void);
void guest_main(void)
{
	struct hc_partition_info info;

	guest_info(&info);
	if (info.index == 0)
		owner();
	outsider();
}
