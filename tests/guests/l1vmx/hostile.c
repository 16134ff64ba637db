// SPDX-License-Identifier: BSD-2-Clause
// A hostile L1 (issue #8): VMX regions, bitmaps, MSR lists and EPT tables outside the
// partition's memory, controls the capability MSRs do not offer, host state that would need
// privileges, MSR-load entries the partition may not write. Each gets the SDM's outcome and the
// same VMCS, repaired, runs L2. Natively every address below MAXPHYADDR is the CPU's: the tests
// that need a partition bound (l1_partition_end) pass with a note there.

#include "l1vmx.h"
#include "platform.h"

#define PIN_POSTED_INTR	     (1U << 7)
#define PROC2_APIC_ACCESS    (1U << 0)
#define PROC2_VIRT_INTR	     (1U << 9)
#define NONCANONICAL	     0x8000000000000000ULL
#define SEL_RPL3	     3U
#define SEL_TI		     4U
#define EXIT_REASON_MSR_LOAD 34
#define MSR_TSC		     0x10U
#define MSR_PAT		     0x277U
#define MSR_X2APIC_TPR	     0x808U
#define MSR_FS_BASE	     0xc0000100U
#define MSR_SYSENTER_EIP     0x176U
#define SYSENTER_CS_VALUE    0x10U
#define SYSENTER_EIP_VALUE   0xffff800012345678ULL
#define MSR_LIST_ENTRIES     2
#define INVEPT_SINGLE	     1
#define EPT_RWX		     7ULL
#define EPTP_WB_WALK4	     (6ULL | (3ULL << 3))

struct msr_entry {
	uint32_t index, reserved;
	uint64_t value;
};
static struct msr_entry msr_list[MSR_LIST_ENTRIES] __attribute__((aligned(16)));

