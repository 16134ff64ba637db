// SPDX-License-Identifier: BSD-2-Clause
// The xAPIC policy end to end: guest MOVs through vlapic_mmio() onto a fake physical APIC.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lapic.h"
#include "partition.h"
#include "printk.h"
#include "vlapic.h"

#define PAGE		 4096
#define CODE		 0x1000
#define APIC_REGS	 (0x540 / 4)
#define MAX_LOG		 32
#define MAX_SENT	 16
#define X2_ICR(dest, lo) (((uint64_t)(dest) << 32) | (lo))

/* The fake machine: one physical APIC register file, what was sent, requested and logged. */
static uint32_t phys[APIC_REGS];
static struct {
	uint32_t apic_id, icr;
} sent[MAX_SENT];
static unsigned int nsent, nresets;
static uint32_t requests[4];
static char logs[MAX_LOG][160], dbg[MAX_LOG][160], fault[160];
static unsigned int nlogs, ndbg; /* console lines, and debug-level ones apart */
static uint8_t mem[2 * PAGE];
static struct cfg_partition cfg = {.name = "p", .ncpus = 3};
static struct partition part = {.cfg = &cfg};

uint32_t lapic_reg_read(uint32_t reg)
{
	assert_true(reg / 4 < APIC_REGS);
	return phys[reg / 4];
}

static bool phys_x2apic; /* the physical APIC in x2APIC mode: MSRs fault on reserved bits */

/* An x2APIC without CMCI or TSC-deadline, per SDM 11.12.1.2 and figure 11-8, written out apart
 * from vcpu/x2apic.c: the bits each register accepts; any other write would fault. */
static bool x2apic_accepts(uint32_t reg, uint32_t val)
{
	static const struct {
		uint32_t reg, ok;
	} table[] = {
	    {0x080, 0xff},    {0x0b0, 0},	{0x0f0, 0x13ff},  {0x280, 0},
	    {0x320, 0x300ff}, {0x330, 0x107ff}, {0x340, 0x107ff}, {0x350, 0x1a7ff},
	    {0x360, 0x1a7ff}, {0x370, 0x100ff}, {0x380, ~0U},	  {0x3e0, 0xb},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].reg == reg)
			return !(val & ~table[i].ok);
	return false;
}

void lapic_reg_write(uint32_t reg, uint32_t val)
{
	assert_true(reg / 4 < APIC_REGS);
	if (phys_x2apic && !x2apic_accepts(reg, val))
		fail_msg("WRMSR 0x%x <- 0x%x would fault in Bulkhead", 0x800 + reg / 16, val);
	phys[reg / 4] = val;
}

bool lapic_send_ipi(uint32_t apic_id, uint32_t icr_low)
{
	assert_true(nsent < MAX_SENT);
	sent[nsent].apic_id = apic_id;
	sent[nsent++].icr = icr_low;
	return true;
}

void lapic_guest_reset(void)
{
	nresets++;
}

bool lapic_x2apic_mode(void)
{
	return phys_x2apic;
}

bool lapic_has_cmci(void)
{
	return false;
}

bool lapic_has_tsc_deadline(void)
{
	return false;
}

void vcpu_request(struct vcpu *v, uint32_t req)
{
	requests[v->index] |= req;
}

void part_fault(struct partition *p, const char *what)
{
	snprintf(fault, sizeof(fault), "%s", what);
}

void *part_gpa_to_hva(const struct partition *p, uint64_t gpa, uint64_t len, unsigned int rights)
{
	return gpa + len <= sizeof(mem) ? mem + gpa : NULL;
}

void printk(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (level == LOG_DEBUG && ndbg < MAX_LOG)
		vsnprintf(dbg[ndbg++], sizeof(dbg[0]), fmt, ap);
	else if (level != LOG_DEBUG && nlogs < MAX_LOG)
		vsnprintf(logs[nlogs++], sizeof(logs[0]), fmt, ap);
	va_end(ap);
}

/* 32-bit flat code without paging: the tests' instructions sit at CODE. */
static void get_paging(struct vcpu *v, struct vcpu_paging *out)
{
	*out = (struct vcpu_paging){.cr0 = 1, .cs_db = true};
}

