/* SPDX-License-Identifier: BSD-2-Clause */
/* PCI configuration registers (PCI Local Bus 3.0, chapter 6; PCI Express Base 4.0, 7.5). */
#ifndef BULKHEAD_PCI_REGS_H
#define BULKHEAD_PCI_REGS_H

#define PCI_BDF(bus, dev, fn) ((uint16_t)((bus) << 8 | (dev) << 3 | (fn)))
#define PCI_BDF_BUS(bdf)      ((unsigned int)(bdf) >> 8)
#define PCI_BDF_DEV(bdf)      (((unsigned int)(bdf) >> 3) & 0x1f)
#define PCI_BDF_FN(bdf)	      ((unsigned int)(bdf)&7)

/* Type 0 header. */
#define PCI_VENDOR_ID	 0x00
#define PCI_COMMAND	 0x04 /* 16 bits; the status register is the upper half */
#define PCI_CLASS_REV	 0x08
#define PCI_HEADER_DWORD 0x0c /* cache line, latency, header type, BIST */
#define PCI_BAR0	 0x10
#define PCI_BARS	 6
#define PCI_ROM		 0x30
#define PCI_CAP_PTR	 0x34
#define PCI_INTERRUPT	 0x3c /* line, pin, min grant, max latency */
#define PCI_HEADER_END	 0x40
#define PCI_CFG_SIZE	 0x100
#define PCI_ECAM_SIZE	 0x1000

#define PCI_VENDOR_NONE	      0xffff
#define PCI_HEADER_TYPE(d)    (((d) >> 16) & 0x7f)
#define PCI_HEADER_MULTI(d)   ((d) & (1U << 23))
#define PCI_HEADER_NORMAL     0
#define PCI_HEADER_BRIDGE     1
#define PCI_CLASS_HOST_BRIDGE 0x0600 /* class and subclass */
#define PCI_STATUS_CAP_LIST   (1U << (16 + 4))
#define PCI_MAX_CAPS	      48 /* (0x100 - 0x40) / 4: a longer walk is a loop */

#define PCI_CMD_IO	  (1U << 0)
#define PCI_CMD_MEM	  (1U << 1)
#define PCI_CMD_MASTER	  (1U << 2)
#define PCI_CMD_INTX_OFF  (1U << 10)
#define PCI_BAR_IO	  1U
#define PCI_BAR_MEM64	  4U /* memory type field bits 2:1 = 10b */
#define PCI_BAR_PREFETCH  8U
#define PCI_BAR_TYPE_MASK 6U
#define PCI_BAR_IO_MASK	  0xfffffffcU
#define PCI_BAR_MEM_MASK  0xfffffff0U

/* Capability IDs and fields. */
#define PCI_CAP_ID_PM	     0x01
#define PCI_CAP_ID_MSI	     0x05
#define PCI_CAP_ID_PCIE	     0x10
#define PCI_CAP_ID_MSIX	     0x11
#define PCI_PM_CTRL	     4 /* PMCSR */
#define PCI_PM_STATE	     3U
#define PCI_PM_D3HOT	     3U
#define PCI_PM_NO_SOFT_RESET (1U << 3)
#define PCI_PCIE_DEVCAP	     4
#define PCI_PCIE_DEVCTL	     8
#define PCI_DEVCAP_FLR	     (1U << 28)
#define PCI_DEVCTL_FLR	     (1U << 15)

/* MSI capability (PCI 3.0, 6.8.1): control in the upper half of the header dword. */
#define PCI_MSI_CTL_ENABLE  (1U << 16)
#define PCI_MSI_CTL_MME	    (7U << 20) /* multiple message enable */
#define PCI_MSI_CTL_64	    (1U << 23)
#define PCI_MSI_CTL_PVM	    (1U << 24) /* per-vector masking */
#define PCI_MSI_ADDR_LO	    4
#define PCI_MSIX_CTL_ENABLE (1U << 31)

/* The x86 MSI address and data (Intel SDM Vol. 3A, 11.11). */
#define MSI_ADDR_BASE	    0xfee00000U
#define MSI_ADDR_BASE_MASK  0xfff00000U
#define MSI_ADDR_DEST_SHIFT 12
#define MSI_ADDR_LOGICAL    (1U << 2)
#define MSI_ADDR_RH	    (1U << 3)
#define MSI_DATA_VECTOR	    0xffU
#define MSI_DATA_DELIVERY   (7U << 8)
#define MSI_DATA_LEVEL	    (1U << 15)

#endif
