// SPDX-License-Identifier: BSD-2-Clause
// PCI passthrough guest (tests/boot/test_pci.py): owns no function. Its configuration space
// shows nothing (edu's address included); then it reads edu's BAR0, which the owner handed it:
// not mapped for it, a fault, and on-fault "halt" ends it.

#include "guest.h"
#include "edu.h"
#include "pci.h"
#include "pci_test.h"

void guest_main(void);
void guest_main(void)
{
	const struct pci_test_slot *bar = (const struct pci_test_slot *)PCI_TEST_BAR_CHANNEL;
	struct pci_test_slot *ready = (struct pci_test_slot *)PCI_TEST_READY_CHANNEL;
	unsigned int found;
	uint16_t bdf;

	GUEST_ASSERT(!pci_find(EDU_VENDOR, EDU_DEVICE, 0, &bdf, &found));
	GUEST_ASSERT_EQ(found, 0);
	GUEST_ASSERT_EQ(pci_read32(PCI_TEST_EDU_BDF, 0), PCI_ABSENT);
	GUEST_ASSERT_EQ(pci_read32(PCI_TEST_EDU_BDF, PCI_BAR0), PCI_ABSENT);
	guest_printf("prober: no PCI function on bus 0, edu's address included\n");
	while (!bar->value)
		cpu_relax();
	guest_printf("prober: reading edu's BAR0 at 0x%lx\n", bar->value);
	ready->value = 1;
	(void)edu_read(bar->value, EDU_ID);
	guest_printf("prober: still running: the read was not stopped\n");
	guest_test_exit(GUEST_EXIT_FAIL);
}
