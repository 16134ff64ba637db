/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU's "edu" teaching device (QEMU docs/specs/edu.rst): BAR0 registers, the factorial unit,
 * interrupts and the DMA engine with its 4 KiB buffer. */
#ifndef GUEST_EDU_H
#define GUEST_EDU_H

#include <stdbool.h>
#include <stdint.h>

#define EDU_VENDOR 0x1234
#define EDU_DEVICE 0x11e8

#define EDU_ID		0x00 /* 0xRRrr00ed: major, minor, 0x00ed */
#define EDU_ID_LOW	0xed
#define EDU_LIVENESS	0x04 /* reads back the inverse of what was written */
#define EDU_FACTORIAL	0x08
#define EDU_STATUS	0x20
#define EDU_STATUS_BUSY 0x01 /* computing */
#define EDU_STATUS_IRQ	0x80 /* raise an interrupt when the factorial is done */
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define EDU_IRQ_FACT	0x001
#define EDU_IRQ_DMA	0x100
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_DMA_START	0x1
#define EDU_DMA_TO_RAM	0x2 /* direction: buffer -> RAM; clear: RAM -> buffer */
#define EDU_DMA_IRQ	0x4
#define EDU_DMA_BUF	0x40000UL /* the device-side address of its buffer */
#define EDU_DMA_SIZE	0x1000UL
/* QEMU 7.2's range check takes a transfer that ends exactly at the buffer's end for out of
 * bounds and stops the whole emulator ("hardware error"): stay below it. */
#define EDU_DMA_MAX (EDU_DMA_SIZE / 2)
/* edu masks DMA addresses to 28 bits: RAM it reaches lies below 256 MiB. */
#define EDU_DMA_LIMIT (1ULL << 28)

static inline uint32_t edu_read(uint64_t bar, unsigned int reg)
{
	return *(volatile uint32_t *)(bar + reg);
}
static inline void edu_write(uint64_t bar, unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(bar + reg) = v;
}

/* n!, computed by the device (with EDU_STATUS_IRQ first if @irq): polls the busy bit. */
uint32_t edu_factorial(uint64_t bar, uint32_t n, bool irq);

/* One transfer of @len bytes (@off + @len below EDU_DMA_SIZE: EDU_DMA_MAX from 0) between bus address @ram and the buffer at
 * @off; @irq asks for the DMA interrupt at the end. Returns false when the engine did not
 * finish within @timeout_us. The bus address is what the device emits: host-physical without
 * an IOMMU, an IOVA behind one. */
bool edu_dma_to_device(uint64_t bar, uint64_t ram, uint32_t off, uint32_t len, bool irq,
		       uint64_t timeout_us);
bool edu_dma_from_device(uint64_t bar, uint64_t ram, uint32_t off, uint32_t len, bool irq,
			 uint64_t timeout_us);

#endif
