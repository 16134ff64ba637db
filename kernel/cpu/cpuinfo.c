// SPDX-License-Identifier: BSD-2-Clause
// The boot banner's description of the CPU: vendor, brand, and what it offers for virtualization.

#include <string.h>

#include "cpuinfo.h"
#include "printk.h"
#include "virt_caps.h"
#include "x86.h"

#define CPUID_BRAND_FIRST 0x80000002
#define CPUID_BRAND_LAST  0x80000004

static void cpu_vendor(char out[13])
{
	struct cpuid_regs r = cpuid(0);

	memcpy(out, &r.ebx, 4);
	memcpy(out + 4, &r.edx, 4);
	memcpy(out + 8, &r.ecx, 4);
	out[12] = '\0';
}

static void cpu_brand(char out[49])
{
	out[0] = '\0';
	if (cpuid(0x80000000).eax < CPUID_BRAND_LAST)
		return;
	for (uint32_t leaf = CPUID_BRAND_FIRST; leaf <= CPUID_BRAND_LAST; leaf++) {
		struct cpuid_regs r = cpuid(leaf);

		memcpy(out + (leaf - CPUID_BRAND_FIRST) * 16, &r, 16);
	}
	out[48] = '\0';
}

/* Family and model as the SDM/APM combine the base and extended fields. */
static void cpu_signature(unsigned int *family, unsigned int *model, unsigned int *stepping)
{
	uint32_t eax = cpuid(1).eax;
	unsigned int base_family = (eax >> 8) & 0xf;

	*stepping = eax & 0xf;
	*family = base_family + (base_family == 0xf ? (eax >> 20) & 0xff : 0);
	*model = ((eax >> 4) & 0xf) |
		 (base_family == 0x6 || base_family == 0xf ? ((eax >> 16) & 0xf) << 4 : 0);
}

void cpuinfo_report(struct virt_caps *caps)
{
	static const char *const kind_names[] = {"none", "VMX", "SVM"};
	char vendor[13], brand[49];
	unsigned int family, model, stepping;

	cpu_vendor(vendor);
	cpu_brand(brand);
	cpu_signature(&family, &model, &stepping);
	pr_info("cpu: %s \"%s\" family 0x%x model 0x%x stepping %u", vendor, brand, family, model,
		stepping);

	virt_probe(caps);
	if (caps->kind == VIRT_NONE) {
		pr_warn("virtualization: none (neither VMX nor SVM): partitions cannot run");
		return;
	}
	pr_info("virtualization: %s (%s)", kind_names[caps->kind], caps->summary);
	if (!caps->usable)
		pr_warn("virtualization: %s %s", kind_names[caps->kind], caps->problem);
}
