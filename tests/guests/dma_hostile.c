// SPDX-License-Identifier: BSD-2-Clause
// DMA guest (tests/boot/test_iommu.py): owns QEMU's edu. First a round trip through the device
// inside its own memory, read back and compared, and a write into its own read-only memory
// that must not land; then it aims the DMA engine at the victim's secret, by host address and
// by guest address, to write junk there and to read it out. Each attack must fault in the
// IOMMU (Bulkhead logs it) and bring nothing back. Its own MSI reaches its core. Built as
// dma-forger.bin, it ends by forging an interrupt message by DMA for the victim's core, which
// interrupt remapping must block.

#include "guest.h"
#include "apic.h"
#include "dma_test.h"
#include "edu.h"
#include "pci.h"
#include "trap.h"

#define WAIT_US 5000000
#define WORDS	(EDU_DMA_MAX / sizeof(uint64_t))
#define MSI_LEN 4 /* one dword: one interrupt message */
#ifndef DMA_FORGE_MSI
#define DMA_FORGE_MSI 0 /* dma-forger.bin: 1 (tests/boot/test_iommu.py) */
#endif

static volatile uint64_t irqs;
static uint64_t bar;

static void on_edu(struct trap_frame *f)
{
	(void)f;
	edu_write(bar, EDU_IRQ_ACK, edu_read(bar, EDU_IRQ_STATUS));
	irqs++;
	apic_eoi();
}

static uint64_t edu_setup(uint16_t *bdf_out)
{
	unsigned int found;
	uint16_t bdf;

	GUEST_ASSERT(pci_find(EDU_VENDOR, EDU_DEVICE, 0, &bdf, &found));
	GUEST_ASSERT_EQ(bdf, DMA_EDU_BDF);
	pci_write16(bdf, PCI_COMMAND, PCI_CMD_MEM | PCI_CMD_MASTER);
	*bdf_out = bdf;
	return pci_read32(bdf, PCI_BAR0) & ~0xfULL;
}

static void fill(uint64_t gpa, uint64_t (*word)(uint64_t i))
{
	volatile uint64_t *p = (volatile uint64_t *)gpa;

	for (uint64_t i = 0; i < WORDS; i++)
		p[i] = word(i);
}

static uint64_t junk(uint64_t i)
{
	return DMA_JUNK(i);
}

static uint64_t zero(uint64_t i)
{
	(void)i;
	return 0;
}

/* How many words at @gpa hold the victim's secret. */
static uint64_t secret_words(uint64_t gpa)
{
	const volatile uint64_t *p = (const volatile uint64_t *)gpa;
	uint64_t n = 0;

	for (uint64_t i = 0; i < WORDS; i++)
		n += p[i] == DMA_SECRET(i);
	return n;
}

static void own_round_trip(void)
{
	const volatile uint64_t *dst = (const volatile uint64_t *)DMA_OWN_DST;

	fill(DMA_OWN_SRC, junk);
	fill(DMA_OWN_DST, zero);
	GUEST_ASSERT(edu_dma_to_device(bar, DMA_OWN_SRC, 0, EDU_DMA_MAX, false, WAIT_US));
	GUEST_ASSERT(edu_dma_from_device(bar, DMA_OWN_DST, 0, EDU_DMA_MAX, false, WAIT_US));
	for (uint64_t i = 0; i < WORDS; i++)
		GUEST_ASSERT_EQ(dst[i], DMA_JUNK(i));
	guest_printf("dma-hostile: DMA round trip through edu in my own memory: %lu bytes read "
		     "back\n",
		     (unsigned long)EDU_DMA_MAX);
}

/* The device's buffer holds junk; it is written to @target, then @target is read into the
 * buffer and the buffer into our memory: none of it may be the secret. */
