// SPDX-License-Identifier: BSD-2-Clause
// The TSC frequency from CPUID: Intel's leaf 0x15/0x16, or the timing leaf of a Bulkhead below.

#include <string.h>

#include "tsc_source.h"

#define LEAF_TSC_CRYSTAL 0x15U
#define LEAF_FREQ	 0x16U
#define HV_SIGNATURE	 "BulkheadHV"
#define HZ_PER_KHZ	 1000ULL
#define KHZ_PER_MHZ	 1000ULL

/* SDM vol. 2, CPUID leaf 15H: TSC Hz = ECX * EBX / EAX; EBX 0 or ECX 0 means "not given". */
static bool from_leaf15(const struct tsc_cpuid *c, uint64_t *khz)
{
	uint64_t hz;

	if (!c->intel || c->max_basic < LEAF_TSC_CRYSTAL || !c->l15[0] || !c->l15[1] || !c->l15[2])
		return false;
	hz = (uint64_t)c->l15[2] * c->l15[1] / c->l15[0];
	*khz = hz / HZ_PER_KHZ;
	return *khz != 0;
}

/* Only a Bulkhead's answer is trusted: other hypervisors number their leaves differently. */
static bool from_hv_leaf(const struct tsc_cpuid *c, uint64_t *khz)
{
	if (!c->hypervisor || strcmp(c->hv_sig, HV_SIGNATURE) != 0 || c->max_hv < CPUID_HV_TIMING ||
	    !c->hv_tsc_khz)
		return false;
	*khz = c->hv_tsc_khz;
	return true;
}

enum tsc_source tsc_khz_from_cpuid(const struct tsc_cpuid *c, uint64_t *khz)
{
	if (from_leaf15(c, khz))
		return TSC_SRC_CPUID_15;
	if (from_hv_leaf(c, khz))
		return TSC_SRC_HV_LEAF;
	return TSC_SRC_NONE;
}

bool tsc_khz_nominal(const struct tsc_cpuid *c, uint64_t *khz)
{
	if (!c->intel || c->max_basic < LEAF_FREQ || !c->l16_base_mhz)
		return false;
	*khz = c->l16_base_mhz * KHZ_PER_MHZ;
	return true;
}

const char *tsc_source_name(enum tsc_source s)
{
	switch (s) {
	case TSC_SRC_CPUID_15:
		return "CPUID leaf 0x15";
	case TSC_SRC_HV_LEAF:
		return "the hypervisor's CPUID leaf 0x40000010";
	case TSC_SRC_CPUID_16:
		return "CPUID leaf 0x16, nominal";
	case TSC_SRC_NONE:
		break;
	}
	return "none";
}
