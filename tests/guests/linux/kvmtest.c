// SPDX-License-Identifier: BSD-2-Clause
// kvmtest: a user of Linux KVM, run as root inside a Bulkhead Linux partition with nested = "svm"
// (tests/boot/test_linux_kvm.py). Linux's kvm_amd is then L1, the VMs created here are L2, and
// the hypervisor the second VM runs makes an L3. Every exit KVM_RUN returns is checked against
// what the guest code must cause; a line per check, "kvmtest: <name>: ok" or "... FAIL ...", goes
// to /dev/kmsg so that it keeps its order with the kernel's own lines on the console.
//
// Each VM gets long mode straight from KVM_SET_SREGS (KVM runs SVM instructions only with paging
// on, and 64-bit code needs no mode switching in the guest): 2 MiB pages identity-map its first
// 8 MiB. Built with the host's gcc as a static binary: the initramfs has no libc.

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define VM_MEM	   (8u << 20)
#define CODE_GPA   0x1000u /* the guest code blob: test1 and the L2 hypervisor with its L3 */
#define PML4_GPA   0x8000u
#define PDPT_GPA   0x9000u
#define PD_GPA	   0xa000u
#define VMCB_GPA   0x10000u /* the L2 hypervisor's VMCB for L3 */
#define HSAVE_GPA  0x11000u
#define IOPM_GPA   0x14000u /* 12 KiB, all ones: every port of L3 exits to L2 */
#define DATA_GPA   0x40000u /* what the guests store for the host side to read back */
#define STACK_GPA  0x80000u
#define L3_STACK   0x90000u
#define EFER_SCE   (1u << 0)
#define EFER_LME   (1u << 8)
#define EFER_LMA   (1u << 10)
#define EFER_SVME  (1u << 12)
#define CPUID_SVM  (1u << 2)   /* CPUID 0x80000001 ECX */
#define L3_CPUID_A 0x4c336b6fu /* what the L2 hypervisor answers to L3's CPUID */

/* AMD APM vol. 2, appendix B: the VMCB fields the L2 hypervisor's VMCB for L3 needs. */
#define VMCB_ICPT_MISC1 0x00c
#define VMCB_ICPT_MISC2 0x010
#define VMCB_IOPM_BASE	0x040
#define VMCB_ASID	0x058
#define VMCB_EXITCODE	0x070
#define VMCB_SAVE	0x400
#define ICPT_CPUID	(1u << 18)
#define ICPT_HLT	(1u << 24)
#define ICPT_IOIO	(1u << 27)
#define ICPT_SHUTDOWN	(1u << 31)
#define ICPT_VMRUN	(1u << 0)
#define SVM_EXIT_CPUID	0x72
#define SVM_EXIT_HLT	0x78
#define SVM_EXIT_IOIO	0x7b

/* Ports the guests use to talk to this program: each access is a KVM_EXIT_IO checked here. */
#define PORT_OUT     0x10 /* test1 writes 0x42 */
#define PORT_IN	     0x11 /* test1 reads what this program answers */
#define PORT_EXIT    0x21 /* the L2 hypervisor reports each exit code of L3 */
#define PORT_INFO1   0x22 /* and its EXITINFO1 */
#define L3_PORT	     0x80 /* L3's OUT, which L2 intercepts */
#define IN_ANSWER    0x5a
#define MEM_PATTERN  0xc0ffee11u
#define BENCH_CPUIDS 1000

/*
 * The guest code, 64-bit and position-dependent only through the *_GPA constants: it is copied to
 * CODE_GPA and entered at its labels' offsets from guest_code_start.
 */
extern const uint8_t guest_code_start[], guest_code_end[], test1_entry[], l2hv_entry[], l3_entry[],
    crash_entry[], bench_entry[];