static void attack(uint64_t target, const char *what)
{
	fill(DMA_OWN_SRC, junk);
	GUEST_ASSERT(edu_dma_to_device(bar, DMA_OWN_SRC, 0, EDU_DMA_MAX, false, WAIT_US));
	guest_printf("dma-hostile: writing junk to the victim's %s address 0x%lx\n", what,
		     (unsigned long)target);
	GUEST_ASSERT(edu_dma_from_device(bar, target, 0, EDU_DMA_MAX, false, WAIT_US));
	guest_printf("dma-hostile: reading the victim's %s address 0x%lx\n", what,
		     (unsigned long)target);
	GUEST_ASSERT(edu_dma_to_device(bar, target, 0, EDU_DMA_MAX, false, WAIT_US));
	fill(DMA_OWN_DST, zero);
	GUEST_ASSERT(edu_dma_from_device(bar, DMA_OWN_DST, 0, EDU_DMA_MAX, false, WAIT_US));
	GUEST_ASSERT_EQ(secret_words(DMA_OWN_DST), 0);
	guest_printf("dma-hostile: nothing of the secret came back from 0x%lx\n",
		     (unsigned long)target);
}

/* Its own MSI reaches its own core, through the entry Bulkhead wrote for edu. */
static void own_msi(uint16_t bdf)
{
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * (WAIT_US / 1000);

	trap_set_handler(DMA_VEC_OWN, on_edu);
	GUEST_ASSERT(pci_msi_enable(bdf, apic_id(), DMA_VEC_OWN));
	edu_write(bar, EDU_IRQ_RAISE, 0x8);
	irq_enable();
	while (!irqs && rdtsc() - start < limit)
		cpu_relax();
	irq_disable();
	GUEST_ASSERT_EQ(irqs, 1);
	guest_printf("dma-hostile: my MSI (vector 0x%x) arrived\n", DMA_VEC_OWN);
}

/* A DMA write of one dword into the interrupt range is an interrupt message: a forged one,
 * fixed delivery of DMA_VEC_FORGED to the victim's core. Remapping must block it. */
static void forge_msi(void)
{
	volatile uint32_t *msg = (volatile uint32_t *)DMA_OWN_SRC;

	*msg = DMA_VEC_FORGED;
	GUEST_ASSERT(edu_dma_to_device(bar, DMA_OWN_SRC, 0, MSI_LEN, false, WAIT_US));
	guest_printf("dma-hostile: forging an MSI, vector 0x%x to APIC ID 0, by DMA to 0x%lx\n",
		     DMA_VEC_FORGED, (unsigned long)DMA_MSI_VICTIM);
	GUEST_ASSERT(edu_dma_from_device(bar, DMA_MSI_VICTIM, 0, MSI_LEN, false, WAIT_US));
	guest_printf("dma-hostile: forged MSI sent\n");
}

/* Its own read-only region: the device gets the partition's rights, so the write faults and
 * the region keeps the zeros Bulkhead scrubbed it to. */
static void write_read_only(void)
{
	const volatile uint64_t *ro = (const volatile uint64_t *)DMA_OWN_RO;

	fill(DMA_OWN_SRC, junk);
	GUEST_ASSERT(edu_dma_to_device(bar, DMA_OWN_SRC, 0, EDU_DMA_MAX, false, WAIT_US));
	guest_printf("dma-hostile: writing junk to my read-only memory at 0x%lx\n",
		     (unsigned long)DMA_OWN_RO);
	GUEST_ASSERT(edu_dma_from_device(bar, DMA_OWN_RO, 0, EDU_DMA_MAX, false, WAIT_US));
	for (uint64_t i = 0; i < WORDS; i++)
		GUEST_ASSERT_EQ(ro[i], 0);
	guest_printf("dma-hostile: my read-only memory is unchanged\n");
}

void guest_main(void);
void guest_main(void)
{
	uint16_t bdf;

	trap_init();
	apic_enable();
	guest_udelay(DMA_HOSTILE_DELAY_US);
	bar = edu_setup(&bdf);
	guest_printf("dma-hostile: edu at 00:03.0, BAR0 0x%lx\n", (unsigned long)bar);
	own_round_trip();
	own_msi(bdf);
	write_read_only();
	attack(DMA_SECRET_HOST, "host");
	attack(DMA_SECRET_GPA, "guest");
	if (DMA_FORGE_MSI)
		forge_msi();
	guest_printf("dma-hostile: done\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
