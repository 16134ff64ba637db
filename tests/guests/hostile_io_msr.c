// SPDX-License-Identifier: BSD-2-Clause
// Hostile guest: I/O ports and MSRs it does not own. Unowned port reads must see all ones and
// writes must be dropped (the machine's reset and power ports among them); MSRs outside
// Bulkhead's allow-list must raise #GP, while EFER and IA32_APIC_BASE keep working.

#include "guest.h"
#include "isolation.h"
#include "trap.h"

#define MSR_APIC_BASE	 0x1b
#define MSR_EFER	 0xc0000080
#define MSR_VM_CR	 0xc0010114 /* APM 15.30.1: SVM lock and disable */
#define MSR_VM_HSAVE_PA	 0xc0010117 /* APM 15.30.4: the host save area */
#define MSR_SYSCFG	 0xc0010010 /* APM 3.2.1: memory encryption, MTRR fixed DRAM modes */
#define MSR_MMIO_CFG	 0xc0010058 /* PCI MMCONFIG base */
#define MSR_PATCH_LOADER 0xc0010020 /* microcode update */
#define MSR_FEATURE_CTRL 0x3a
#define MSR_NONSENSE	 0x4badc0de
#define MSR_TSC		 0x10
#define EFER_SVME	 (1ULL << 12)
#define APIC_BASE_ADDR	 0xfffff000ULL
#define APIC_BASE_EN	 (1ULL << 11)
#define APIC_DEFAULT	 0xfee00000ULL
#define APIC_ELSEWHERE	 0xfed00000ULL
#define EFER_NXE	 (1ULL << 11)

static unsigned int failures;

#define EXPECT(cond, ...)                          \
	do {                                       \
		if (!(cond)) {                     \
			guest_printf(__VA_ARGS__); \
			failures++;                \
		}                                  \
	} while (0)

/* Ports of devices every partition shares or none owns: keyboard controller (reset line),
 * PIT, PICs, CMOS/NMI mask, port A (fast reset), reset control, PCI configuration, COM2, IDE,
 * fw_cfg, QEMU's isa-debug-exit (ends the emulator). */
static const uint16_t ports8[] = {0x60, 0x64, 0x40,  0x43,  0x20,  0x21,  0xa1, 0x70,
				  0x71, 0x92, 0xcf9, 0x2f8, 0x1f7, 0x510, 0xf4};
static const struct {
	uint16_t port;
	uint8_t value;
} writes8[] = {
    {0x64, 0xfe},		 /* i8042: pulse the reset line */
    {0xcf9, 0x06},		 /* reset control: hard reset */
    {0x92, 0x01},		 /* port A: fast reset */
    {0x21, 0xff},		 /* mask every legacy IRQ */
    {0x70, 0x8f},		 /* NMI off, CMOS shutdown status */
    {0x71, 0x0a},  {0x43, 0x30}, /* PIT channel 0 to one-shot */
    {0xf4, 0x01},		 /* isa-debug-exit: ends QEMU if it gets through */
};
#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define PCI_ENABLE_DEV0 0x80000000U
#define PCI_CONFIG_ADDR 0xcf8
#define PCI_CONFIG_DATA 0xcfc

static void ports(void)
{
	for (unsigned int i = 0; i < N(writes8); i++)
		outb(writes8[i].port, writes8[i].value);
	for (unsigned int i = 0; i < N(ports8); i++) {
		uint8_t v = inb(ports8[i]);

		EXPECT(v == 0xff, "hostile-io-msr: port 0x%x reads 0x%x\n", ports8[i], v);
	}
	EXPECT(inw(0x1f0) == 0xffff, "hostile-io-msr: port 0x1f0 (16 bits) not all ones\n");
	/* Were the address write not dropped, the data port would show the host bridge's ID. */
	outl(PCI_CONFIG_ADDR, PCI_ENABLE_DEV0);
	EXPECT(inl(PCI_CONFIG_DATA) == 0xffffffffU,
	       "hostile-io-msr: PCI config data not all ones\n");
	EXPECT(inl(PCI_CONFIG_ADDR) == 0xffffffffU,
	       "hostile-io-msr: PCI config addr not all ones\n");
	guest_printf("hostile-io-msr: %u port writes made, %u reads checked\n",
		     (unsigned int)(N(writes8) + 1), (unsigned int)(N(ports8) + 3));
}

static const struct {
	uint32_t msr;
	bool write;
	uint64_t value;
	const char *name;
} refused[] = {
    {MSR_VM_HSAVE_PA, false, 0, "VM_HSAVE_PA"},
    {MSR_VM_HSAVE_PA, true, 0x1000, "VM_HSAVE_PA"},
    {MSR_VM_CR, true, 0x18, "VM_CR"},
    {MSR_SYSCFG, true, 0, "SYSCFG"},
    {MSR_MMIO_CFG, true, 0xe0000021, "MMIO_CFG_BASE"},
    {MSR_PATCH_LOADER, true, 0x100000, "PATCH_LOADER"},
    {MSR_FEATURE_CTRL, true, 1, "FEATURE_CONTROL"},
    {MSR_NONSENSE, false, 0, "0x4badc0de"},
    {MSR_NONSENSE, true, 0, "0x4badc0de"},
    {MSR_APIC_BASE, true, APIC_ELSEWHERE | APIC_BASE_EN, "APIC_BASE (relocation)"},
    {MSR_TSC, true, 0, "TSC"}, /* its core's TSC is also Bulkhead's clock */
};

static void msrs(void)
{
	uint64_t v;

	for (unsigned int i = 0; i < N(refused); i++) {
		bool ok = refused[i].write ? wrmsr_safe(refused[i].msr, refused[i].value)
					   : rdmsr_safe(refused[i].msr, &v);

		EXPECT(!ok, "hostile-io-msr: %s of MSR %s did not raise #GP\n",
		       refused[i].write ? "write" : "read", refused[i].name);
	}
	EXPECT(rdmsr_safe(MSR_APIC_BASE, &v) && (v & APIC_BASE_ADDR) == APIC_DEFAULT &&
		   (v & APIC_BASE_EN),
	       "hostile-io-msr: IA32_APIC_BASE read failed or 0x%lx\n", (unsigned long)v);
	EXPECT(rdmsr_safe(MSR_EFER, &v) && wrmsr_safe(MSR_EFER, v | EFER_NXE),
	       "hostile-io-msr: EFER read or NXE write raised #GP\n");
	EXPECT(!wrmsr_safe(MSR_EFER, v | EFER_SVME), "hostile-io-msr: EFER.SVME was accepted\n");
	guest_printf("hostile-io-msr: %u MSR accesses refused with #GP checked\n",
		     (unsigned int)N(refused));
}

void guest_main(void);
void guest_main(void)
{
	trap_init();
	guest_udelay(HOSTILE_DELAY_US);
	ports();
	msrs();
	if (failures) {
		guest_printf("hostile-io-msr: %u expectation(s) failed\n", failures);
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	guest_printf("hostile-io-msr: contained\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
