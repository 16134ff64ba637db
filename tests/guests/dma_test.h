/* SPDX-License-Identifier: BSD-2-Clause */
/* The DMA isolation scenario (tests/config/iommu-edu.dts): where the victim keeps its secret,
 * by host and by guest address, and where the partition owning QEMU's edu does its own DMA. */
#ifndef DMA_TEST_H
#define DMA_TEST_H

#include <stdint.h>

#define DMA_EDU_BDF 0x0018 /* 00:03.0 (the harness boards' edu,addr=03.0) */

/* The victim's memory@40000000: a guest address the hostile partition does not have, at a fixed
 * host address (the dts), so both kinds of address can be aimed at. */
#define DMA_SECRET_GPA	0x40000000ULL
#define DMA_SECRET_HOST 0x31000000ULL
#define DMA_SECRET_LEN	0x800ULL /* one edu transfer (EDU_DMA_MAX) */
#define DMA_SECRET(i)	(0x5ec7e75ec7e7ULL ^ ((uint64_t)(i)*0x100000001b3ULL))

/* The hostile partition's own memory: what it may DMA to and from. */
#define DMA_OWN_SRC 0x800000ULL
#define DMA_OWN_DST 0x900000ULL
#define DMA_JUNK(i) (0xbadbadbadULL ^ (uint64_t)(i))
/* Its memory@2000000, read-only (access "r"): its device may read there, never write. */
#define DMA_OWN_RO 0x2000000ULL

/* Interrupts: the hostile partition's own MSI, and the message it forges by DMA for the
 * victim's core (APIC ID 0), which the victim must never see. */
#define DMA_VEC_OWN    0x50
#define DMA_VEC_FORGED 0x41
#define DMA_MSI_VICTIM 0xfee00000ULL /* physical destination APIC ID 0 */

/* The hostile partition waits this long (guest time) so the victim is counting first. */
#define DMA_HOSTILE_DELAY_US 300000

#endif
