// SPDX-License-Identifier: BSD-2-Clause
// Root in the Linux test partition reaching for the rest of the machine (tests/boot/test_linux.py):
// unowned ports, the local APIC's ICR, machine-wide MSRs, then kexec into a ring-0 payload of ours
// (kexec_payload.S).
//
// Every result goes to /dev/kmsg as "bulkhead-hostile: <step>: <result>", so that the lines keep
// their order with the kernel's. A step the kernel refuses prints the errno and the run goes on:
// the test decides what was expected.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/kexec.h>
#include <linux/reboot.h>

#define MSR_APIC_BASE	 0x1bU
#define APIC_BASE_EXTD	 (1ULL << 10) /* x2APIC mode (SDM 11.12.1) */
#define APIC_BASE_ADDR	 0xffffff000ULL
#define MSR_X2APIC_ICR	 0x830U
#define XAPIC_ICR_LO	 0x300U
#define XAPIC_ICR_HI	 0x310U
#define ICR_INIT	 0x4500U /* INIT, level assert */
#define ICR_SIPI	 0x4600U /* start-up; vector = page number */
#define ICR_NMI		 0x4400U
#define ICR_FIXED	 0x4000U
#define ICR_ALL_BUT_SELF (3U << 18)
#define VICTIM_APIC_ID	 3U /* tests/config/linux.dts: the victim's CPU */
#define FIXED_VECTOR	 0x40U
#define SIPI_PAGE	 0x08U
#define PCI_CONFIG_ADDR	 0xcf8U
#define PCI_CONFIG_DATA	 0xcfcU
#define PCI_ENABLE_BUS0	 0x80000000U
#define KBC_COMMAND	 0x64U
#define KBC_PULSE_RESET	 0xfeU
#define RESET_CONTROL	 0xcf9U
#define RESET_CPU_HARD	 0x06U
#define PAYLOAD_PATH	 "/kexec-payload.bin"
#define PAYLOAD_ADDR	 0x100000UL /* kexec_payload.S is linked there */
#define MSR_MODULE	 "/lib/modules/msr.ko"
#define MSR_DEVICE	 "/dev/cpu/0/msr"
#define PAGE		 4096UL

static int kmsg = -1;

static void say(const char *step, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n = snprintf(line, sizeof(line), "bulkhead-hostile: %s: ", step);

	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	/* One write is one kernel log record; stderr only if /dev/kmsg is not there. */
	if (kmsg < 0 || write(kmsg, line, strlen(line)) < 0)
		fprintf(stderr, "%s\n", line);
}

static const char *result(long rc)
{
	return rc < 0 ? strerrorname_np(errno) : "ok";
}

/* Ports whose writes would reprogram or reset the machine if they reached the hardware. */
struct poke {
	uint16_t port;
	uint8_t val;
	const char *what;
};

static const struct poke pokes[] = {
    {0x43, 0x34, "PIT mode: channel 0, rate generator"},
    {0x40, 0x02, "PIT channel 0: divisor low byte"},
    {0x40, 0x00, "PIT channel 0: divisor high byte"},
    {0x20, 0x11, "PIC master: ICW1, re-initialise"},
    {0x21, 0x00, "PIC master: unmask every line"},
    {0xa0, 0x11, "PIC slave: ICW1, re-initialise"},
    {0xa1, 0x00, "PIC slave: unmask every line"},
    {0x70, 0x8f, "CMOS index: shutdown status, NMI off"},
    {0x71, 0x0a, "CMOS shutdown status: jump through 40:67"},
};

static void poke_ports(void)
{
	for (size_t i = 0; i < sizeof(pokes) / sizeof(pokes[0]); i++) {
		const struct poke *p = &pokes[i];
		uint8_t before = inb(p->port), after;

		outb(p->val, p->port);
		after = inb(p->port);
		say("port-io", "port 0x%02x (%s): read 0x%02x, wrote 0x%02x, read 0x%02x", p->port,
		    p->what, before, p->val, after);
	}
}

static void poke_pci_config(void)
{
	uint32_t addr, data;

	outl(PCI_ENABLE_BUS0, PCI_CONFIG_ADDR);
	addr = inl(PCI_CONFIG_ADDR);
	data = inl(PCI_CONFIG_DATA);
	say("port-io", "pci config: wrote 0x%08x to 0xcf8, read 0x%08x back, 0xcfc reads 0x%08x",
	    PCI_ENABLE_BUS0, addr, data);
}

