// SPDX-License-Identifier: BSD-2-Clause
// Boot CPU's path from the multiboot2 hand-off to every CPU online.

#include <stdlib.h>
#include <string.h>

#include "boot_bundle.h"
#include "boot_config.h"
#include "cmdline.h"
#include "cpuinfo.h"
#include "crypto/selftest.h"
#include "desc.h"
#include "iommu.h"
#include "irq_quiesce.h"
#include "lapic.h"
#include "layout.h"
#include "mb2.h"
#include "mm.h"
#include "nested.h"
#include "percpu.h"
#include "platform.h"
#include "printk.h"
#include "smp.h"
#include "traps.h"
#include "tsc.h"
#include "uart.h"
#include "version.h"
#include "x86.h"

extern char boot_stack[];

static struct mb2_info boot_info;
static struct virt_caps virt_caps;
static struct boot_bundle bundles[MB2_MAX_MODULES];

#define BENCH_RUNS_DEFAULT 10

/* `bench=bundle [bench-runs=N]`: the measurement make bench reads (tests/bench/run_bench.py). */
static void bench(const char *cmdline, size_t nbundles)
{
	char what[16], runs[12];
	unsigned long n = BENCH_RUNS_DEFAULT;

	if (!cmdline_get(cmdline, "bench", what, sizeof(what)))
		return;
	if (cmdline_get(cmdline, "bench-runs", runs, sizeof(runs)))
		n = strtoul(runs, NULL, 0);
	if (strcmp(what, "bundle") != 0 || nbundles == 0 || n == 0)
		pr_warn("bench=%s: needs bench=bundle, a bundle module and bench-runs >= 1", what);
	else
		boot_bundle_bench(&bundles[0], (unsigned int)n);
}

static void console_setup(const char *cmdline)
{
	char val[16];
	unsigned long port = UART_COM1;
	enum log_level level;

	if (cmdline_get(cmdline, "console", val, sizeof(val)))
		port = strcmp(val, "none") == 0 ? 0 : strtoul(val, NULL, 0);
	if (port)
		console_init(port);
	if (cmdline_get(cmdline, "loglevel", val, sizeof(val))) {
		if (log_level_parse(val, &level))
			console_set_level(level);
		else
			pr_warn("cmdline: loglevel=%s unknown (error, warn, info, debug)", val);
	}
}

/* `nested-vmx-shadowing=off`: L1's VMREAD/VMWRITE always exit (the bench's comparison). */
static void nested_setup(const char *cmdline)
{
	char val[8];

	if (!cmdline_get(cmdline, "nested-vmx-shadowing", val, sizeof(val)))
		return;
	if (strcmp(val, "off") == 0 || strcmp(val, "on") == 0)
		nested_options.vmx_no_shadowing = strcmp(val, "off") == 0;
	else
		pr_warn("cmdline: nested-vmx-shadowing=%s unknown (on, off)", val);
	if (nested_options.vmx_no_shadowing)
		pr_info("nested VMX: no VMCS shadowing for L1 (nested-vmx-shadowing=off)");
}

/* Deep enough to run off any stack; the volatile pad keeps each frame real. */
static unsigned long overflow_stack(unsigned long depth)
{
	volatile char pad[512];

	pad[0] = (char)depth;
	if (depth == 0)
		return pad[0];
	return overflow_stack(depth - 1) + pad[0];
}

/* Deliberate faults, so the boot tests can prove that the exception path reports and stops. */
static void fault_test(const char *cmdline)
{
	char what[8];

	if (!cmdline_get(cmdline, "fault-test", what, sizeof(what)))
		return;
	pr_warn("fault-test=%s: faulting on purpose", what);
	if (strcmp(what, "ud") == 0)
		asm volatile("ud2");
	else if (strcmp(what, "pf") == 0)
		*(volatile uint64_t *)0 = 0;
	else if (strcmp(what, "stack") == 0)
		pr_err("stack survived: %lu", overflow_stack(1UL << 20));
	else
		pr_warn("fault-test=%s unknown (ud, pf, stack)", what);
}

_Noreturn void kmain(uint32_t magic, uint32_t info_phys);
_Noreturn void kmain(uint32_t magic, uint32_t info_phys)
{
	char err[160] = "";
	int mb_err = -1;
	size_t nbundles;

	/* printk needs this CPU's identity before anything prints. */
	percpu_init(&cpus[0], 0, 0);
	cpus[0].stack_top = (uint64_t)boot_stack + BOOT_STACK_SIZE;
	cpu_count = 1;
	wrmsr(MSR_GS_BASE, (uint64_t)&cpus[0]);

	if (magic == MB2_BOOTLOADER_MAGIC)
		mb_err = mb2_parse((const void *)(uint64_t)info_phys, info_phys, &boot_info, err,
				   sizeof(err));
	console_setup(mb_err == 0 ? boot_info.cmdline : NULL);
	pr_info("Bulkhead %s (%s) on x86-64, booted by %s via %s", BULKHEAD_VERSION,
		BULKHEAD_GITREV, boot_info.loader ? boot_info.loader : "an unknown loader",
		boot_info.efi ? "UEFI" : "BIOS");
	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("not started by a multiboot2 loader (magic 0x%x)", magic);
	if (mb_err < 0)
		panic("multiboot2 boot information: %s", err);
	pr_info("cmdline: %s", boot_info.cmdline ? boot_info.cmdline : "");

	mm_init(&boot_info);
	idt_init();
	cpu_setup_stacks(&cpus[0]);
	percpu_activate(&cpus[0]);

	/* Everything later issues verify (bundles, images) rests on this library working here. */
	if (crypto_selftest() < 0)
		panic("crypto self-test failed: refusing to run");
	cpuinfo_report(&virt_caps);
	platform_init(&boot_info);
	irq_quiesce(&platform.madt);
	tsc_calibrate();
	/* Before anything is placed: from here on no device DMAs unless a partition owns it. */
	iommu_init();
	/* Every boot module is copied and verified before anything in it is looked at. */
	nbundles = boot_bundle_load(&boot_info, bundles, MB2_MAX_MODULES);
	bench(boot_info.cmdline, nbundles);
	nested_setup(boot_info.cmdline);
	lapic_init();
	cpus[0].apic_id = lapic_id();
	cpus[0].online = true;
	pr_info("online, APIC ID %u%s", cpus[0].apic_id, lapic_x2apic_mode() ? " (x2APIC)" : "");
	smp_boot(&platform.madt);
	/* After ACPI and SMP: the description is checked against the CPUs that really exist. */
	boot_config_load(bundles, nbundles, &boot_info, &virt_caps);
	pr_info("boot complete");

	fault_test(boot_info.cmdline);
	/* The application processors start their partitions; this CPU runs the one of APIC ID 0. */
	smp_release();
	smp_run_work(&cpus[0]);
}
