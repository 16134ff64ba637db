// SPDX-License-Identifier: BSD-2-Clause
// What the CPUID leaves say about virtualization: vendor, VMX or SVM, nested paging.

#include <string.h>

#include "inspect.h"

/* Intel SDM vol. 2A, CPUID; AMD APM vol. 3, appendix E. */
#define LEAF_VENDOR    0x0
#define LEAF_FEATURES  0x1
#define LEAF_EXT_MAX   0x80000000
#define LEAF_EXT_FEAT  0x80000001
#define LEAF_BRAND     0x80000002
#define LEAF_SVM       0x8000000a
#define ECX_VMX	       (1U << 5)
#define ECX_HYPERVISOR (1U << 31)
#define EXT_ECX_SVM    (1U << 2)
#define SVM_EDX_NPT    (1U << 0)
#define SVM_EDX_NRIPS  (1U << 3)
#define BRAND_LEAVES   3

enum { R_EAX, R_EBX, R_ECX, R_EDX };

const uint32_t cpuid_leaves[] = {LEAF_VENDOR, LEAF_FEATURES,  LEAF_EXT_MAX,   LEAF_EXT_FEAT,
				 LEAF_BRAND,  LEAF_BRAND + 1, LEAF_BRAND + 2, LEAF_SVM};
const size_t cpuid_nleaves = sizeof(cpuid_leaves) / sizeof(cpuid_leaves[0]);

static void family_model(uint32_t eax, struct cpu_id *out)
{
	unsigned base_family = (eax >> 8) & 0xf, base_model = (eax >> 4) & 0xf;

	out->stepping = eax & 0xf;
	out->family = base_family + (base_family == 0xf ? (eax >> 20) & 0xff : 0);
	out->model = base_model;
	if (base_family == 0x6 || base_family == 0xf)
		out->model |= ((eax >> 16) & 0xf) << 4;
}

static void brand(cpuid_fn get, void *ctx, struct cpu_id *out)
{
	uint32_t r[4];
	char *s = out->brand;

	for (uint32_t i = 0; i < BRAND_LEAVES; i++) {
		get(ctx, LEAF_BRAND + i, r);
		memcpy(out->brand + 16 * i, r, sizeof(r));
	}
	out->brand[48] = '\0';
	while (*s == ' ')
		s++;
	memmove(out->brand, s, strlen(s) + 1);
	for (s = out->brand + strlen(out->brand); s > out->brand && s[-1] == ' ';)
		*--s = '\0';
}

void cpuid_decode(cpuid_fn get, void *ctx, struct cpu_id *out)
{
	uint32_t r[4], ext_max;

	memset(out, 0, sizeof(*out));
	get(ctx, LEAF_VENDOR, r);
	memcpy(out->vendor, &r[R_EBX], 4);
	memcpy(out->vendor + 4, &r[R_EDX], 4);
	memcpy(out->vendor + 8, &r[R_ECX], 4);
	get(ctx, LEAF_FEATURES, r);
	family_model(r[R_EAX], out);
	out->vmx = r[R_ECX] & ECX_VMX;
	out->hypervisor = r[R_ECX] & ECX_HYPERVISOR;
	get(ctx, LEAF_EXT_MAX, r);
	ext_max = r[R_EAX];
	if (ext_max >= LEAF_EXT_FEAT) {
		get(ctx, LEAF_EXT_FEAT, r);
		out->svm = r[R_ECX] & EXT_ECX_SVM;
	}
	if (ext_max >= LEAF_BRAND + BRAND_LEAVES - 1)
		brand(get, ctx, out);
	if (out->svm && ext_max >= LEAF_SVM) {
		get(ctx, LEAF_SVM, r);
		out->npt = r[R_EDX] & SVM_EDX_NPT;
		out->nrips = r[R_EDX] & SVM_EDX_NRIPS;
	}
}