/* The first page-aligned address past the partition's memory; false (with a note) natively. */
static bool outside(uint64_t *pa)
{
	if (!l1_partition_end) {
		l1_note("needs a partition bound: natively every address below MAXPHYADDR is the "
			"CPU's");
		return false;
	}
	*pa = (l1_partition_end + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	CHECK(*pa < (1ULL << phys_bits));
	return true;
}

/* VMLAUNCH of a fresh L2 with @field = @bad fails valid with @err; with its value back it runs. */
static void launch_fails(uint32_t field, uint64_t bad, uint32_t err)
{
	uint64_t good = vmcs_read(field);

	vmcs_write(field, bad);
	CHECK_FAIL_VALID(vmx_enter(1, &l2_regs), err);
	vmcs_write(field, good);
	l2_run();
	L2_EXPECT_DONE();
}

/* VMXON of a region outside: VMfailInvalid (30.3 VMXON); VMX operation comes back on L1's. */
static void test_vmxon_outside(void)
{
	uint64_t pa;

	if (!outside(&pa))
		return;
	CHECK_EQ(vmxoff(), VMX_OK);
	CHECK_EQ(vmxon(pa), VMX_FAIL_INVALID);
	CHECK_EQ(vmxon((uint64_t)vmxon_region), VMX_OK);
	l2_setup(l2_done);
	l2_run();
	L2_EXPECT_DONE();
}

/* VMPTRLD and VMCLEAR of a VMCS outside: errors 9 and 2; the current VMCS stays. */
static void test_vmptrld_outside(void)
{
	uint64_t pa, cur;

	if (!outside(&pa))
		return;
	l2_setup(l2_done);
	cur = vmptrst();
	CHECK_FAIL_VALID(vmptrld(pa), VMXERR_VMPTRLD_ADDR);
	CHECK_FAIL_VALID(vmclear(pa), VMXERR_VMCLEAR_ADDR);
	CHECK_EQ(vmptrst(), cur);
	l2_run();
	L2_EXPECT_DONE();
}

static void bitmap_outside(uint32_t proc, uint32_t field)
{
	uint64_t pa;

	if (!outside(&pa))
		return;
	l2_setup(l2_done);
	proc_set(proc);
	launch_fails(field, pa, VMXERR_ENTRY_CONTROLS);
}

static void test_io_a_outside(void)
{
	bitmap_outside(PROC_IO_BITMAPS, IO_BITMAP_A);
}

static void test_io_b_outside(void)
{
	bitmap_outside(PROC_IO_BITMAPS, IO_BITMAP_B);
}

static void test_msr_bitmap_outside(void)
{
	bitmap_outside(PROC_MSR_BITMAPS, MSR_BITMAP);
}

/* An MSR list of one entry outside: VMfailValid 7; with a count of 0 L2 runs. */
static void list_outside(uint32_t addr_field, uint32_t count_field)
{
	uint64_t pa;

	if (!outside(&pa))
		return;
	l2_setup(l2_done);
	vmcs_write(addr_field, pa);
	launch_fails(count_field, 1, VMXERR_ENTRY_CONTROLS);
}

static void test_entry_load_outside(void)
{
	list_outside(ENTRY_MSR_LOAD_ADDR, ENTRY_MSR_LOAD_COUNT);
}

static void test_exit_store_outside(void)
{
	list_outside(EXIT_MSR_STORE_ADDR, EXIT_MSR_STORE_COUNT);
}

static void test_exit_load_outside(void)
{
	list_outside(EXIT_MSR_LOAD_ADDR, EXIT_MSR_LOAD_COUNT);
}

/* A control whose allowed-1 bit is clear: VMfailValid 7 (26.2.1.1-26.2.1.3). */
static void control_refused(uint32_t field, uint32_t cap_msr, uint32_t bit, const char *what)
{
	l2_setup(l2_done);
	if (field == PROC2_CONTROLS)
		proc_set(PROC_SECONDARY);
	if ((rdmsr(cap_msr) >> 32) & bit) {
		l1_note(what);
		return;
	}
	launch_fails(field, vmcs_read(field) | bit, VMXERR_ENTRY_CONTROLS);
}

static void test_ctl_posted(void)
{
	control_refused(PIN_CONTROLS, MSR_VMX_TRUE_PINBASED, PIN_POSTED_INTR,
			"posted interrupts are offered: not a hostile control here");
}

static void test_ctl_apic_access(void)
{
	control_refused(PROC2_CONTROLS, MSR_VMX_PROCBASED2, PROC2_APIC_ACCESS,
			"APIC-access virtualization is offered: not a hostile control here");
}

static void test_ctl_virt_intr(void)
{
	control_refused(PROC2_CONTROLS, MSR_VMX_PROCBASED2, PROC2_VIRT_INTR,
			"virtual-interrupt delivery is offered: not a hostile control here");
}

/* 26.2.2: host CR0 and CR4 as the fixed MSRs say: PE, PG and VMXE cannot be given up. */
static void test_host_cr0(void)
{
	l2_setup(l2_done);
	launch_fails(HOST_CR0, vmcs_read(HOST_CR0) & ~(uint64_t)(CR0_PE | CR0_PG),
		     VMXERR_ENTRY_HOST);
}

static void test_host_cr4(void)
{
	l2_setup(l2_done);
	launch_fails(HOST_CR4, vmcs_read(HOST_CR4) & ~(uint64_t)CR4_VMXE, VMXERR_ENTRY_HOST);
}

/* VMLAUNCH with HOST_RIP as it is (vmx_enter would write its own). */
static enum vmx_result vmlaunch_raw(void)
{
	bool cf, zf;

	asm volatile("vmlaunch" : "=@ccc"(cf), "=@ccz"(zf) : : "memory", "cc");
	return VMX_RESULT(cf, zf);
}

/* 26.2.4: a 64-bit host's RIP is canonical. */
static void test_host_rip(void)
{
	l2_setup(l2_done);
	vmcs_write(HOST_RSP, 0);
	vmcs_write(HOST_RIP, NONCANONICAL);
	CHECK_FAIL_VALID(vmlaunch_raw(), VMXERR_ENTRY_HOST);
	l2_run(); /* vmx_enter writes a good HOST_RIP */
	L2_EXPECT_DONE();
}

/* 26.2.3: the host FS base is canonical; host selectors have RPL and TI 0. */
static void test_host_fs_base(void)
{
	l2_setup(l2_done);
	launch_fails(HOST_FS_BASE, NONCANONICAL, VMXERR_ENTRY_HOST);
}

static void test_host_sel_rpl(void)
{
	l2_setup(l2_done);
	launch_fails(HOST_DS_SEL, vmcs_read(HOST_DS_SEL) | SEL_RPL3, VMXERR_ENTRY_HOST);
}

static void test_host_sel_ti(void)
{
	l2_setup(l2_done);
	launch_fails(HOST_ES_SEL, vmcs_read(HOST_ES_SEL) | SEL_TI, VMXERR_ENTRY_HOST);
}

/* An EPT12 with its root, or its PML4 entry's table, outside L1's memory: L2's first access
 * is L1's EPT violation; with the EPT repaired L2 runs. */
static void ept_l2(uint64_t eptp)
{
	l2_setup(l2_done);
	proc2_set(PROC2_EPT);
	vmcs_write(EPT_POINTER, eptp);
	CHECK_EQ(invept(INVEPT_SINGLE, eptp), VMX_OK);
}

static void expect_ept_violation(void)
{
	CHECK_EQ(l2_run(), EXIT_REASON_EPT_VIOLATION);
	CHECK_EQ(vmcs_read(EXIT_QUAL) & EPT_QUAL_PERMS, 0);
}

static void ept_repaired_runs(uint64_t eptp)
{
	vmcs_write(EPT_POINTER, eptp);
	CHECK_EQ(invept(INVEPT_SINGLE, eptp), VMX_OK);
	l2_run();
	L2_EXPECT_DONE();
}

static void test_ept_root_outside(void)
{
	uint64_t pa, eptp = ept_build();

	if (!outside(&pa))
		return;
	ept_l2(pa | EPTP_WB_WALK4);
	expect_ept_violation();
	ept_repaired_runs(eptp);
}

static void test_ept_table_outside(void)
{
	uint64_t pa, eptp = ept_build(), pml4e = ept_pml4[0];

	if (!outside(&pa))
		return;
	ept_pml4[0] = pa | EPT_RWX;
	ept_l2(eptp);
	expect_ept_violation();
	ept_pml4[0] = pml4e;
	ept_repaired_runs(eptp);
}

/* 26.4: entry 1 loads L1's own PAT, entry 2 names @msr: the entry fails with exit reason 34
 * and qualification 2 (the entry's number); without the list L2 runs. @native_note: only the
 * partition may not write @msr, a CPU of its own loads it (natively L2 then runs). */
static void msr_load_refused(uint32_t msr, uint64_t value, const char *native_note)
{
	msr_list[0] = (struct msr_entry){MSR_PAT, 0, rdmsr(MSR_PAT)};
	msr_list[1] = (struct msr_entry){msr, 0, value};
	l2_setup(l2_done);
	vmcs_write(ENTRY_MSR_LOAD_ADDR, (uint64_t)msr_list);
	vmcs_write(ENTRY_MSR_LOAD_COUNT, MSR_LIST_ENTRIES);
	if (native_note && !l1_partition_end) {
		l1_note(native_note);
		l2_run();
		L2_EXPECT_DONE();
		return;
	}
	CHECK_EQ(l2_run(), EXIT_REASON_ENTRY_FAIL | EXIT_REASON_MSR_LOAD);
	CHECK_EQ(vmcs_read(EXIT_QUAL), MSR_LIST_ENTRIES);
	vmcs_write(ENTRY_MSR_LOAD_COUNT, 0);
	l2_run();
	L2_EXPECT_DONE();
}

static void test_msr_load_fs_base(void)
{
	msr_load_refused(MSR_FS_BASE, 0, NULL);
}

static void test_msr_load_x2apic(void)
{
	msr_load_refused(MSR_X2APIC_TPR, 0, NULL);
}

/* Bulkhead's partitions never move the TSC (their WRMSR #GPs); a CPU of its own loads it. */
static void test_msr_load_tsc(void)
{
	uint64_t tsc;

	asm volatile("rdtsc; shl $32, %%rdx; or %%rdx, %%rax" : "=a"(tsc) : : "rdx");
	msr_load_refused(MSR_TSC, tsc,
			 "needs a partition bound: the CPU itself loads IA32_TSC from the list");
}

/* The counterpart: MSRs the partition may write load from the entry's list (SYSENTER_CS and
 * _EIP, which Bulkhead's partitions own in the VMCS), L2 reads SYSENTER_CS itself (no bitmap
 * bit: no exit), the exit saves them into the guest-state area and the exit's store list. */
static void test_msr_load_sysenter(void)
{
	static struct msr_entry store[1] __attribute__((aligned(16)));

	msr_list[0] = (struct msr_entry){MSR_SYSENTER_CS, 0, SYSENTER_CS_VALUE};
	msr_list[1] = (struct msr_entry){MSR_SYSENTER_EIP, 0, SYSENTER_EIP_VALUE};
	store[0] = (struct msr_entry){MSR_SYSENTER_EIP, 0, 0};
	l2_setup(l2_rdmsr);
	proc_set(PROC_MSR_BITMAPS);
	vmcs_write(ENTRY_MSR_LOAD_ADDR, (uint64_t)msr_list);
	vmcs_write(ENTRY_MSR_LOAD_COUNT, MSR_LIST_ENTRIES);
	vmcs_write(EXIT_MSR_STORE_ADDR, (uint64_t)store);
	vmcs_write(EXIT_MSR_STORE_COUNT, 1);
	l2_regs.rcx = MSR_SYSENTER_CS;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, SYSENTER_CS_VALUE);
	CHECK_EQ(vmcs_read(GUEST_SYSENTER_CS), SYSENTER_CS_VALUE);
	CHECK_EQ(vmcs_read(GUEST_SYSENTER_EIP), SYSENTER_EIP_VALUE);
	CHECK_EQ(store[0].value, SYSENTER_EIP_VALUE);
}

