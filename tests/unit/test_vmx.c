// SPDX-License-Identifier: BSD-2-Clause
// The VMX backend's pure pieces: control rules, EPT, bitmaps, boot states and entry checks.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmx/ept.h"
#include "vmx/vmx_ctls.h"
#include "vmx/vmx_guest.h"
#include "vmx/vmx_maps.h"

#define MAX_ALLOC 64
#define SIZE_2M	  (1ULL << 21)
#define SIZE_1G	  (1ULL << 30)
#define ALL_ONES  0xffffffff00000000ULL /* allowed-1: everything; allowed-0: nothing */

/* The backend's page_alloc, on the host: aligned, zeroed, freed after each test. */
static void *allocs[MAX_ALLOC];
static size_t nallocs;

void *page_alloc(uint64_t size, uint64_t align)
{
	void *p = aligned_alloc(align, size);

	assert_non_null(p);
	assert_true(nallocs < MAX_ALLOC);
	memset(p, 0, size);
	return allocs[nallocs++] = p;
}

static int free_all(void **state)
{
	while (nallocs)
		free(allocs[--nallocs]);
	return 0;
}

/* ---- controls (SDM A.3-A.5) ---- */

static struct vmx_ctl_caps open_caps(void)
{
	struct vmx_ctl_caps c;

	for (int i = 0; i < VMX_CTLS; i++)
		c.msr[i] = ALL_ONES;
	c.msr[CTL_PIN] |= 0x16; /* the default-1 pin-based bits (A.3.1) */
	return c;
}

static void ctls_resolve_everything_allowed(void **state)
{
	struct vmx_ctl_caps c = open_caps();
	uint32_t out[VMX_CTLS];

	assert_null(vmx_ctls_resolve(&c, vmx_ctl_table, vmx_ctl_table_len, out));
	assert_int_equal(out[CTL_PIN], 0x16 | PIN_NMI_EXIT | PIN_VIRTUAL_NMIS | PIN_PREEMPT_TIMER);
	assert_false(out[CTL_PIN] & PIN_EXT_INTR_EXIT);
	assert_true(out[CTL_PROC] & PROC_SECONDARY && out[CTL_PROC] & PROC_IO_BITMAPS);
	assert_false(out[CTL_PROC] & (PROC_HLT_EXIT | PROC_CR3_LOAD | PROC_CR3_STORE));
	assert_true(out[CTL_PROC2] & PROC2_EPT && out[CTL_PROC2] & PROC2_UNRESTRICT);
	assert_true(out[CTL_PROC2] & PROC2_VPID && out[CTL_PROC2] & PROC2_RDTSCP);
	assert_int_equal(out[CTL_EXIT], EXIT_HOST_64 | EXIT_SAVE_PAT | EXIT_LOAD_PAT |
					    EXIT_SAVE_EFER | EXIT_LOAD_EFER);
	/* IA-32e mode is per vCPU: allowed, but not set by the table. */
	assert_int_equal(out[CTL_ENTRY], ENTRY_LOAD_PAT | ENTRY_LOAD_EFER);
}

static void ctls_missing_ept_named(void **state)
{
	struct vmx_ctl_caps c = open_caps();
	const struct vmx_ctl_bit *bad;
	uint32_t out[VMX_CTLS];

	c.msr[CTL_PROC2] &= ~((uint64_t)PROC2_EPT << 32);
	bad = vmx_ctls_resolve(&c, vmx_ctl_table, vmx_ctl_table_len, out);
	assert_non_null(bad);
	assert_string_equal(bad->name, "EPT");
	assert_int_equal(bad->ctl, CTL_PROC2);
}

static void ctls_no_secondary_controls(void **state)
{
	struct vmx_ctl_caps c = open_caps();
	uint32_t out[VMX_CTLS];

	c.msr[CTL_PROC] &= ~((uint64_t)PROC_SECONDARY << 32);
	c.msr[CTL_PROC2] = 0; /* what vmx_caps.c reads without them */
	assert_string_equal(vmx_ctls_resolve(&c, vmx_ctl_table, vmx_ctl_table_len, out)->name,
			    "secondary controls");
}