/* Both resets last: if either reached the hardware, the next line would never be printed. */
static void poke_resets(void)
{
	uint8_t kbc = inb(KBC_COMMAND), rst = inb(RESET_CONTROL);

	outb(KBC_PULSE_RESET, KBC_COMMAND);
	outb(RESET_CPU_HARD, RESET_CONTROL);
	usleep(100000);
	say("port-io",
	    "reset: 0x64 read 0x%02x, wrote 0xfe; 0xcf9 read 0x%02x, wrote 0x06; still here", kbc,
	    rst);
}

static int step_port_io(void)
{
	if (iopl(3) < 0) {
		say("port-io", "iopl(3): %s", result(-1));
		return 1;
	}
	say("port-io", "iopl(3): ok");
	poke_ports();
	poke_pci_config();
	poke_resets();
	return 0;
}

/* The IPIs aimed outside the partition: at the victim's CPU, and at every CPU but this one. */
struct ipi {
	uint32_t lo;
	uint32_t dest;
	const char *what;
};

static const struct ipi ipis[] = {
    {ICR_INIT, VICTIM_APIC_ID, "INIT to APIC ID 3"},
    {ICR_SIPI | SIPI_PAGE, VICTIM_APIC_ID, "SIPI to APIC ID 3"},
    {ICR_NMI, VICTIM_APIC_ID, "NMI to APIC ID 3"},
    {ICR_FIXED | FIXED_VECTOR, VICTIM_APIC_ID, "fixed IPI to APIC ID 3"},
    {ICR_FIXED | FIXED_VECTOR | ICR_ALL_BUT_SELF, 0, "fixed IPI to all excluding self"},
};

#define NIPIS (sizeof(ipis) / sizeof(ipis[0]))

static int load_msr_driver(void)
{
	int fd = open(MSR_MODULE, O_RDONLY | O_CLOEXEC);
	long rc = fd < 0 ? -1 : syscall(SYS_finit_module, fd, "", 0);
	bool loaded = rc == 0 || errno == EEXIST; /* before say() can change errno */

	say("apic", "insmod %s: %s", MSR_MODULE, result(rc));
	if (fd >= 0)
		close(fd);
	return loaded ? 0 : -1;
}

/* x2APIC: the ICR is one MSR; in xAPIC mode the MSR does not exist and WRMSR #GPs (EIO). */
static void icr_by_msr(int msr)
{
	for (size_t i = 0; i < NIPIS; i++) {
		uint64_t icr = (uint64_t)ipis[i].dest << 32 | ipis[i].lo;
		ssize_t n = pwrite(msr, &icr, sizeof(icr), MSR_X2APIC_ICR);

		say("apic", "wrmsr 0x830 (x2APIC ICR) = 0x%016llx, %s: %s", (unsigned long long)icr,
		    ipis[i].what, result(n == (ssize_t)sizeof(icr) ? 0 : -1));
	}
}

/* xAPIC: the ICR through /dev/mem's mapping of the APIC page, as a driver would write it. */
static void icr_by_mmio(uint64_t base)
{
	int fd = open("/dev/mem", O_RDWR | O_SYNC | O_CLOEXEC);
	volatile uint32_t *apic =
	    fd < 0 ? MAP_FAILED
		   : mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)base);

	if (apic == MAP_FAILED) {
		say("apic", "mmap /dev/mem at 0x%llx (xAPIC page): %s", (unsigned long long)base,
		    result(-1));
	} else {
		for (size_t i = 0; i < NIPIS; i++) {
			apic[XAPIC_ICR_HI / 4] = ipis[i].dest << 24;
			apic[XAPIC_ICR_LO / 4] = ipis[i].lo;
			say("apic", "xAPIC ICR = 0x%08x, %s: written", ipis[i].lo, ipis[i].what);
		}
		munmap((void *)apic, PAGE);
	}
	if (fd >= 0)
		close(fd);
}

/* MSRs whose core-wide state is Bulkhead's: its SVM host save area and enable, memory and SMM
 * configuration, the TSC that is also its clock. Reading one could leak a host address. */
struct machine_msr {
	uint32_t index;
	const char *what;
};

static const struct machine_msr machine_msr_list[] = {
    {0x10, "TSC"},
    {0xc0010010, "SYSCFG"},
    {0xc0010015, "HWCR"},
    {0xc001001a, "TOP_MEM"},
    {0xc0010112, "SMM_ADDR"},
    {0xc0010114, "VM_CR"},
    {0xc0010117, "VM_HSAVE_PA"},
};