/* Per vCPU and x2APIC MSR: bit 0 reads exit, bit 1 writes exit. */
static uint8_t exits[4][256];

static void msr_intercept(struct vcpu *v, uint32_t index, bool read, bool write)
{
	assert_true(index >= 0x800 && index <= 0x8ff);
	exits[v->index][index - 0x800] = (uint8_t)((read ? 1 : 0) | (write ? 2 : 0));
}

static const struct vcpu_ops ops = {
    .name = "test", .get_paging = get_paging, .msr_intercept = msr_intercept};
const struct vcpu_ops *vcpu_ops = &ops;

static int fresh(void **state)
{
	static unsigned int next_index;

	memset(phys, 0, sizeof(phys));
	memset(requests, 0, sizeof(requests));
	memset(exits, 3, sizeof(exits));
	nsent = nresets = nlogs = ndbg = 0;
	phys_x2apic = false;
	fault[0] = 0;
	part.index = next_index++; /* a partition of its own: shadows and counts start afresh */
	for (unsigned int i = 0; i < cfg.ncpus; i++)
		part.vcpu[i] = (struct vcpu){.part = &part, .index = i, .apic_id = i + 1};
	return 0;
}

static bool access(unsigned int cpu, const char *code, uint32_t reg, bool write)
{
	struct vcpu_exit e = {.reason = VCPU_EXIT_APIC,
			      .npf = {.gpa = VLAPIC_BASE + reg, .write = write}};
	struct vcpu *v = &part.vcpu[cpu];

	memcpy(mem + CODE, code, 2);
	v->regs.rip = CODE;
	return vlapic_mmio(v, &e);
}

/* mov %eax, (%edx) */
static void guest_write(unsigned int cpu, uint32_t reg, uint32_t val)
{
	part.vcpu[cpu].regs.rax = val;
	assert_true(access(cpu, "\x89\x02", reg, true));
	assert_int_equal(part.vcpu[cpu].regs.rip, CODE + 2);
}

/* mov (%edx), %eax */
static uint32_t guest_read(unsigned int cpu, uint32_t reg)
{
	assert_true(access(cpu, "\x8b\x02", reg, false));
	return (uint32_t)part.vcpu[cpu].regs.rax;
}

static void write_through(void **state)
{
	guest_write(0, 0x080, 0x20); /* TPR */
	guest_write(0, 0x0b0, 0);    /* EOI */
	guest_write(0, 0x320, 0x20031);
	guest_write(0, 0x380, 123456);
	guest_write(0, 0x3e0, 0xb);
	assert_int_equal(phys[0x080 / 4], 0x20);
	assert_int_equal(phys[0x320 / 4], 0x20031);
	assert_int_equal(phys[0x380 / 4], 123456);
	assert_int_equal(phys[0x3e0 / 4], 0xb);
	phys[0x390 / 4] = 777; /* current count: reads come from the hardware */
	assert_int_equal(guest_read(0, 0x390), 777);
	assert_int_equal(nlogs, 0);
}

static void dropped_writes(void **state)
{
	phys[0x020 / 4] = 1U << 24;
	guest_write(0, 0x020, 7U << 24); /* the APIC ID stays */
	assert_int_equal(phys[0x020 / 4], 1U << 24);
	assert_int_equal(guest_read(0, 0x020), 1U << 24);
	part.vcpu[0].regs.rax = 0xff;
	assert_true(access(0, "\x88\x02", 0x080, true)); /* a byte write to TPR */
	assert_int_equal(phys[0x080 / 4], 0);
	/* Debug level only: a partition repeating it must not flood the shared console. */
	assert_string_equal(dbg[0], "partition p: write 0x7000000 to LAPIC register 0x20 dropped");
	assert_string_equal(dbg[1], "partition p: 1-byte LAPIC write at offset 0x80 dropped");
	assert_int_equal(nlogs, 0);
	assert_int_equal(guest_read(0, 0x084), 0); /* reserved bytes of a slot */
}

