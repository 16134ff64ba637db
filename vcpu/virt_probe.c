// SPDX-License-Identifier: BSD-2-Clause
// Picks the backend by CPU vendor and lets it describe what the hardware offers.

#include <stdio.h>
#include <string.h>

#include "virt_caps.h"
#include "x86.h"

static bool vendor_is(const struct cpuid_regs *r, const char *name)
{
	char v[13];

	memcpy(v, &r->ebx, 4);
	memcpy(v + 4, &r->edx, 4);
	memcpy(v + 8, &r->ecx, 4);
	v[12] = '\0';
	return strcmp(v, name) == 0;
}

void virt_probe(struct virt_caps *caps)
{
	struct cpuid_regs r = cpuid(0);

	memset(caps, 0, sizeof(*caps));
	if (vendor_is(&r, "GenuineIntel"))
		vmx_probe(caps);
	else if (vendor_is(&r, "AuthenticAMD") || vendor_is(&r, "HygonGenuine"))
		svm_probe(caps);
	else if (!vmx_probe(caps))
		svm_probe(caps); /* unknown vendor: whichever extension it reports */
}

void caps_append_features(char *buf, size_t size, unsigned long long value,
			  const struct feature_bit *table, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(buf);

		if (!(value & (1ULL << table[i].bit)))
			continue;
		snprintf(buf + len, size - len, "%s%s", len ? ", " : "", table[i].name);
	}
}