__asm__(".pushsection .rodata\n"
	".code64\n"
	"guest_code_start:\n"
	/* test1: port out, port in, CPUID (KVM's own), two memory writes, HLT. */
	"test1_entry:\n"
	"	mov $0x42, %al\n"
	"	out %al, $0x10\n"
	"	in $0x11, %al\n"
	"	mov %al, 0x40000\n"
	"	xor %eax, %eax\n"
	"	cpuid\n"
	"	mov %ebx, 0x40004\n"
	"	mov %edx, 0x40008\n"
	"	mov %ecx, 0x4000c\n"
	"	movl $0xc0ffee11, 0x40010\n"
	"	hlt\n"
	/*
	 * The L2 hypervisor: EFER.SVME comes from the sregs; set VM_HSAVE_PA, then VMRUN L3 until it
	 * halts, reporting every exit code (and EXITINFO1) to the host side by port I/O. It
	 * emulates L3's CPUID, skips L3's OUT by EXITINFO2 (the next RIP, APM 15.10.2).
	 */
	"l2hv_entry:\n"
	"	mov $0xc0010117, %ecx\n"
	"	mov $0x11000, %eax\n"
	"	xor %edx, %edx\n"
	"	wrmsr\n"
	"1:	mov $0x10000, %eax\n"
	"	clgi\n"
	"	vmrun\n"
	"	stgi\n"
	"	mov 0x10070, %eax\n"
	"	out %eax, $0x21\n"
	"	cmp $0x72, %eax\n"
	"	je 2f\n"
	"	cmp $0x7b, %eax\n"
	"	je 3f\n"
	"	hlt\n" /* HLT or anything unexpected: the host side judges the code */
	"	jmp 1b\n"
	"2:	movq $0x4c336b6f, 0x105f8\n" /* VMCB save.rax */
	"	addq $2, 0x10578\n"	     /* save.rip past CPUID */
	"	jmp 1b\n"
	"3:	mov 0x10078, %eax\n" /* EXITINFO1 */
	"	out %eax, $0x22\n"
	"	mov 0x10080, %rax\n" /* EXITINFO2: the RIP after L3's OUT */
	"	mov %rax, 0x10578\n"
	"	jmp 1b\n"
	/* L3: CPUID (L2 answers), OUT (L2 intercepts), store what CPUID gave, HLT. */
	"l3_entry:\n"
	"	mov $0x11, %eax\n"
	"	cpuid\n"
	"	out %al, $0x80\n"
	"	mov %eax, 0x40020\n"
	"	hlt\n"
	/* A crash of L2: no IDT, so the #UD becomes a triple fault (KVM_EXIT_SHUTDOWN). */
	"crash_entry:\n"
	"	lidt 0x40100\n"
	"	ud2\n"
	/*
	 * make bench: the TSC cycles of 1000 CPUIDs, which exit to Linux KVM (through L0), stored
	 * at DATA_GPA + 0x30 for the host side.
	 */
	"bench_entry:\n"
	"	mov $1000, %r8d\n"
	"	rdtsc\n"
	"	shl $32, %rdx\n"
	"	or %rax, %rdx\n"
	"	mov %rdx, %rsi\n"
	"4:	xor %eax, %eax\n"
	"	cpuid\n"
	"	dec %r8d\n"
	"	jnz 4b\n"
	"	rdtsc\n"
	"	shl $32, %rdx\n"
	"	or %rax, %rdx\n"
	"	sub %rsi, %rdx\n"
	"	mov %rdx, 0x40030\n"
	"	hlt\n"
	"guest_code_end:\n"
	".popsection\n");

static int kmsg = -1;
static int failures;

static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "kvmtest: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line) - 1)
		n = sizeof(line) - 2;
	/* The newline ends the record: without it the kernel holds the line open for a
	 * continuation and prints it only with the next record. */
	line[n++] = '\n';
	if (kmsg < 0 || write(kmsg, line, n) < 0)
		printf("%.*s", n, line);
}

