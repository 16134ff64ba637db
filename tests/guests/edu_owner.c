// SPDX-License-Identifier: BSD-2-Clause
// PCI passthrough guest (tests/boot/test_pci.py): owns QEMU's edu. Finds it through its virtual
// bus (nothing else on it), checks the filtered configuration space (BAR sizing, a BAR move
// refused, command bits, MSI), talks to it (identification, liveness, factorial), takes its MSI,
// DMAs into its own memory; then hands edu's BAR0 address to the prober, and keeps working
// after the prober's access to it faulted. Then it asks for its own reset (on-fault "restart")
// with MSI on and BAR0 left mid-sizing; its second run finds edu and its view as at power-on.

#include "guest.h"
#include "apic.h"
#include "edu.h"
#include "pci.h"
#include "pci_test.h"
#include "trap.h"

#define VEC_EDU		    0x50
#define EDU_BAR0	    0
#define BAR0_SIZE	    0x100000U
#define WAIT_US		    5000000
#define CMD_SERR	    (1U << 8)
#define NOT_MINE	    0x9000000UL /* owner memory, but no BAR may move there */
#define PATTERN		    0x5a5aa5a5c3c33c3cULL
#define RNG_VENDOR	    0x1af4 /* virtio 1.0 entropy device */
#define RNG_DEVICE	    0x1044
#define RNG_BAR4	    (PCI_BAR0 + 16)
#define RNG_BAR4_SIZE	    0x4000U
#define PCI_CAP_ID_PCIE	    0x10
#define VIRTUAL_HOST_BRIDGE 0x00081b36U /* docs/devices.md */
#define RESET_PORT	    0x600 /* the partition's reset register (docs/partition-view.md) */
#define RESET_VALUE	    0x01

static volatile uint64_t irqs, edu_bar;
static volatile uint32_t irq_causes; /* every interrupt status the handler acknowledged */

static void on_edu(struct trap_frame *f)
{
	uint32_t st;

	(void)f;
	st = edu_read(edu_bar, EDU_IRQ_STATUS);
	edu_write(edu_bar, EDU_IRQ_ACK, st);
	irq_causes |= st;
	irqs++;
	apic_eoi();
}

static bool wait_irqs(uint64_t want)
{
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * (WAIT_US / 1000);

	irq_enable();
	while (irqs < want && rdtsc() - start < limit)
		cpu_relax();
	irq_disable();
	return irqs >= want;
}

static uint16_t find_edu(void)
{
	unsigned int found;
	uint16_t bdf = 0;

	GUEST_ASSERT(pci_find(EDU_VENDOR, EDU_DEVICE, 1, &bdf, &found));
	guest_printf("edu: found %x:%x at %x:%x.%x, %u function(s) on buses 0-1\n", EDU_VENDOR,
		     EDU_DEVICE, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, found);
	/* Its own (edu, virtio-rng) and the virtual host bridge; no root port. */
	GUEST_ASSERT_EQ(found, 3);
	GUEST_ASSERT_EQ(pci_read32(0, 0), VIRTUAL_HOST_BRIDGE); /* not the real 8086:29c0 */
	GUEST_ASSERT_EQ(pci_read32(0, 0x08) >> 16, 0x0600);
	return bdf;
}

static uint64_t check_bar(uint16_t bdf)
{
	uint32_t bar = pci_read32(bdf, PCI_BAR0) & ~0xfU;

	GUEST_ASSERT_EQ(pci_bar_size(bdf, EDU_BAR0), BAR0_SIZE);
	GUEST_ASSERT_EQ(pci_read32(bdf, PCI_BAR0) & ~0xfU, bar); /* sizing left it */
	pci_write32(bdf, PCI_BAR0, (uint32_t)NOT_MINE);
	GUEST_ASSERT_EQ(pci_read32(bdf, PCI_BAR0) & ~0xfU, bar); /* the move was refused */
	GUEST_ASSERT_EQ(pci_read32(bdf, 0x30), 0);		 /* no option ROM */
	guest_printf("edu: BAR0 0x%x, %u KiB; a move to 0x%lx was refused\n", bar, BAR0_SIZE / 1024,
		     NOT_MINE);
	return bar;
}