const struct l1_test hostile_tests[] = {
    {"hostile-vmxon-outside", test_vmxon_outside, NEED_VMX},
    {"hostile-vmptrld-outside", test_vmptrld_outside, NEED_VMX},
    {"hostile-io-bitmap-a-outside", test_io_a_outside, NEED_VMX},
    {"hostile-io-bitmap-b-outside", test_io_b_outside, NEED_VMX},
    {"hostile-msr-bitmap-outside", test_msr_bitmap_outside, NEED_VMX},
    {"hostile-entry-msr-load-outside", test_entry_load_outside, NEED_VMX},
    {"hostile-exit-msr-store-outside", test_exit_store_outside, NEED_VMX},
    {"hostile-exit-msr-load-outside", test_exit_load_outside, NEED_VMX},
    {"hostile-ctl-posted-intr", test_ctl_posted, NEED_VMX},
    {"hostile-ctl-apic-access", test_ctl_apic_access, NEED_VMX},
    {"hostile-ctl-virt-intr-delivery", test_ctl_virt_intr, NEED_VMX},
    {"hostile-host-cr0", test_host_cr0, NEED_VMX},
    {"hostile-host-cr4-vmxe", test_host_cr4, NEED_VMX},
    {"hostile-host-rip", test_host_rip, NEED_VMX},
    {"hostile-host-fs-base", test_host_fs_base, NEED_VMX},
    {"hostile-host-sel-rpl", test_host_sel_rpl, NEED_VMX},
    {"hostile-host-sel-ti", test_host_sel_ti, NEED_VMX},
    {"hostile-ept-root-outside", test_ept_root_outside, NEED_VMX | NEED_EPT},
    {"hostile-ept-table-outside", test_ept_table_outside, NEED_VMX | NEED_EPT},
    {"hostile-msr-load-fs-base", test_msr_load_fs_base, NEED_VMX},
    {"hostile-msr-load-x2apic", test_msr_load_x2apic, NEED_VMX},
    {"hostile-msr-load-tsc", test_msr_load_tsc, NEED_VMX},
    {"msr-load-sysenter", test_msr_load_sysenter, NEED_VMX},
};
const size_t hostile_ntests = sizeof(hostile_tests) / sizeof(hostile_tests[0]);