static void check(int ok, const char *name, const char *fmt, ...)
{
	char why[160] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (ok) {
		say("%s: ok", name);
	} else {
		failures++;
		say("%s: FAIL (%s)", name, why);
	}
}

static int xioctl(int fd, unsigned long req, void *arg, const char *what)
{
	int r = ioctl(fd, req, arg);

	if (r < 0) {
		say("%s: FAIL (errno %d, %s)", what, errno, strerror(errno));
		exit(1);
	}
	return r;
}

struct vm {
	int kvm, fd, vcpu;
	uint8_t *mem;
	struct kvm_run *run;
};

static void *gpa(struct vm *vm, uint64_t a)
{
	return vm->mem + a;
}

static uint32_t rd32(struct vm *vm, uint64_t a)
{
	uint32_t v;

	memcpy(&v, gpa(vm, a), 4);
	return v;
}

static void wr32(struct vm *vm, uint64_t a, uint32_t v)
{
	memcpy(gpa(vm, a), &v, 4);
}

static void wr64(struct vm *vm, uint64_t a, uint64_t v)
{
	memcpy(gpa(vm, a), &v, 8);
}

/* KVM's whole supported CPUID, as QEMU would hand it on: with SVM for the nested VM. */
static struct kvm_cpuid2 *supported_cpuid(int kvm)
{
	size_t n = 128;
	struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));

	c->nent = n;
	xioctl(kvm, KVM_GET_SUPPORTED_CPUID, c, "KVM_GET_SUPPORTED_CPUID");
	return c;
}

static const struct kvm_cpuid_entry2 *cpuid_leaf(const struct kvm_cpuid2 *c, uint32_t fn)
{
	for (uint32_t i = 0; i < c->nent; i++)
		if (c->entries[i].function == fn && c->entries[i].index == 0)
			return &c->entries[i];
	return NULL;
}

static void seg64(struct kvm_segment *s, uint16_t sel, int code)
{
	memset(s, 0, sizeof(*s));
	s->selector = sel;
	s->limit = 0xffffffff;
	s->type = code ? 11 : 3; /* execute/read accessed, or read/write accessed */
	s->present = 1;
	s->s = 1;
	s->l = code;
	s->db = !code;
	s->g = 1;
}