/* A PCI Express function behind a root port: MSI-X unlinked from its list, its 64-bit BAR
 * sized through both halves and mapped. */
static void check_rng(void)
{
	unsigned int found, steps;
	uint16_t bdf = 0;
	uint32_t lo, hi;
	uint64_t bar;

	GUEST_ASSERT(pci_find(RNG_VENDOR, RNG_DEVICE, 1, &bdf, &found));
	GUEST_ASSERT_EQ(pci_find_cap(bdf, PCI_CAP_ID_MSIX, &steps), 0);
	GUEST_ASSERT(pci_find_cap(bdf, PCI_CAP_ID_PCIE, &steps) != 0);
	lo = pci_read32(bdf, RNG_BAR4);
	hi = pci_read32(bdf, RNG_BAR4 + 4);
	GUEST_ASSERT_EQ(lo & 0xe, 0xc); /* 64-bit, prefetchable: as the function has it */
	pci_write32(bdf, RNG_BAR4, 0xffffffffU);
	pci_write32(bdf, RNG_BAR4 + 4, 0xffffffffU);
	GUEST_ASSERT_EQ(pci_read32(bdf, RNG_BAR4) & ~0xfU, (uint32_t)-RNG_BAR4_SIZE);
	GUEST_ASSERT_EQ(pci_read32(bdf, RNG_BAR4 + 4), 0xffffffffU);
	pci_write32(bdf, RNG_BAR4, lo);
	pci_write32(bdf, RNG_BAR4 + 4, hi);
	bar = (uint64_t)hi << 32 | (lo & ~0xfU);
	(void)*(volatile uint32_t *)bar; /* mapped: no fault */
	guest_printf("edu: virtio-rng at %x:%x.%x: MSI-X hidden, PCIe, BAR4 0x%lx (64-bit, %u KiB) "
		     "mapped\n",
		     bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, bar, RNG_BAR4_SIZE / 1024);
}

/* Enables pass; SERR# (a platform error report) keeps what firmware set, whatever we write. */
static void check_command(uint16_t bdf)
{
	uint16_t before = pci_read16(bdf, PCI_COMMAND), cmd;

	pci_write16(bdf, PCI_COMMAND, PCI_CMD_MEM | PCI_CMD_MASTER | (~before & CMD_SERR));
	cmd = pci_read16(bdf, PCI_COMMAND);
	GUEST_ASSERT_EQ(cmd & (PCI_CMD_MEM | PCI_CMD_MASTER), PCI_CMD_MEM | PCI_CMD_MASTER);
	GUEST_ASSERT_EQ(cmd & CMD_SERR, before & CMD_SERR);
	guest_printf("edu: command 0x%x (memory, bus master; SERR# kept at %u)\n", cmd,
		     (before & CMD_SERR) ? 1 : 0);
}

static void check_registers(uint64_t bar)
{
	uint32_t id = edu_read(bar, EDU_ID);

	GUEST_ASSERT_EQ(id & 0xffff, EDU_ID_LOW);
	edu_write(bar, EDU_LIVENESS, 0x12345678);
	GUEST_ASSERT_EQ(edu_read(bar, EDU_LIVENESS), ~0x12345678U);
	GUEST_ASSERT_EQ(edu_factorial(bar, 5, false), 120);
	GUEST_ASSERT_EQ(edu_factorial(bar, 10, false), 3628800);
	guest_printf("edu: id 0x%x, liveness inverted, 5! = 120, 10! = 3628800\n", id);
}

static void check_msi(uint16_t bdf, uint64_t bar)
{
	unsigned int steps, cap = pci_find_cap(bdf, PCI_CAP_ID_MSI, &steps);

	GUEST_ASSERT(cap != 0);
	trap_set_handler(VEC_EDU, on_edu);
	GUEST_ASSERT(pci_msi_enable(bdf, apic_id(), VEC_EDU));
	/* It reads back the message it wrote, whatever the device was given. */
	GUEST_ASSERT_EQ(pci_read32(bdf, cap + 4), 0xfee00000U | apic_id() << 12);
	GUEST_ASSERT_EQ(edu_factorial(bar, 6, true), 720);
	GUEST_ASSERT(wait_irqs(1));
	edu_write(bar, EDU_IRQ_RAISE, 0x8);
	GUEST_ASSERT(wait_irqs(2));
	guest_printf("edu: MSI vector 0x%x taken %lu times\n", VEC_EDU, (uint64_t)irqs);
}

