/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the PCI passthrough guests (tests/config/pci-edu.dts): the channels between the
 * owner of QEMU's edu and the partition that owns nothing. */
#ifndef PCI_TEST_H
#define PCI_TEST_H

#include <stdint.h>

#define PCI_TEST_BAR_CHANNEL   0x80000000UL /* "edu-bar": owner -> prober, edu's BAR0 */
#define PCI_TEST_READY_CHANNEL 0x80001000UL /* "probe-ready": prober -> owner */
#define PCI_TEST_EDU_BDF       0x0018	    /* 00:03.0: -device edu,addr=3 */
#define PCI_TEST_DMA_BASE      0x8000000UL  /* the owner's memory where guest = host address */

struct pci_test_slot {
	volatile uint64_t value; /* 0 until written */
};

#endif