static void lvt_delivery_masked(void **state)
{
	guest_write(0, 0x350, 0x700); /* LINT0 ExtINT */
	guest_write(0, 0x360, 0x400); /* LINT1 NMI: its own core, allowed */
	guest_write(0, 0x340, 0x200); /* performance LVT as SMI */
	assert_int_equal(phys[0x350 / 4], 0x10700);
	assert_int_equal(phys[0x360 / 4], 0x400);
	assert_int_equal(phys[0x340 / 4], 0x10200);
	assert_string_equal(dbg[0], "partition p: LVT 0x350 delivery mode 7 masked");
	assert_int_equal(nlogs, 0);
}

static void fixed_ipis(void **state)
{
	guest_write(0, 0x310, 2U << 24);
	assert_int_equal(phys[0x310 / 4], 0); /* ICR high is never the hardware's */
	guest_write(0, 0x300, 0x4040);
	assert_int_equal(nsent, 1);
	assert_int_equal(sent[0].apic_id, 2);
	assert_int_equal(sent[0].icr, 0x4040); /* physical, fixed, edge */
	assert_int_equal(guest_read(0, 0x310), 2U << 24);
	assert_int_equal(guest_read(0, 0x300), 0x4040);
	guest_write(1, 0x300, 0xc0041); /* all excluding self, from vCPU 1 */
	assert_int_equal(nsent, 3);
	assert_int_equal(sent[1].apic_id, 1);
	assert_int_equal(sent[2].apic_id, 3);
	assert_int_equal(sent[2].icr, 0x4041);
	assert_int_equal(nlogs, 0);
}

static void init_sipi_nmi(void **state)
{
	guest_write(0, 0x310, 3U << 24);
	guest_write(0, 0x300, 0xc500); /* INIT assert */
	guest_write(0, 0x300, 0x8500); /* INIT de-assert: nothing */
	assert_int_equal(requests[2], VCPU_REQ_INIT);
	guest_write(0, 0x300, 0x069a);
	assert_int_equal(part.vcpu[2].sipi_vector, 0x9a);
	assert_int_equal(requests[2], VCPU_REQ_INIT | VCPU_REQ_SIPI);
	guest_write(2, 0x310, 1U << 24);
	guest_write(2, 0x300, 0x0400);
	assert_int_equal(requests[0], VCPU_REQ_NMI);
	assert_int_equal(requests[1], 0);
	assert_int_equal(nsent, 0);
}

static void logical_from_shadows(void **state)
{
	guest_write(1, 0x0e0, 0xffffffff);
	guest_write(1, 0x0d0, 0x02000000);
	guest_write(2, 0x0d0, 0x04000000);
	assert_int_equal(phys[0x0d0 / 4], 0x04000000); /* written through too */
	guest_write(0, 0x310, 0x06U << 24);
	guest_write(0, 0x300, 0x0850);
	assert_int_equal(nsent, 2);
	assert_int_equal(sent[0].apic_id, 2);
	assert_int_equal(sent[1].apic_id, 3);
	/* after a reset vCPU 2 has LDR 0 again and no longer matches */
	vlapic_reset(&part.vcpu[2], false);
	assert_int_equal(nresets, 1);
	guest_write(0, 0x300, 0x0850);
	assert_int_equal(nsent, 3);
	assert_int_equal(sent[2].apic_id, 2);
}

static void refused_and_rate_limited(void **state)
{
	guest_write(0, 0x310, 0); /* APIC ID 0: another partition's */
	for (int i = 0; i < 20; i++)
		guest_write(0, 0x300, 0xc500);
	assert_int_equal(nsent, 0);
	assert_int_equal(requests[0] | requests[1] | requests[2], 0);
	assert_int_equal(vlapic_refused(&part), 20);
	assert_int_equal(nlogs, 10);
	assert_string_equal(logs[0],
			    "partition p: INIT IPI to APIC ID 0 outside the partition refused");
	assert_string_equal(logs[8], "partition p: further refused IPIs are only counted");
	assert_string_equal(logs[9], "partition p: 16 IPIs refused so far");
	assert_true(part.vcpu[0].regs.rip == CODE + 2); /* the vCPU runs on */
}

