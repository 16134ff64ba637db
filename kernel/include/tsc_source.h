/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the TSC frequency comes from when CPUID states it (pure: host unit tests too). */
#ifndef BULKHEAD_TSC_SOURCE_H
#define BULKHEAD_TSC_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

/* Hypervisor timing leaf (the VMware/KVM convention Bulkhead follows for its partitions):
 * EAX = TSC frequency in kHz, EBX = local APIC bus frequency in kHz (0: not given). */
#define CPUID_HV_TIMING 0x40000010U

/* The CPUID answers that can state the TSC frequency, read once by tsc.c. */
struct tsc_cpuid {
	bool intel;		    /* "GenuineIntel": leaves 0x15/0x16 are defined */
	bool hypervisor;	    /* CPUID.1:ECX[31] */
	uint32_t max_basic, max_hv; /* leaf 0 EAX, leaf 0x40000000 EAX */
	char hv_sig[13];	    /* leaf 0x40000000 EBX ECX EDX */
	uint32_t l15[3];	    /* EAX denominator, EBX numerator, ECX crystal Hz */
	uint32_t l16_base_mhz;	    /* leaf 0x16 EAX */
	uint32_t hv_tsc_khz;	    /* leaf 0x40000010 EAX */
};

enum tsc_source {
	TSC_SRC_NONE,
	TSC_SRC_CPUID_15, /* Intel: crystal clock times the TSC/crystal ratio (SDM vol. 2, CPUID) */
	TSC_SRC_HV_LEAF,  /* Bulkhead's leaf 0x40000010: what the outer Bulkhead measured */
	TSC_SRC_CPUID_16, /* Intel: processor base frequency, the TSC's on invariant-TSC parts */
};

/* The exact sources, best first: leaf 0x15 with its crystal, then a Bulkhead hypervisor's
 * timing leaf. Leaf 0x16 is only nominal: tsc_khz_nominal() is the caller's last resort. */
enum tsc_source tsc_khz_from_cpuid(const struct tsc_cpuid *c, uint64_t *khz);
bool tsc_khz_nominal(const struct tsc_cpuid *c, uint64_t *khz);
const char *tsc_source_name(enum tsc_source s);

#endif
