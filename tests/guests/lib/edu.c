// SPDX-License-Identifier: BSD-2-Clause
// QEMU edu helpers: the factorial unit and the DMA engine (registers 0x80-0x98).

#include "edu.h"

#include "guest.h"

uint32_t edu_factorial(uint64_t bar, uint32_t n, bool irq)
{
	if (irq)
		edu_write(bar, EDU_STATUS, EDU_STATUS_IRQ);
	edu_write(bar, EDU_FACTORIAL, n);
	while (edu_read(bar, EDU_STATUS) & EDU_STATUS_BUSY)
		cpu_relax();
	return edu_read(bar, EDU_FACTORIAL);
}

/* The command register's start bit stays set until the transfer is done. */
static bool dma(uint64_t bar, uint64_t src, uint64_t dst, uint32_t len, uint32_t cmd,
		uint64_t timeout_us)
{
	uint64_t start = rdtsc(), khz = guest_tsc_khz() ? guest_tsc_khz() : 1000000;

	/* 64-bit registers, but edu takes a dword write at their start as the whole value and
	 * masks addresses to 28 bits anyway (EDU_DMA_LIMIT). */
	edu_write(bar, EDU_DMA_SRC, (uint32_t)src);
	edu_write(bar, EDU_DMA_DST, (uint32_t)dst);
	edu_write(bar, EDU_DMA_COUNT, len);
	edu_write(bar, EDU_DMA_CMD, cmd | EDU_DMA_START);
	while (edu_read(bar, EDU_DMA_CMD) & EDU_DMA_START) {
		if ((rdtsc() - start) / khz * 1000 > timeout_us)
			return false;
		cpu_relax();
	}
	return true;
}

bool edu_dma_to_device(uint64_t bar, uint64_t ram, uint32_t off, uint32_t len, bool irq,
		       uint64_t timeout_us)
{
	return dma(bar, ram, EDU_DMA_BUF + off, len, irq ? EDU_DMA_IRQ : 0, timeout_us);
}

bool edu_dma_from_device(uint64_t bar, uint64_t ram, uint32_t off, uint32_t len, bool irq,
			 uint64_t timeout_us)
{
	return dma(bar, EDU_DMA_BUF + off, ram, len, EDU_DMA_TO_RAM | (irq ? EDU_DMA_IRQ : 0),
		   timeout_us);
}