static void refused_kinds(void **state)
{
	guest_write(0, 0x310, 2U << 24);
	guest_write(0, 0x300, 0x0200); /* SMI */
	guest_write(0, 0x310, 0x08U << 24);
	guest_write(0, 0x300, 0x0c00); /* logical NMI, nobody has LDR bit 3 */
	guest_write(0, 0x310, 0x09U << 24);
	guest_write(0, 0x300, 0x0640); /* SIPI to APIC ID 9 */
	assert_string_equal(logs[0], "partition p: SMI IPI refused");
	assert_string_equal(logs[1], "partition p: NMI IPI to logical destination 0x8 outside the "
				     "partition refused");
	assert_string_equal(logs[2],
			    "partition p: SIPI IPI to APIC ID 9 outside the partition refused");
	assert_int_equal(nsent + requests[0] + requests[1] + requests[2], 0);
}

static void stops_on_what_it_cannot_emulate(void **state)
{
	assert_false(access(0, "\x0f\x0b", 0x300, true));
	assert_string_equal(fault, "MMIO at rip 0x1000: cannot emulate 0f 0b: not a MOV, MOVZX or "
				   "XCHG with a memory operand");
	assert_int_equal(part.vcpu[0].regs.rip, CODE);
	/* a 4-byte store two bytes before the page end reaches past the APIC page */
	assert_false(access(0, "\x89\x02", 0xffe, true));
	assert_string_equal(fault, "LAPIC: access outside the APIC page at 0xfee00ffe");
}

/* The physical APIC in x2APIC mode under a guest on the xAPIC page: what x2APIC lacks lives
 * in the shadows, and no value can reach an MSR with bits that would fault. */
static void xapic_page_on_x2apic(void **state)
{
	phys_x2apic = true;
	phys[0x020 / 4] = 2; /* x2APIC ID register: the whole ID */
	assert_int_equal(guest_read(0, 0x020), 2U << 24);
	guest_write(0, 0x0b0, 0x55); /* EOI: any value on the page, 0 to the MSR */
	guest_write(0, 0x080, 0x1234);
	guest_write(0, 0x320, 0xfff20031); /* reserved bits dropped */
	guest_write(0, 0x280, 7);
	assert_int_equal(phys[0x0b0 / 4], 0);
	assert_int_equal(phys[0x080 / 4], 0x34);
	assert_int_equal(phys[0x320 / 4], 0x20031);
	assert_int_equal(phys[0x280 / 4], 0);
	phys[0x0d0 / 4] = 0x00010004; /* the read-only x2APIC LDR */
	guest_write(0, 0x0e0, 0x0fffffff);
	guest_write(0, 0x0d0, 0x02000000);
	assert_int_equal(phys[0x0d0 / 4], 0x00010004);
	assert_int_equal(phys[0x0e0 / 4], 0);
	assert_int_equal(guest_read(0, 0x0d0), 0x02000000);
	assert_int_equal(guest_read(0, 0x0e0), 0x0fffffff);
	phys[0x090 / 4] = 0x77; /* APR has no MSR: never read */
	assert_int_equal(guest_read(0, 0x090), 0);
	guest_write(0, 0x2f0, 0x40); /* no CMCI on this CPU: dropped, never written */
	assert_int_equal(phys[0x2f0 / 4], 0);
	guest_write(0, 0x310, 2U << 24);
	guest_write(0, 0x300, 0x4040);
	assert_int_equal(nsent, 1);
	assert_int_equal(sent[0].apic_id, 2);
}

/* Whatever the guest writes wherever on the page, no WRMSR Bulkhead makes can fault (the fake
 * fails the test on one that would). */
static void no_write_faults_on_x2apic(void **state)
{
	static const uint32_t values[] = {~0U, 0x60000, 0x40031, 0x5000, 0x80000000, 0x1234};

	phys_x2apic = true;
	for (uint32_t reg = 0; reg < 0x400; reg += 0x10)
		for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
			if (reg != 0x300) /* the ICR sends: covered above */
				guest_write(0, reg, values[i]);
	assert_int_equal(phys[0x320 / 4] & 0x40000, 0); /* no TSC-deadline bit on this CPU */
}

static bool x2msr(unsigned int cpu, uint32_t msr, bool write, uint64_t *val)
{
	return vlapic_x2apic_msr(&part.vcpu[cpu], msr, write, val);
}

