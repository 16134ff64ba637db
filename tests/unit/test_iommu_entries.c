// SPDX-License-Identifier: BSD-2-Clause
// VT-d and AMD-Vi encodings: walk geometry from the capability registers, context and device
// table entries, commands, and fault records and events as the hardware writes them.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "amd_vi_regs.h"
#include "io_pgtable.h"
#include "vtd_regs.h"

/* CAP with SAGAW @sagaw, MGAW @mgaw bits, SLLPS @sllps (VT-d 11.4.2). */
static uint64_t cap(unsigned int sagaw, unsigned int mgaw, unsigned int sllps)
{
	return (uint64_t)sagaw << 8 | (uint64_t)(mgaw - 1) << 16 | (uint64_t)sllps << 34;
}

/* QEMU's intel-iommu (aw-bits=39): SAGAW 39-bit only, MGAW 39, 2 MiB and 1 GiB pages; the
 * top of a 3-level walk is always a table, so 2 MiB is the largest leaf there. */
static void vtd_shortest_supported_walk(void **state)
{
	struct vtd_geometry g;

	assert_true(vtd_geometry(cap(VTD_SAGAW_39, 39, 3), 0x3fffffff, &g));
	assert_int_equal(g.levels, 3);
	assert_int_equal(g.addr_bits, 39);
	assert_int_equal(g.largest, IOPT_2M);
	assert_true(vtd_geometry(cap(VTD_SAGAW_48, 48, 3), 0, &g));
	assert_int_equal(g.largest, IOPT_1G);
	/* A unit with 3 and 4 levels: 3 covers 512 GiB, 4 beyond it. */
	assert_true(vtd_geometry(cap(VTD_SAGAW_39 | VTD_SAGAW_48, 48, 1), 1ULL << 39, &g));
	assert_int_equal(g.levels, 4);
	assert_int_equal(g.largest, IOPT_2M);
	/* MGAW narrower than the walk limits the input addresses. */
	assert_true(vtd_geometry(cap(VTD_SAGAW_48, 40, 0), 0, &g));
	assert_int_equal(g.levels, 4);
	assert_int_equal(g.addr_bits, 40);
	assert_int_equal(g.largest, IOPT_4K);
	assert_false(vtd_geometry(cap(VTD_SAGAW_48, 40, 0), 1ULL << 40, &g));
	/* Only a 2-level (30-bit) walk, which Bulkhead does not use. */
	assert_false(vtd_geometry(cap(1, 39, 0), 0, &g));
}

static void vtd_context_entry_fields(void **state)
{
	struct vtd_entry e = vtd_context_entry(0x12345000, 4, 7);

	assert_int_equal(e.lo, 0x12345001); /* present, TT 00b, FPD clear */
	assert_int_equal(e.hi, 2 | 7 << 8); /* AW 010b (48-bit), domain 7 */
}

/* A record as 11.4.14.1 lays it out: a write by 00:03.0 to 0x20000000, reason 5. */
static void vtd_fault_record(void **state)
{
	struct vtd_fault f;

	vtd_decode_fault(0x20000000, VTD_FRCD_F | 5ULL << 32 | 0x0018, &f);
	assert_int_equal(f.sid, 0x18);
	assert_int_equal(f.addr, 0x20000000);
	assert_true(f.write);
	assert_int_equal(f.reason, 5);
	vtd_decode_fault(0x20000fff, VTD_FRCD_F | VTD_FRCD_T | 2ULL << 32 | 0x0100, &f);
	assert_false(f.write);
	assert_int_equal(f.addr, 0x20000000);
	assert_string_equal(vtd_fault_reason(2),
			    "context entry not present (device given to no partition)");
	assert_string_equal(vtd_fault_reason(0x25), "compatibility-format interrupt blocked");
	assert_true(vtd_fault_is_interrupt(0x25));
	assert_false(vtd_fault_is_interrupt(0x6));
	assert_string_equal(vtd_fault_reason(0xee), "other fault");
}

/* HATS: 00b 4 levels, 01b 5, 10b 6; the shortest walk from 3 levels up that covers @top. */
static void amd_walk_from_hats(void **state)
{
	struct amd_geometry g;

	assert_true(amd_geometry(0, 0x3fffffff, &g));
	assert_int_equal(g.levels, 3);
	assert_int_equal(g.largest, IOPT_2M);
	assert_true(amd_geometry(0, 1ULL << 39, &g));
	assert_int_equal(g.levels, 4);
	assert_int_equal(g.largest, IOPT_1G);
	assert_false(amd_geometry(0, 1ULL << 48, &g));
	assert_true(amd_geometry(1ULL << 10, 1ULL << 48, &g));
	assert_int_equal(g.levels, 5);
	assert_true(amd_geometry(2ULL << 10, 1ULL << 60, &g));
	assert_int_equal(g.levels, 6);
	assert_int_equal(g.addr_bits, 64);
}

/* 2.2.2.1: blocked is valid and translated with no permission, interrupts aborted. */
static void amd_device_table_entries(void **state)
{
	struct amd_dte b = amd_dte_blocked(), d = amd_dte_domain(0xabcde000, 3, 2);

	assert_int_equal(b.q[0], AMD_DTE_V | AMD_DTE_TV);
	assert_int_equal(b.q[1], 0);
	assert_int_equal(b.q[2], AMD_DTE_IV); /* IntCtl 00b, no pass bits */
	assert_int_equal(d.q[0], 0xabcde000 | 3 << 9 | 3 | 3ULL << 61);
	assert_int_equal(d.q[1], 2);
	assert_int_equal(d.q[2], 0);
}

