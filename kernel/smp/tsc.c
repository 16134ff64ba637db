// SPDX-License-Identifier: BSD-2-Clause
// TSC frequency from the PIT, as firmware-independent as it gets: the start-up protocol needs delays.

#include "printk.h"
#include "tsc.h"
#include "x86.h"

/* 8254 PIT: channel 2 is gated by port 0x61 and its output can be read there (no IRQ needed). */
#define PIT_HZ		       1193182ULL
#define PIT_CH2		       0x42
#define PIT_CMD		       0x43
#define PIT_CTRL_PORT	       0x61
#define CTRL_GATE2	       0x01
#define CTRL_SPEAKER	       0x02
#define CTRL_OUT2	       0x20
#define PIT_CMD_CH2_MODE0_LOHI 0xb0

#define CALIBRATE_MS 10
/* Used when no PIT answers: delays get longer than asked, never shorter. */
#define FALLBACK_KHZ   4000000ULL
#define PIT_WAIT_LOOPS 100000000ULL

uint64_t tsc_khz = FALLBACK_KHZ;

void tsc_calibrate(void)
{
	uint16_t ticks = PIT_HZ * CALIBRATE_MS / 1000;
	uint8_t ctrl = inb(PIT_CTRL_PORT);
	uint64_t start, end, loops = 0;

	outb(PIT_CTRL_PORT, (ctrl & ~CTRL_SPEAKER) | CTRL_GATE2);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0_LOHI);
	outb(PIT_CH2, ticks & 0xff);
	outb(PIT_CH2, ticks >> 8);
	start = rdtsc();
	while (!(inb(PIT_CTRL_PORT) & CTRL_OUT2) && ++loops < PIT_WAIT_LOOPS)
		;
	end = rdtsc();
	outb(PIT_CTRL_PORT, ctrl);

	if (loops >= PIT_WAIT_LOOPS || end <= start) {
		pr_warn("tsc: PIT did not count; assuming %lu MHz",
			(unsigned long)(FALLBACK_KHZ / 1000));
		return;
	}
	tsc_khz = (end - start) / CALIBRATE_MS;
	pr_info("tsc: %lu.%03lu MHz (calibrated against the PIT)", tsc_khz / 1000, tsc_khz % 1000);
}

uint64_t tsc_deadline_us(uint64_t us)
{
	return rdtsc() + us * tsc_khz / 1000;
}

void udelay(uint64_t us)
{
	uint64_t deadline = tsc_deadline_us(us);

	while (rdtsc() < deadline)
		cpu_relax();
}
