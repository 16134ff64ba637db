// SPDX-License-Identifier: BSD-2-Clause
// TSC frequency for the boot path's delays: from CPUID where it is stated, else the PIT.

#include <string.h>

#include "printk.h"
#include "tsc.h"
#include "tsc_source.h"
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
/* Used when nothing answers: delays get longer than asked, never shorter. */
#define FALLBACK_KHZ   4000000ULL
#define PIT_WAIT_LOOPS 100000000ULL

#define CPUID_1_ECX_HV (1U << 31)
#define LEAF_HV_BASE   0x40000000U
#define LEAF_15	       0x15U
#define LEAF_16	       0x16U

uint64_t tsc_khz = FALLBACK_KHZ;

static void read_cpuid(struct tsc_cpuid *c)
{
	struct cpuid_regs r = cpuid(0);
	char vendor[13] = "";

	memset(c, 0, sizeof(*c));
	c->max_basic = r.eax;
	memcpy(vendor, &r.ebx, 4);
	memcpy(vendor + 4, &r.edx, 4);
	memcpy(vendor + 8, &r.ecx, 4);
	c->intel = strcmp(vendor, "GenuineIntel") == 0;
	c->hypervisor = cpuid(1).ecx & CPUID_1_ECX_HV;
	if (c->intel && c->max_basic >= LEAF_15) {
		r = cpuid(LEAF_15);
		c->l15[0] = r.eax, c->l15[1] = r.ebx, c->l15[2] = r.ecx;
	}
	if (c->intel && c->max_basic >= LEAF_16)
		c->l16_base_mhz = cpuid(LEAF_16).eax & 0xffff;
	if (!c->hypervisor)
		return;
	r = cpuid(LEAF_HV_BASE);
	c->max_hv = r.eax;
	memcpy(c->hv_sig, &r.ebx, 4);
	memcpy(c->hv_sig + 4, &r.ecx, 4);
	memcpy(c->hv_sig + 8, &r.edx, 4);
	if (c->max_hv >= CPUID_HV_TIMING && c->max_hv < LEAF_HV_BASE + 0x100)
		c->hv_tsc_khz = cpuid(CPUID_HV_TIMING).eax;
}

/* Mode 0 drives OUT2 low when programmed and high at terminal count. An output already high
 * means nothing decodes the ports (a partition that does not own the PIT reads all ones):
 * measuring then would give a frequency hundreds of times too low. */
static bool pit_measure(uint64_t *khz)
{
	uint16_t ticks = PIT_HZ * CALIBRATE_MS / 1000;
	uint8_t ctrl = inb(PIT_CTRL_PORT);
	uint64_t start, end, loops = 0;
	bool low;

	outb(PIT_CTRL_PORT, (ctrl & ~CTRL_SPEAKER) | CTRL_GATE2);
	outb(PIT_CMD, PIT_CMD_CH2_MODE0_LOHI);
	outb(PIT_CH2, ticks & 0xff);
	outb(PIT_CH2, ticks >> 8);
	start = rdtsc();
	low = !(inb(PIT_CTRL_PORT) & CTRL_OUT2);
	while (low && !(inb(PIT_CTRL_PORT) & CTRL_OUT2) && ++loops < PIT_WAIT_LOOPS)
		;
	end = rdtsc();
	outb(PIT_CTRL_PORT, ctrl);
	if (!low || loops >= PIT_WAIT_LOOPS || end <= start)
		return false;
	*khz = (end - start) / CALIBRATE_MS;
	return true;
}

void tsc_calibrate(void)
{
	struct tsc_cpuid c;
	enum tsc_source src;
	uint64_t khz;

	read_cpuid(&c);
	src = tsc_khz_from_cpuid(&c, &khz);
	if (src == TSC_SRC_NONE && pit_measure(&khz)) {
		tsc_khz = khz;
		pr_info("tsc: %lu.%03lu MHz (calibrated against the PIT)", tsc_khz / 1000,
			tsc_khz % 1000);
		return;
	}
	if (src == TSC_SRC_NONE && tsc_khz_nominal(&c, &khz))
		src = TSC_SRC_CPUID_16;
	if (src == TSC_SRC_NONE) {
		pr_warn("tsc: no CPUID leaf states it and the PIT did not count; assuming %lu MHz "
			"(delays run long)",
			(unsigned long)(FALLBACK_KHZ / 1000));
		return;
	}
	tsc_khz = khz;
	pr_info("tsc: %lu.%03lu MHz (from %s)", tsc_khz / 1000, tsc_khz % 1000,
		tsc_source_name(src));
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
