/* SPDX-License-Identifier: BSD-2-Clause */
/* What the CPU offers for virtualization, as each backend reads it; the core only prints it. */
#ifndef BULKHEAD_VIRT_CAPS_H
#define BULKHEAD_VIRT_CAPS_H

#include <stdbool.h>
#include <stddef.h>

enum virt_kind {
	VIRT_NONE,
	VIRT_VMX,
	VIRT_SVM,
};

struct virt_caps {
	enum virt_kind kind;
	bool usable;	   /* present and not disabled or locked off by firmware */
	char summary[384]; /* "EPT, VPID, ..." */
	char problem[120]; /* why it is unusable, when it is */
};

/* Fills caps for this CPU; the vendor decides which backend is asked. */
void virt_probe(struct virt_caps *caps);

/* Backend probes: each reads only its own architecture's MSRs and CPUID leaves. */
bool vmx_probe(struct virt_caps *caps);
bool svm_probe(struct virt_caps *caps);

/* Appends names whose bit is set in value: shared by the backends' feature tables. */
struct feature_bit {
	unsigned int bit;
	const char *name;
};
void caps_append_features(char *buf, size_t size, unsigned long long value,
			  const struct feature_bit *table, size_t count);

#endif
