/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMCS12 entry-check tests' fixture: an environment L0 could offer, a valid 64-bit VMCS12,
 * the mode changes the rules start from, and the loop that meets and breaks each rule. */
#ifndef BULKHEAD_TEST_VMCS12_FIXTURE_H
#define BULKHEAD_TEST_VMCS12_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmcs12.h"
#include "vmcs12_checks.h"

#define PHYS_BITS   39
#define BEYOND_PA   (1ULL << PHYS_BITS)
#define L1_MEM_END  0x4000000ULL /* L1 owns [0, 64 MiB) */
#define LAST_PAGE   (L1_MEM_END - PAGE_4K)
#define NONCANON    0x0000800000000000ULL
#define CANON_TOP   0x00007fffffffffffULL
#define CUR_VMCS    0x5000ULL
#define LINK_VMCS   0x6000ULL
#define LINK_SHADOW 0x7000ULL
#define VAPIC	    0x30000ULL
#define APIC_PAGE   0x31000ULL
#define MSR_LIST    0x40000ULL
#define EPTP_WB4    0x1001eULL /* root 0x10000, WB, 4 levels */

#define PIN_DEFAULT1   0x16U
#define PROC_DEFAULT1  0x04006172U /* TRUE: CR3 load/store exiting may be 0 */
#define EXIT_DEFAULT1  0x36dfbU
#define ENTRY_DEFAULT1 0x11fbU
#define EFER_64	       0xd01ULL /* SCE, LME, LMA, NXE */
#define EFER_32	       0x801ULL
#define CR0_64	       0x80000031ULL /* PG, NE, ET, PE */
#define CR4_64	       0x2020ULL     /* VMXE, PAE */
#define AR_CODE64      0xa09bU
#define AR_CODE32      0xc09bU
#define AR_DATA	       0xc093U
#define AR_TSS_BUSY    0x8bU
#define AR_LDT	       0x82U
#define AR_V86	       0xf3U
#define PAT_OK	       0x0007040600070406ULL
#define EV(type, vec)  (INTR_INFO_VALID | (type) | (vec))

extern uint32_t vtpr; /* VTPR in the virtual-APIC page as read_l1_u32 gives it */

void base_env(struct vmcs12_env *e);
void seg(struct vmcs12 *v, int s, uint16_t sel, uint32_t ar, uint32_t limit);
/* A 64-bit L2 under a 64-bit L1: EPT, VPID, I/O and MSR bitmaps, EFER loaded both ways. */
void valid(struct vmcs12 *v);
void to_32bit(struct vmcs12 *v); /* protected mode with PAE paging */
void to_real(struct vmcs12 *v);	 /* unrestricted, no paging, no protection */
void to_v86(struct vmcs12 *v);	 /* virtual-8086 under a 32-bit kernel */
void to_ring3(struct vmcs12 *v); /* 64-bit at CPL 3 */
void to_32bit_host(struct vmcs12 *v, struct vmcs12_env *e); /* a 32-bit L1 */

enum outcome { CTL, HOST, GUEST, LINK, PDPTE };

/* One rule: @set(bad = false) leaves it just met, @set(bad = true) just broken. */
struct rule {
	const char *name;
	void (*set)(struct vmcs12 *v, struct vmcs12_env *e, bool bad);
	enum outcome outcome;
	const char *text; /* a piece of the failing check's text */
};

#define RULE(fn, ...)                                                    \
	static void fn(struct vmcs12 *v, struct vmcs12_env *e, bool bad) \
	{                                                                \
		(void)v;                                                 \
		(void)e;                                                 \
		(void)bad;                                               \
		__VA_ARGS__;                                             \
	}

/* Each rule met just, then broken just, on its own: how many did not behave (each printed). */
unsigned int vmcs12_rules_broken(const struct rule *rules, size_t n);

#endif