static void check_dma(uint64_t bar)
{
	volatile uint64_t *src = (volatile uint64_t *)PCI_TEST_DMA_BASE;
	volatile uint64_t *dst = (volatile uint64_t *)(PCI_TEST_DMA_BASE + EDU_DMA_MAX);
	uint64_t before = irqs;

	irq_causes = 0;

	for (unsigned int i = 0; i < EDU_DMA_MAX / 8; i++) {
		src[i] = PATTERN ^ i;
		dst[i] = 0;
	}
	GUEST_ASSERT(edu_dma_to_device(bar, PCI_TEST_DMA_BASE, 0, EDU_DMA_MAX, true, WAIT_US));
	GUEST_ASSERT(edu_dma_from_device(bar, PCI_TEST_DMA_BASE + EDU_DMA_MAX, 0, EDU_DMA_MAX, true,
					 WAIT_US));
	for (unsigned int i = 0; i < EDU_DMA_MAX / 8; i++)
		GUEST_ASSERT_EQ(dst[i], PATTERN ^ i);
	/* Two DMA interrupts raised while ours were off arrive as one (one IRR bit). */
	GUEST_ASSERT(wait_irqs(before + 1));
	GUEST_ASSERT(irq_causes & EDU_IRQ_DMA);
	guest_printf("edu: DMA of %u bytes to the device and back into my memory at 0x%lx\n",
		     (unsigned int)EDU_DMA_MAX, PCI_TEST_DMA_BASE + EDU_DMA_MAX);
}

/* The prober says it is about to touch the BAR; its fault must leave edu and us alone. */
static void hand_over(uint64_t bar)
{
	struct pci_test_slot *out = (struct pci_test_slot *)PCI_TEST_BAR_CHANNEL;
	const struct pci_test_slot *ready = (const struct pci_test_slot *)PCI_TEST_READY_CHANNEL;
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * (WAIT_US / 1000) * 4;

	out->value = bar;
	while (!ready->value) {
		GUEST_ASSERT(rdtsc() - start < limit);
		cpu_relax();
	}
	guest_udelay(300000);
}

/* The prober's "ready" is a channel we only read: a restart does not clear it. */
static bool restarted(void)
{
	return ((const struct pci_test_slot *)PCI_TEST_READY_CHANNEL)->value != 0;
}

static _Noreturn void ask_for_reset(uint16_t bdf)
{
	pci_write32(bdf, PCI_BAR0, 0xffffffffU);
	guest_printf("edu: asking for a reset with MSI on and BAR0 being sized\n");
	outb(RESET_PORT, RESET_VALUE);
	guest_printf("edu: still running after the reset request\n");
	guest_test_exit(GUEST_EXIT_FAIL);
}

static _Noreturn void second_run(void)
{
	uint16_t bdf = find_edu();
	unsigned int steps, cap = pci_find_cap(bdf, PCI_CAP_ID_MSI, &steps);
	uint64_t bar = pci_read32(bdf, PCI_BAR0) & ~0xfU;

	GUEST_ASSERT(bar != (uint32_t)-BAR0_SIZE);	  /* no longer mid-sizing */
	GUEST_ASSERT_EQ(pci_read16(bdf, cap + 2) & 1, 0); /* MSI off */
	edu_bar = bar;
	check_command(bdf);
	check_registers(bar);
	check_msi(bdf, bar);
	check_dma(bar);
	guest_printf("edu: pass after its restart\n");
	guest_test_exit(GUEST_EXIT_PASS);
}

void guest_main(void);
void guest_main(void)
{
	uint16_t bdf;
	uint64_t bar;

	trap_init();
	apic_enable();
	if (restarted())
		second_run();
	bdf = find_edu();
	bar = check_bar(bdf);
	edu_bar = bar;
	check_command(bdf);
	check_registers(bar);
	check_msi(bdf, bar);
	check_dma(bar);
	check_rng();
	hand_over(bar);
	check_registers(bar);
	check_dma(bar);
	guest_printf("edu: pass\n");
	ask_for_reset(bdf);
}