/* Without the TRUE MSRs, CR3-load exiting is a default-1 control: that CPU is refused. */
static void ctls_forced_exit_refused(void **state)
{
	struct vmx_ctl_caps c = open_caps();
	uint32_t out[VMX_CTLS];

	c.msr[CTL_PROC] |= PROC_CR3_LOAD;
	assert_string_equal(vmx_ctls_resolve(&c, vmx_ctl_table, vmx_ctl_table_len, out)->name,
			    "CR3-load exiting");
}

static void ctls_optional_left_out(void **state)
{
	struct vmx_ctl_caps c = open_caps();
	uint32_t out[VMX_CTLS];

	c.msr[CTL_PROC2] &= ~((uint64_t)(PROC2_RDTSCP | PROC2_INVPCID) << 32);
	assert_null(vmx_ctls_resolve(&c, vmx_ctl_table, vmx_ctl_table_len, out));
	assert_false(out[CTL_PROC2] & (PROC2_RDTSCP | PROC2_INVPCID));
	assert_true(out[CTL_PROC2] & PROC2_EPT);
}

/* ---- EPT (29.3) ---- */

static uint64_t *next(uint64_t entry)
{
	assert_int_equal(entry & (EPT_R | EPT_W | EPT_X), EPT_R | EPT_W | EPT_X);
	assert_false(entry & EPT_LARGE);
	return (uint64_t *)(entry & EPT_ADDR_MASK);
}

static void ept_two_mib_pages(void **state)
{
	uint64_t *pml4 = page_alloc(4096, 4096), *pd;
	unsigned int pages[EPT_PAGE_SIZES] = {0, 0, 0};

	ept_map(pml4, 0, 0xc00000, 16 << 20, CFG_R | CFG_W | CFG_X, EPT_1G, pages);
	assert_int_equal(pages[EPT_2M], 8);
	assert_int_equal(pages[EPT_4K] + pages[EPT_1G], 0);
	pd = next(next(pml4[0])[0]);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(pd[i] & EPT_ADDR_MASK, 0xc00000 + i * SIZE_2M);
		assert_int_equal(pd[i] & ~EPT_ADDR_MASK,
				 EPT_R | EPT_W | EPT_X | EPT_LARGE | (EPT_MT_WB << EPT_MT_SHIFT));
	}
	assert_int_equal(pd[8], 0);
}

static void ept_largest_page_honoured(void **state)
{
	uint64_t *pml4 = page_alloc(4096, 4096);
	unsigned int pages[EPT_PAGE_SIZES] = {0, 0, 0};

	ept_map(pml4, SIZE_1G, 2 * SIZE_1G, SIZE_1G, CFG_R, EPT_1G, pages);
	assert_int_equal(pages[EPT_1G], 1);
	assert_int_equal(next(pml4[0])[1],
			 2 * SIZE_1G | EPT_R | EPT_LARGE | (EPT_MT_WB << EPT_MT_SHIFT));
	memset(pages, 0, sizeof(pages));
	ept_map(pml4, 4 * SIZE_1G, 4 * SIZE_1G, SIZE_1G, CFG_R, EPT_2M, pages);
	assert_int_equal(pages[EPT_2M], 512);
	assert_int_equal(pages[EPT_1G], 0);
}

/* Misaligned host memory falls back to 4 KiB; write without read is never built (29.3.3.1). */
static void ept_misaligned_and_rights(void **state)
{
	uint64_t *pml4 = page_alloc(4096, 4096), *pt;
	unsigned int pages[EPT_PAGE_SIZES] = {0, 0, 0};

	ept_map(pml4, 0, 0x201000, 4 << 20, CFG_W, EPT_1G, pages);
	assert_int_equal(pages[EPT_4K], 1024);
	pt = next(next(next(pml4[0])[0])[0]);
	assert_int_equal(pt[1] & EPT_ADDR_MASK, 0x202000);
	assert_int_equal(pt[1] & (EPT_R | EPT_W | EPT_X | EPT_LARGE), EPT_R | EPT_W);
}