static void x2apic_mode(void **state)
{
	uint64_t val = 0;

	phys_x2apic = true;
	guest_read(0, 0x020); /* the shadows exist once the vCPU touched its APIC */
	assert_false(x2msr(0, 0x808, false, &val)); /* xAPIC mode: the MSRs #GP */
	vlapic_x2apic_switch(&part.vcpu[0], true);
	/* reads pass through but the ICR; timer, EOI, TPR, self IPI writes too */
	assert_int_equal(exits[0][0x08], 0);
	assert_int_equal(exits[0][0x0b], 0);
	assert_int_equal(exits[0][0x32], 0);
	assert_int_equal(exits[0][0x38], 0);
	assert_int_equal(exits[0][0x3f], 0);
	assert_int_equal(exits[0][0x30], 3);
	assert_int_equal(exits[0][0x35], 2); /* LINT0: read through, write filtered */
	assert_int_equal(exits[0][0x0d], 2); /* LDR is read-only: its write exits to #GP */
	assert_int_equal(exits[1][0x0b], 3); /* vCPU 1 stays in xAPIC mode */

	val = X2_ICR(3, 0x4041);
	assert_true(x2msr(0, 0x830, true, &val));
	assert_int_equal(nsent, 1);
	assert_int_equal(sent[0].apic_id, 3);
	assert_int_equal(sent[0].icr, 0x4041);
	assert_true(x2msr(0, 0x830, false, &val));
	assert_int_equal(val, X2_ICR(3, 0x4041));
	val = X2_ICR(3, 0x4041) | (1U << 16); /* reserved */
	assert_false(x2msr(0, 0x830, true, &val));
	val = X2_ICR(0, 0x4041); /* another partition's APIC ID */
	assert_true(x2msr(0, 0x830, true, &val));
	assert_int_equal(nsent, 1);
	assert_string_equal(logs[0],
			    "partition p: fixed IPI to APIC ID 0 outside the partition refused");

	val = 0x700; /* LINT0 ExtINT: masked on the way */
	assert_true(x2msr(0, 0x835, true, &val));
	assert_int_equal(phys[0x350 / 4], 0x10700);
	val = 0x1d700; /* read back with delivery status and remote IRR: written as is */
	assert_true(x2msr(0, 0x835, true, &val));
	assert_int_equal(phys[0x350 / 4], 0x18700);
	val = 0x80000; /* reserved in LINT0 */
	assert_false(x2msr(0, 0x835, true, &val));
	val = 1ULL << 32;
	assert_false(x2msr(0, 0x838, true, &val));
	val = 5;
	assert_false(x2msr(0, 0x80d, true, &val));  /* read-only */
	assert_false(x2msr(0, 0x809, false, &val)); /* no APR in x2APIC */
	assert_false(x2msr(0, 0x82f, false, &val)); /* nor CMCI here */
}

static void init_keeps_x2apic_reset_leaves(void **state)
{
	phys_x2apic = true;
	guest_read(2, 0x020);
	vlapic_x2apic_switch(&part.vcpu[2], true);
	vlapic_reset(&part.vcpu[2], true); /* INIT: still x2APIC (SDM 11.12.5.1) */
	assert_int_equal(exits[2][0x0b], 0);
	uint64_t val = 0;
	assert_true(x2msr(2, 0x808, false, &val));
	vlapic_reset(&part.vcpu[2], false);
	assert_int_equal(exits[2][0x0b], 3);
	assert_false(x2msr(2, 0x808, false, &val));
	assert_int_equal(nresets, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(write_through, fresh),
	    cmocka_unit_test_setup(dropped_writes, fresh),
	    cmocka_unit_test_setup(lvt_delivery_masked, fresh),
	    cmocka_unit_test_setup(fixed_ipis, fresh),
	    cmocka_unit_test_setup(init_sipi_nmi, fresh),
	    cmocka_unit_test_setup(logical_from_shadows, fresh),
	    cmocka_unit_test_setup(refused_and_rate_limited, fresh),
	    cmocka_unit_test_setup(refused_kinds, fresh),
	    cmocka_unit_test_setup(stops_on_what_it_cannot_emulate, fresh),
	    cmocka_unit_test_setup(xapic_page_on_x2apic, fresh),
	    cmocka_unit_test_setup(no_write_faults_on_x2apic, fresh),
	    cmocka_unit_test_setup(x2apic_mode, fresh),
	    cmocka_unit_test_setup(init_keeps_x2apic_reset_leaves, fresh),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