static void amd_commands(void **state)
{
	struct amd_cmd c = amd_cmd_completion_wait(0x1000, 0x600d);

	assert_int_equal(c.q[0], 0x1000 | 1 | 1ULL << 60);
	assert_int_equal(c.q[1], 0x600d);
	c = amd_cmd_inv_devtab(0x18);
	assert_int_equal(c.q[0], 0x18 | 2ULL << 60);
	c = amd_cmd_inv_pages_all(5);
	assert_int_equal(c.q[0], 5ULL << 32 | 3ULL << 60);
	assert_int_equal(c.q[1], 0x7ffffffffffff000ULL | 3);
	c = amd_cmd_inv_all();
	assert_int_equal(c.q[0], 8ULL << 60);
}

/* 2.5.3: IO_PAGE_FAULT, a write by 00:03.0 in domain 2 at 0x30000000. */
static void amd_event_decoding(void **state)
{
	const uint64_t q[2] = {0x18 | 2ULL << 32 | 1ULL << 53 | 2ULL << 60, 0x30000000};
	struct amd_event e;

	amd_decode_event(q, &e);
	assert_int_equal(e.code, AMD_EVT_IO_PAGE_FAULT);
	assert_int_equal(e.devid, 0x18);
	assert_int_equal(e.domain, 2);
	assert_int_equal(e.addr, 0x30000000);
	assert_true(e.write);
	assert_false(e.interrupt);
	assert_string_equal(amd_event_name(e.code), "I/O page fault");
	assert_string_equal(amd_event_name(15), "event");
}

/* 9.10: IRTE 5 for 00:03.0, vector 0x50 to APIC 2; x2APIC puts the ID in bits 63:32 whole. */
static void vtd_irte_fields(void **state)
{
	struct vtd_entry e = vtd_irte(2, 0x50, false, false, 0x18);

	assert_int_equal(e.lo, 1 | 0x50 << 16 | 2ULL << 40);
	assert_int_equal(e.hi, 0x18 | 1 << 18); /* SVT 01b, SQ 00b: exactly this requester */
	e = vtd_irte(0x123, 0x31, true, true, 0x100);
	assert_int_equal(e.lo, 1 | 1 << 4 | 0x31 << 16 | 0x123ULL << 32);
}

/* 5.1.5: the handle split over the address (bits 19:5 and 2), and in an I/O APIC entry. */
static void vtd_remappable_formats(void **state)
{
	uint64_t addr;
	uint32_t data;

	vtd_msi_remappable(5, &addr, &data);
	assert_int_equal(addr, 0xfee00000 | 1 << 4 | 5 << 5);
	assert_int_equal(data, 0);
	vtd_msi_remappable(0x8001, &addr, &data);
	assert_int_equal(addr, 0xfee00000 | 1 << 4 | 1 << 5 | 1 << 2);
	/* masked, level, active low, vector 0x34; destination and delivery mode dropped */
	assert_int_equal(vtd_ioapic_remappable(3, 0xff00000000018934ULL | 1ULL << 13),
			 3ULL << 49 | 1ULL << 48 | 1 << 16 | 1 << 15 | 1 << 13 | 0x34);
}

static void vtd_queue_descriptors(void **state)
{
	struct vtd_entry w = vtd_qi_wait(0x5000, 0x600d);

	assert_int_equal(vtd_qi_context_global().lo, 0x11);
	assert_int_equal(vtd_qi_iotlb_global().lo, 0xd2);
	assert_int_equal(vtd_qi_iec_global().lo, 0x4);
	assert_int_equal(w.lo, 0x25 | 0x600dULL << 32);
	assert_int_equal(w.hi, 0x5000);
}

/* 2.2.5.1 and 2.2.2.1: one remapped entry, and the DTE that points at its table. */
static void amd_interrupt_remapping(void **state)
{
	uint32_t irte;
	struct amd_dte d = amd_dte_remapped(amd_dte_domain(0x1000, 3, 2), 0xabc000, 10);

	assert_true(amd_irte(3, 0x50, &irte));
	assert_int_equal(irte, 1 | 3 << 8 | 0x50 << 16);
	assert_false(amd_irte(256, 0x50, &irte)); /* 8-bit destination only */
	assert_int_equal(d.q[2], 1 | 10 << 1 | 0xabc000 | 2ULL << 60);
	assert_int_equal(d.q[0], amd_dte_domain(0x1000, 3, 2).q[0]);
	assert_int_equal(amd_cmd_inv_irt(0x18).q[0], 0x18 | 5ULL << 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(vtd_shortest_supported_walk),
	    cmocka_unit_test(vtd_context_entry_fields),
	    cmocka_unit_test(vtd_fault_record),
	    cmocka_unit_test(amd_walk_from_hats),
	    cmocka_unit_test(amd_device_table_entries),
	    cmocka_unit_test(amd_commands),
	    cmocka_unit_test(amd_event_decoding),
	    cmocka_unit_test(vtd_irte_fields),
	    cmocka_unit_test(vtd_remappable_formats),
	    cmocka_unit_test(vtd_queue_descriptors),
	    cmocka_unit_test(amd_interrupt_remapping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
