/* SPDX-License-Identifier: BSD-2-Clause */
/* The local APIC (SDM Vol. 3A chapter 11): registers, IPIs, the timer. xAPIC mode (the MMIO
 * page) until apic_use_x2apic() switches this CPU to x2APIC mode (MSRs), where offered. */
#ifndef GUEST_APIC_H
#define GUEST_APIC_H

#include <stdbool.h>
#include <stdint.h>

#define APIC_MMIO 0xfee00000UL /* the architectural default base (SDM 11.4.1) */

/* Register offsets (SDM 11.4.1, table 11-1). */
#define APIC_ID		 0x020
#define APIC_VERSION	 0x030
#define APIC_TPR	 0x080
#define APIC_EOI	 0x0b0
#define APIC_SVR	 0x0f0
#define APIC_ISR	 0x100
#define APIC_IRR	 0x200
#define APIC_ESR	 0x280
#define APIC_ICR_LO	 0x300
#define APIC_ICR_HI	 0x310
#define APIC_LVT_TIMER	 0x320
#define APIC_LVT_ERROR	 0x370
#define APIC_TIMER_INIT	 0x380
#define APIC_TIMER_COUNT 0x390
#define APIC_TIMER_DIV	 0x3e0

#define APIC_ID_SHIFT	    24	      /* xAPIC ID in bits 31:24 */
#define APIC_SVR_ENABLE	    (1U << 8) /* APIC software enable */
#define APIC_SPURIOUS	    0xff      /* the spurious vector this library uses */
#define APIC_LVT_MASKED	    (1U << 16)
#define APIC_TIMER_PERIODIC (1U << 17) /* LVT timer mode (SDM 11.5.4.1) */
#define APIC_DIV_16	    0x3	       /* divide configuration 0b0011: by 16 (SDM 11.5.4) */

/* ICR (SDM 11.6.1): delivery mode, level, status, destination shorthand. */
#define ICR_FIXED	  (0U << 8)
#define ICR_NMI		  (4U << 8)
#define ICR_INIT	  (5U << 8)
#define ICR_STARTUP	  (6U << 8)
#define ICR_BUSY	  (1U << 12)
#define ICR_ASSERT	  (1U << 14)
#define ICR_LEVEL	  (1U << 15)
#define ICR_SELF	  (1U << 18)
#define ICR_ALL_INCL_SELF (2U << 18)
#define ICR_ALL_BUT_SELF  (3U << 18)
#define ICR_DEST_SHIFT	  24

uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t val);
uint32_t apic_id(void);
/* The physical broadcast destination of the current mode: 0xff, or 0xffffffff in x2APIC. */
uint32_t apic_broadcast_id(void);
/* Switches this CPU to x2APIC mode if CPUID offers it (SDM 11.12.1); false if not. Every
 * apic_* call of this CPU then uses the x2APIC MSRs. */
bool apic_use_x2apic(void);
bool apic_x2apic(void);
void apic_enable(void); /* software-enable with the spurious vector; TPR 0 */
void apic_eoi(void);
/* Sends @icr_lo (delivery mode, vector, shorthand) to @dest; waits until it is accepted. */
void apic_send_ipi(uint32_t dest, uint32_t icr_lo);
/* Periodic (or one-shot) timer on @vector, divide by 16, @count bus clocks / 16. */
void apic_timer_start(uint8_t vector, uint32_t count, bool periodic);
void apic_timer_stop(void);
/* Timer counts (divide by 16) in @period_us, measured against the TSC (HC_TSC_KHZ); 0 when
 * Bulkhead does not give the TSC rate. */
uint32_t apic_timer_calibrate(uint32_t period_us);
/* Whether @vector is pending in the IRR. */
bool apic_irr_pending(uint8_t vector);

#endif