static void vm_open(struct vm *vm, int kvm, const struct kvm_cpuid2 *cpuid, uint64_t entry,
		    uint64_t efer_extra)
{
	struct kvm_userspace_memory_region region = {
	    .slot = 0, .guest_phys_addr = 0, .memory_size = VM_MEM};
	struct kvm_sregs sregs;
	struct kvm_regs regs = {.rip = entry, .rsp = STACK_GPA, .rflags = 2};
	int run_size;

	vm->kvm = kvm;
	vm->fd = xioctl(kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
	vm->mem = mmap(NULL, VM_MEM, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->mem == MAP_FAILED) {
		say("mmap: FAIL (errno %d)", errno);
		exit(1);
	}
	region.userspace_addr = (uintptr_t)vm->mem;
	xioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &region, "KVM_SET_USER_MEMORY_REGION");
	vm->vcpu = xioctl(vm->fd, KVM_CREATE_VCPU, 0, "KVM_CREATE_VCPU");
	xioctl(vm->vcpu, KVM_SET_CPUID2, (void *)cpuid, "KVM_SET_CPUID2");
	run_size = xioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
	vm->run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu, 0);
	if (vm->run == MAP_FAILED) {
		say("mmap kvm_run: FAIL (errno %d)", errno);
		exit(1);
	}

	memcpy(gpa(vm, CODE_GPA), guest_code_start, guest_code_end - guest_code_start);
	wr64(vm, PML4_GPA, PDPT_GPA | 3);
	wr64(vm, PDPT_GPA, PD_GPA | 3);
	for (uint64_t i = 0; i < VM_MEM >> 21; i++)
		wr64(vm, PD_GPA + i * 8, (i << 21) | 0x83); /* present, writable, 2 MiB */

	xioctl(vm->vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
	seg64(&sregs.cs, 8, 1);
	seg64(&sregs.ds, 16, 0);
	sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.ds;
	sregs.cr3 = PML4_GPA;
	sregs.cr4 = 1u << 5;	 /* PAE */
	sregs.cr0 = 0x80000033u; /* PG, NE, ET, MP, PE */
	sregs.efer = EFER_LME | EFER_LMA | EFER_SCE | efer_extra;
	xioctl(vm->vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
	xioctl(vm->vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");
}

static void vm_close(struct vm *vm)
{
	close(vm->vcpu);
	close(vm->fd);
	munmap(vm->mem, VM_MEM);
}

static uint64_t code_gpa(const uint8_t *label)
{
	return CODE_GPA + (uint64_t)(label - guest_code_start);
}

static const char *exit_name(uint32_t r)
{
	static char buf[24];

	switch (r) {
	case KVM_EXIT_IO:
		return "io";
	case KVM_EXIT_HLT:
		return "hlt";
	case KVM_EXIT_SHUTDOWN:
		return "shutdown";
	case KVM_EXIT_FAIL_ENTRY:
		return "fail-entry";
	case KVM_EXIT_INTERNAL_ERROR:
		return "internal-error";
	case KVM_EXIT_MMIO:
		return "mmio";
	default:
		snprintf(buf, sizeof(buf), "reason %u", r);
		return buf;
	}
}

/* One KVM_RUN; the exit it returned. */
static uint32_t vm_run(struct vm *vm)
{
	if (ioctl(vm->vcpu, KVM_RUN, 0) < 0) {
		say("KVM_RUN: FAIL (errno %d, %s)", errno, strerror(errno));
		exit(1);
	}
	return vm->run->exit_reason;
}

/* An I/O exit of the expected direction, port and size; its data byte(s). */
static uint8_t *io_exit(struct vm *vm, const char *name, uint32_t reason, int dir, int port,
			int size)
{
	struct kvm_run *r = vm->run;
	int ok = reason == KVM_EXIT_IO && r->io.direction == dir && r->io.port == port &&
		 r->io.size == size && r->io.count == 1;

	check(ok, name, "exit %s, dir %d port 0x%x size %d count %u", exit_name(reason),
	      reason == KVM_EXIT_IO ? r->io.direction : -1, reason == KVM_EXIT_IO ? r->io.port : 0,
	      reason == KVM_EXIT_IO ? r->io.size : 0, reason == KVM_EXIT_IO ? r->io.count : 0);
	return (uint8_t *)r + r->io.data_offset;
}

static uint32_t io_data32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* L2 runs a few instructions: every exit is the one its code must cause, in order. */
static void test_basic(int kvm, const struct kvm_cpuid2 *cpuid)
{
	const struct kvm_cpuid_entry2 *l0 = cpuid_leaf(cpuid, 0);
	struct kvm_regs regs;
	struct vm vm;
	uint8_t *d;

	vm_open(&vm, kvm, cpuid, code_gpa(test1_entry), 0);
	d = io_exit(&vm, "l2 out exit", vm_run(&vm), KVM_EXIT_IO_OUT, PORT_OUT, 1);
	check(*d == 0x42, "l2 out data", "0x%x", *d);
	d = io_exit(&vm, "l2 in exit", vm_run(&vm), KVM_EXIT_IO_IN, PORT_IN, 1);
	*d = IN_ANSWER;
	uint32_t r = vm_run(&vm);
	check(r == KVM_EXIT_HLT, "l2 hlt exit", "exit %s", exit_name(r));
	xioctl(vm.vcpu, KVM_GET_REGS, &regs, "KVM_GET_REGS");
	/* HLT is the last instruction of test1; RIP is past it when the exit comes. */
	check(regs.rip == code_gpa(l2hv_entry), "l2 rip after hlt", "rip 0x%llx, expected 0x%llx",
	      (unsigned long long)regs.rip, (unsigned long long)code_gpa(l2hv_entry));
	check(*(uint8_t *)gpa(&vm, DATA_GPA) == IN_ANSWER, "l2 in value stored", "0x%x",
	      *(uint8_t *)gpa(&vm, DATA_GPA));
	check(l0 && rd32(&vm, DATA_GPA + 4) == l0->ebx && rd32(&vm, DATA_GPA + 8) == l0->edx &&
		  rd32(&vm, DATA_GPA + 12) == l0->ecx,
	      "l2 cpuid vendor", "%.12s", (char *)gpa(&vm, DATA_GPA + 4));
	check(rd32(&vm, DATA_GPA + 16) == MEM_PATTERN, "l2 memory write read back", "0x%x",
	      rd32(&vm, DATA_GPA + 16));
	vm_close(&vm);
}

/* The L2 hypervisor's VMCB for L3: long mode on L2's own page tables, no NPT, ASID 1. */
static void l3_vmcb(struct vm *vm)
{
	uint8_t *v = gpa(vm, VMCB_GPA);
	uint8_t *s = v + VMCB_SAVE;

	memset(v, 0, 4096);
	memset(gpa(vm, IOPM_GPA), 0xff, 3 * 4096);
	wr32(vm, VMCB_GPA + VMCB_ICPT_MISC1, ICPT_CPUID | ICPT_HLT | ICPT_IOIO | ICPT_SHUTDOWN);
	wr32(vm, VMCB_GPA + VMCB_ICPT_MISC2, ICPT_VMRUN);
	wr64(vm, VMCB_GPA + VMCB_IOPM_BASE, IOPM_GPA);
	wr32(vm, VMCB_GPA + VMCB_ASID, 1);
	/* Segments (selector, attrib, limit, base): es, cs, ss, ds at 0x00-0x3f of the save area. */
	for (int i = 0; i < 4; i++) {
		uint8_t *seg = s + i * 16;
		uint16_t sel = i == 1 ? 8 : 16;
		uint16_t attr = i == 1 ? 0x29b : 0xc93; /* L, P, S, code / G, D, P, S, data */

		memcpy(seg, &sel, 2);
		memcpy(seg + 2, &attr, 2);
		wr32(vm, VMCB_GPA + VMCB_SAVE + i * 16 + 4, 0xffffffff);
	}
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0xd0, EFER_LME | EFER_LMA | EFER_SVME); /* efer */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x148, 1u << 5);			/* cr4 */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x150, PML4_GPA);			/* cr3 */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x158, 0x80000033u);			/* cr0 */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x160, 0x400);				/* dr7 */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x168, 0xffff0ff0);			/* dr6 */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x170, 2);				/* rflags */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x178, code_gpa(l3_entry));		/* rip */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x1d8, L3_STACK);			/* rsp */
	wr64(vm, VMCB_GPA + VMCB_SAVE + 0x268, 0x0007040600070406ull);		/* g_pat */
}

