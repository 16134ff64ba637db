// SPDX-License-Identifier: BSD-2-Clause
// DMA victim (tests/boot/test_iommu.py): writes a secret once into its memory@40000000, then
// counts and checks it for ever while another partition's device is aimed at it; reports
// "tick, count, secret intact" lines, and a changed word with a failure.

#include "guest.h"
#include "apic.h"
#include "dma_test.h"
#include "trap.h"

#define VEC_TIMER    0x40
#define PERIOD_US    10000
#define REPORT_TICKS 25
#define WORDS	     (DMA_SECRET_LEN / sizeof(uint64_t))

static volatile uint64_t ticks;

static void on_timer(struct trap_frame *f)
{
	(void)f;
	ticks++;
	apic_eoi();
}

static void check_secret(void)
{
	const volatile uint64_t *s = (const volatile uint64_t *)DMA_SECRET_GPA;

	for (uint64_t i = 0; i < WORDS; i++)
		if (s[i] != DMA_SECRET(i)) {
			guest_printf("dma-victim: secret changed at gpa 0x%lx: 0x%lx\n",
				     (unsigned long)(DMA_SECRET_GPA + i * 8), (unsigned long)s[i]);
			guest_test_exit(GUEST_EXIT_FAIL);
		}
}

void guest_main(void);
void guest_main(void)
{
	volatile uint64_t *s = (volatile uint64_t *)DMA_SECRET_GPA;
	uint64_t count = 0, next_report = REPORT_TICKS;

	for (uint64_t i = 0; i < WORDS; i++)
		s[i] = DMA_SECRET(i);
	trap_init();
	apic_enable();
	trap_set_handler(VEC_TIMER, on_timer);
	guest_printf("dma-victim: start, secret at gpa 0x%lx (host 0x%lx)\n",
		     (unsigned long)DMA_SECRET_GPA, (unsigned long)DMA_SECRET_HOST);
	apic_timer_start(VEC_TIMER, apic_timer_calibrate(PERIOD_US), true);
	irq_enable();
	for (;;) {
		check_secret();
		count++;
		if (ticks >= next_report) {
			guest_printf("dma-victim: tick %lu, count %lu, secret intact\n",
				     (unsigned long)ticks, (unsigned long)count);
			next_report += REPORT_TICKS;
		}
	}
}