/* ---- MSR and I/O bitmaps (24.6.4, 24.6.9) ---- */

static int bit(const uint8_t *map, uint32_t n)
{
	return (map[n / 8] >> (n % 8)) & 1;
}

static void msr_bitmap_allow_list(void **state)
{
	const uint8_t *map = (const uint8_t *)vmx_msr_bitmap_build();

	assert_int_equal(bit(map + 0x400, 0x82), 0);  /* LSTAR read */
	assert_int_equal(bit(map + 0xc00, 0x82), 0);  /* LSTAR write */
	assert_int_equal(bit(map + 0x000, 0x176), 0); /* SYSENTER_EIP read */
	assert_int_equal(bit(map + 0x800, 0x176), 0);
	assert_int_equal(bit(map + 0xc00, 0x101), 0); /* GS_BASE write */
	assert_int_equal(bit(map + 0x400, 0x80), 1);  /* EFER stays trapped */
	assert_int_equal(bit(map + 0xc00, 0x80), 1);
	assert_int_equal(bit(map + 0x800, 0x10), 1);  /* TSC write */
	assert_int_equal(bit(map + 0x000, 0x3a), 1);  /* IA32_FEATURE_CONTROL */
	assert_int_equal(bit(map + 0x000, 0x480), 1); /* VMX capability MSRs */
}

static void msr_bitmap_per_msr(void **state)
{
	uint8_t *map = (uint8_t *)vmx_msr_bitmap_build();

	vmx_msr_bitmap_set(map, 0x80b, false, false); /* x2APIC EOI */
	assert_int_equal(bit(map + 0x000, 0x80b), 0);
	assert_int_equal(bit(map + 0x800, 0x80b), 0);
	assert_int_equal(bit(map + 0x800, 0x80a), 1);
	vmx_msr_bitmap_set(map, 0x830, false, true); /* ICR: reads through, writes exit */
	assert_int_equal(bit(map + 0x000, 0x830), 0);
	assert_int_equal(bit(map + 0x800, 0x830), 1);
	vmx_msr_bitmap_set(map, 0x80b, true, true);
	assert_int_equal(bit(map + 0x000, 0x80b), 1);
	assert_int_equal(bit(map + 0x800, 0x80b), 1);
	vmx_msr_bitmap_set(map, 0xc0000082, true, false); /* LSTAR */
	assert_int_equal(bit(map + 0x400, 0x82), 1);
	assert_int_equal(bit(map + 0xc00, 0x82), 0);
}

static void io_bitmap_owned_ports_only(void **state)
{
	struct cfg_partition c = {
	    .nioports = 2, .console = CFG_CONSOLE_PASSTHROUGH, .console_port = 0x2f8};
	const uint8_t *map;

	c.ioport[0] = (struct cfg_range){0xf4, 1};
	c.ioport[1] = (struct cfg_range){0x8900, 1};
	map = (const uint8_t *)vmx_io_bitmap_build(&c);
	assert_int_equal(bit(map, 0xf4), 0);
	assert_int_equal(bit(map, 0xf5), 1);
	assert_int_equal(bit(map, 0x2f8) | bit(map, 0x2ff), 0);
	assert_int_equal(bit(map, 0x300), 1);
	assert_int_equal(bit(map, 0x3f8), 1);			/* the hypervisor's console */
	assert_int_equal(bit(map + VMX_IO_BITMAP_B, 0x900), 0); /* 0x8900 lies in bitmap B */
	assert_int_equal(bit(map + VMX_IO_BITMAP_B, 0x901), 1);
	assert_int_equal(map[VMX_IO_BITMAP_SIZE - 1], 0xff);
}

/* ---- boot states and the guest-state checks (26.3.1) ---- */

/* Fixed bits as VMX CPUs commonly report them: PE, NE, PG set in CR0; VMXE in CR4. */
static const struct vmx_fixed bochs_fixed = {0x80000021, 0xffffffff, 0x2000, 0x3727ff};