/* L2 is a hypervisor of ours: L3's exits reach it through L0 and Linux KVM. */
static void test_nested(int kvm, const struct kvm_cpuid2 *cpuid)
{
	const struct kvm_cpuid_entry2 *ext = cpuid_leaf(cpuid, 0x80000001);
	struct vm vm;
	uint8_t *d;
	uint32_t r;

	check(ext && (ext->ecx & CPUID_SVM), "kvm offers svm to its guests",
	      "CPUID 0x80000001 ecx %#x", ext ? ext->ecx : 0);
	if (!ext || !(ext->ecx & CPUID_SVM))
		return;
	vm_open(&vm, kvm, cpuid, code_gpa(l2hv_entry), EFER_SVME);
	l3_vmcb(&vm);
	d = io_exit(&vm, "l3 cpuid reaches l2", vm_run(&vm), KVM_EXIT_IO_OUT, PORT_EXIT, 4);
	check(io_data32(d) == SVM_EXIT_CPUID, "l3 cpuid exit code", "0x%x", io_data32(d));
	d = io_exit(&vm, "l3 out reaches l2", vm_run(&vm), KVM_EXIT_IO_OUT, PORT_EXIT, 4);
	check(io_data32(d) == SVM_EXIT_IOIO, "l3 ioio exit code", "0x%x", io_data32(d));
	d = io_exit(&vm, "l3 ioio exitinfo1", vm_run(&vm), KVM_EXIT_IO_OUT, PORT_INFO1, 4);
	/* Port in bits 31:16, SZ8 (bit 4), OUT (type bit 0 clear). */
	check(io_data32(d) >> 16 == L3_PORT && (io_data32(d) & 0x11) == 0x10, "l3 ioio port",
	      "exitinfo1 0x%x", io_data32(d));
	d = io_exit(&vm, "l3 hlt reaches l2", vm_run(&vm), KVM_EXIT_IO_OUT, PORT_EXIT, 4);
	check(io_data32(d) == SVM_EXIT_HLT, "l3 hlt exit code", "0x%x", io_data32(d));
	r = vm_run(&vm);
	check(r == KVM_EXIT_HLT, "l2 halts after l3", "exit %s", exit_name(r));
	check(rd32(&vm, DATA_GPA + 0x20) == L3_CPUID_A, "l3 saw l2's cpuid answer", "0x%x",
	      rd32(&vm, DATA_GPA + 0x20));
	vm_close(&vm);
}