static void machine_msrs(int msr)
{
	for (size_t i = 0; i < sizeof(machine_msr_list) / sizeof(machine_msr_list[0]); i++) {
		const struct machine_msr *m = &machine_msr_list[i];
		uint64_t val = 0, zero = 0;
		char rd[32];
		ssize_t wr;

		if (pread(msr, &val, sizeof(val), m->index) == (ssize_t)sizeof(val))
			snprintf(rd, sizeof(rd), "0x%llx", (unsigned long long)val);
		else
			snprintf(rd, sizeof(rd), "%s", result(-1));
		wr = pwrite(msr, &zero, sizeof(zero), m->index);
		say("msr", "0x%x (%s): rdmsr %s, wrmsr 0 %s", m->index, m->what, rd,
		    result(wr == (ssize_t)sizeof(zero) ? 0 : -1));
	}
}

static int step_apic(void)
{
	uint64_t base = 0;
	int msr;

	if (load_msr_driver() < 0)
		return 1;
	msr = open(MSR_DEVICE, O_RDWR | O_CLOEXEC);
	if (msr < 0 || pread(msr, &base, sizeof(base), MSR_APIC_BASE) != (ssize_t)sizeof(base)) {
		say("apic", "rdmsr 0x1b through %s: %s", MSR_DEVICE, result(-1));
		return 1;
	}
	say("apic", "IA32_APIC_BASE 0x%llx: %s mode", (unsigned long long)base,
	    base & APIC_BASE_EXTD ? "x2APIC" : "xAPIC");
	icr_by_msr(msr);
	icr_by_mmio(base & APIC_BASE_ADDR);
	machine_msrs(msr);
	close(msr);
	return 0;
}

static void *read_payload(size_t *size)
{
	struct stat st;
	int fd = open(PAYLOAD_PATH, O_RDONLY | O_CLOEXEC);
	void *buf = NULL;

	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
		buf = malloc((size_t)st.st_size);
		if (buf && read(fd, buf, (size_t)st.st_size) != st.st_size) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)st.st_size;
	}
	if (fd >= 0)
		close(fd);
	return buf;
}

/* kexec_load takes page-aligned destinations; the payload's image ends on a page boundary. */
static int step_kexec(void)
{
	struct kexec_segment seg = {.mem = (void *)PAYLOAD_ADDR};
	long rc;

	seg.buf = read_payload(&seg.bufsz);
	if (!seg.buf) {
		say("kexec", "reading %s: %s", PAYLOAD_PATH, result(-1));
		return 1;
	}
	seg.memsz = (seg.bufsz + PAGE - 1) & ~(PAGE - 1);
	rc = syscall(SYS_kexec_load, PAYLOAD_ADDR, 1UL, &seg, (unsigned long)KEXEC_ARCH_DEFAULT);
	say("kexec", "kexec_load of %s (%zu bytes) at 0x%lx: %s", PAYLOAD_PATH, seg.bufsz,
	    PAYLOAD_ADDR, result(rc));
	if (rc < 0)
		return 1;
	say("kexec", "reboot(LINUX_REBOOT_CMD_KEXEC)");
	rc = syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_KEXEC,
		     NULL);
	say("kexec", "reboot returned: %s", result(rc));
	return 1;
}

/* Bulkhead's hypercalls from ring 3 (VMMCALL exits whatever the CPL): HC_TEST_EXIT would stop
 * the whole partition, HC_CONSOLE_WRITE print in its name. Both must be refused, HC_E_PERM. */
#define HC_CONSOLE_WRITE 0
#define HC_TEST_EXIT	 3

static long vmmcall(long nr, long a1, long a2)
{
	long rax = nr;

	__asm__ volatile("vmmcall" : "+a"(rax) : "D"(a1), "S"(a2) : "memory");
	return rax;
}

static void step_hypercall(void)
{
	static const char text[] = "bulkhead-hostile: printed by hypercall from ring 3\n";

	say("hypercall", "HC_CONSOLE_WRITE from ring 3: %ld",
	    vmmcall(HC_CONSOLE_WRITE, (long)text, sizeof(text) - 1));
	say("hypercall", "HC_TEST_EXIT from ring 3: %ld", vmmcall(HC_TEST_EXIT, 0, 0));
}

int main(void)
{
	int failed;

	kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	failed = step_port_io();
	failed |= step_apic();
	step_hypercall();
	/* Last: the payload's write outside the partition's memory ends the partition. */
	failed |= step_kexec();
	return failed;
}