static void boot_states_pass_entry_checks(void **state)
{
	const struct vcpu_boot boots[] = {
	    {.mode = VCPU_MODE_LONG64, .rip = 0x100000, .cr3 = 0x1000, .gdt_limit = 0x17},
	    {.mode = VCPU_MODE_PROT32, .rip = 0x100000},
	    {.mode = VCPU_MODE_REAL, .cs_sel = 0x9a00},
	};
	struct vmx_guest g;

	for (size_t i = 0; i < sizeof(boots) / sizeof(boots[0]); i++) {
		vmx_guest_boot(&g, &boots[i], &bochs_fixed);
		assert_null(vmx_guest_check(&g, &bochs_fixed));
		assert_true(g.cr0 & CR0_NE_BIT && g.cr4 & CR4_VMXE_BIT);
		assert_false(g.cr4_shadow & CR4_VMXE_BIT); /* the guest never sees VMXE */
	}
	assert_int_equal(g.seg[SEG_CS].base, 0x9a000); /* real mode: base = selector << 4 */
	assert_false(g.cr0_shadow & (CR0_PE_BIT | CR0_NE_BIT));
	assert_false(g.cr0 & CR0_PE_BIT); /* unrestricted guest: real mode really */
}

static void masks_cover_fixed_bits_only(void **state)
{
	assert_int_equal(vmx_cr0_mask(&bochs_fixed), CR0_NE_BIT);
	assert_true(vmx_cr4_mask(&bochs_fixed) & CR4_VMXE_BIT);
	assert_false(vmx_cr4_mask(&bochs_fixed) & CR4_PAE_BIT);
}

static void check_names_failing_field(void **state)
{
	const struct vcpu_boot b = {.mode = VCPU_MODE_LONG64, .rip = 0x100000};
	struct vmx_guest g;

	vmx_guest_boot(&g, &b, &bochs_fixed);
	g.efer &= ~EFER_LMA_BIT;
	assert_non_null(strstr(vmx_guest_check(&g, &bochs_fixed), "guest IA32_EFER"));

	vmx_guest_boot(&g, &b, &bochs_fixed);
	g.cr4 &= ~CR4_VMXE_BIT;
	assert_non_null(strstr(vmx_guest_check(&g, &bochs_fixed), "guest CR4"));
	assert_non_null(strstr(vmx_guest_check(&g, &bochs_fixed), "26.3.1.1"));

	vmx_guest_boot(&g, &b, &bochs_fixed);
	g.seg[SEG_TR].ar = 0x89; /* available, not busy */
	assert_non_null(strstr(vmx_guest_check(&g, &bochs_fixed), "guest TR access rights"));

	vmx_guest_boot(&g, &b, &bochs_fixed);
	g.seg[SEG_CS].ar &= ~(1U << 15); /* byte granularity cannot reach 2 MiB */
	g.seg[SEG_CS].limit = 0x1fffff;
	assert_non_null(strstr(vmx_guest_check(&g, &bochs_fixed), "guest CS limit"));

	vmx_guest_boot(&g, &b, &bochs_fixed);
	g.rflags = 0;
	assert_non_null(strstr(vmx_guest_check(&g, &bochs_fixed), "guest RFLAGS"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ctls_resolve_everything_allowed),
	    cmocka_unit_test(ctls_missing_ept_named),
	    cmocka_unit_test(ctls_no_secondary_controls),
	    cmocka_unit_test(ctls_forced_exit_refused),
	    cmocka_unit_test(ctls_optional_left_out),
	    cmocka_unit_test_teardown(ept_two_mib_pages, free_all),
	    cmocka_unit_test_teardown(ept_largest_page_honoured, free_all),
	    cmocka_unit_test_teardown(ept_misaligned_and_rights, free_all),
	    cmocka_unit_test_teardown(msr_bitmap_allow_list, free_all),
	    cmocka_unit_test_teardown(msr_bitmap_per_msr, free_all),
	    cmocka_unit_test_teardown(io_bitmap_owned_ports_only, free_all),
	    cmocka_unit_test(boot_states_pass_entry_checks),
	    cmocka_unit_test(masks_cover_fixed_bits_only),
	    cmocka_unit_test(check_names_failing_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