/* L2 triple-faults: KVM reports it to us, its user; Bulkhead must not see a fault at all. */
static void test_l2_crash(int kvm, const struct kvm_cpuid2 *cpuid)
{
	struct vm vm;
	uint32_t r;

	vm_open(&vm, kvm, cpuid, code_gpa(crash_entry), 0);
	r = vm_run(&vm);
	check(r == KVM_EXIT_SHUTDOWN, "l2 triple fault is kvm's", "exit %s", exit_name(r));
	vm_close(&vm);
}

/* make bench: an L2 CPUID handled by Linux KVM, next to tests/guests/nested_bench.c's through
 * our own L1 (tests/bench/run_bench.py). */
static int bench(int kvm, const struct kvm_cpuid2 *cpuid)
{
	struct vm vm;
	uint64_t cycles;
	uint32_t r;

	vm_open(&vm, kvm, cpuid, code_gpa(bench_entry), 0);
	r = vm_run(&vm);
	if (r != KVM_EXIT_HLT) {
		say("bench: FAIL (exit %s)", exit_name(r));
		return 1;
	}
	memcpy(&cycles, gpa(&vm, DATA_GPA + 0x30), sizeof(cycles));
	say("bench: linux-kvm-l2-cpuid cycles=%llu runs=%u",
	    (unsigned long long)(cycles / BENCH_CPUIDS), BENCH_CPUIDS);
	vm_close(&vm);
	return 0;
}

int main(int argc, char **argv)
{
	struct kvm_cpuid2 *cpuid;
	int kvm, ver;

	kmsg = open("/dev/kmsg", O_WRONLY);
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		say("open /dev/kvm: FAIL (errno %d, %s)", errno, strerror(errno));
		return 1;
	}
	ver = xioctl(kvm, KVM_GET_API_VERSION, 0, "KVM_GET_API_VERSION");
	check(ver == KVM_API_VERSION, "api version", "%d", ver);
	cpuid = supported_cpuid(kvm);
	if (argc > 1 && !strcmp(argv[1], "bench"))
		return bench(kvm, cpuid);
	test_basic(kvm, cpuid);
	test_nested(kvm, cpuid);
	test_l2_crash(kvm, cpuid);
	say("%d failures", failures);
	return failures != 0;
}
