// SPDX-License-Identifier: BSD-2-Clause
// pci-devices against the enumerated machine (partitions/check_pci.c): present, endpoints, DMA
// accepted or fenced by an IOMMU, BARs that map into their owner alone.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define EDU    0x0018 /* 00:03.0 */
#define NIC    0x0020 /* 00:04.0 */
#define BRIDGE 0x00f8 /* 00:1f.0 */

static struct machine m;

static int machine(void **state)
{
	(void)state;
	m = cfg_test_machine;
	m.pci_known = true;
	m.pci[0] = (struct cfg_pci_fn){.bdf = EDU, .bar = {{0xfea00000, 0x100000}}};
	m.pci[1] = (struct cfg_pci_fn){
	    .bdf = NIC, .bar = {{0xfeb00000, 0x4000}, {0xc000, 0x20}}, .bar_io = {false, true}};
	m.pci[2] = (struct cfg_pci_fn){.bdf = BRIDGE, .bridge = true};
	m.npci = 3;
	return 0;
}

#define OWN(props) "/ { partitions { b { " props " }; }; };"

static void passed_when_dma_accepted(void **state)
{
	(void)state;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\", \"00:04.0\"; dma-unprotected;"), &m, "");
	assert_true(cfg_last_desc()->part[1].dma_unprotected);
}

static void absent_function(void **state)
{
	(void)state;
	assert_cfg_on(
	    OWN("pci-devices = \"00:05.0\"; dma-unprotected;"), &m,
	    "/partitions/b: pci-devices: 00:05.0: no such PCI function on this machine\n");
	/* The host tool knows no machine's PCI: nothing to say there. */
	m.pci_known = false;
	assert_cfg_on(OWN("pci-devices = \"00:05.0\";"), &m, "");
}

static void dma_needs_iommu_or_consent(void **state)
{
	(void)state;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\";"), &m,
		      "/partitions/b: pci-devices: 00:03.0 can do DMA to any memory and this "
		      "machine has no IOMMU (no ACPI DMAR or IVRS); add dma-unprotected; to accept "
		      "that\n");
	m.iommu = true;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\";"), &m, "");
}

/* reset-method "pm" needs FLR or a PM reset on every function; "bus-master-off" always fits;
 * any other value is refused by the parser. */
static void reset_method(void **state)
{
	(void)state;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected; reset-method = \"pm\";"), &m,
		      "/partitions/b: reset-method: 00:03.0 has neither FLR nor a power-management "
		      "reset (no PM capability, or No_Soft_Reset set)\n");
	m.pci[0].pm_reset = true;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected; reset-method = \"pm\";"), &m,
		      "");
	assert_int_equal(cfg_last_desc()->part[1].reset_method, CFG_RESET_PM);
	m.pci[0].pm_reset = false;
	m.pci[0].flr = true;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected; reset-method = \"pm\";"), &m,
		      "");
	m.pci[0].flr = false;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected; "
			  "reset-method = \"bus-master-off\";"),
		      &m, "");
	assert_int_equal(cfg_last_desc()->part[1].reset_method, CFG_RESET_BUS_MASTER_OFF);
	assert_cfg_on(OWN("reset-method = \"flr\";"), &m,
		      "/partitions/b: reset-method: \"flr\" is not one of: pm, bus-master-off\n");
}

static void bridge_refused(void **state)
{
	(void)state;
	assert_cfg_on(OWN("pci-devices = \"00:1f.0\"; dma-unprotected;"), &m,
		      "/partitions/b: pci-devices: 00:1f.0 is a bridge: only endpoints are passed "
		      "through\n");
}

static void bar_unplaced(void **state)
{
	(void)state;
	m.pci[0].bar[0].base = 0;
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected;"), &m,
		      "/partitions/b: pci-devices: 00:03.0 BAR0: firmware left it unplaced "
		      "(address 0)\n");
}

static void bar_shares_a_page(void **state)
{
	(void)state;
	m.pci[0].bar[0] = (struct cfg_range){0xfeb04000, 0x100};
	m.pci[1].bar[0] = (struct cfg_range){0xfeb04800, 0x800};
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected;"), &m,
		      "/partitions/b: pci-devices: 00:03.0 BAR0 shares a page with BAR0 of "
		      "00:04.0\n");
}

static void bar_over_owner_or_others(void **state)
{
	(void)state;
	m.pci[0].bar[0] = (struct cfg_range){0xfec00000, 0x1000};
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected;"), &m,
		      "/partitions/b: pci-devices: 00:03.0 BAR0 at 0xfec00000 overlaps the "
		      "partition's memory, a channel or its interrupt controllers (BARs are mapped "
		      "at their host address)\n");
	m.pci[0].bar[0] = (struct cfg_range){0x80000000, 0x1000}; /* channel c, which b reads */
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected;"), &m,
		      "/partitions/b: pci-devices: 00:03.0 BAR0 at 0x80000000 overlaps the "
		      "partition's memory, a channel or its interrupt controllers (BARs are mapped "
		      "at their host address)\n");
	m.pci[0].bar[0] = (struct cfg_range){0xfea00000, 0x100000};
	assert_cfg_on("/ { partitions { a { mmio = <0x0 0xfea80000 0x0 0x1000>; }; "
		      "b { pci-devices = \"00:03.0\"; dma-unprotected; }; }; };",
		      &m,
		      "/partitions/b: pci-devices: 00:03.0 BAR0 overlaps the mmio of "
		      "/partitions/a\n");
	m.pci[0].bar[0] = (struct cfg_range){0x20000000, 0x1000};
	assert_cfg_on(OWN("pci-devices = \"00:03.0\"; dma-unprotected;"), &m,
		      "/partitions/b: pci-devices: 00:03.0 BAR0 at 0x20000000 lies in RAM\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(passed_when_dma_accepted, machine),
	    cmocka_unit_test_setup(absent_function, machine),
	    cmocka_unit_test_setup(dma_needs_iommu_or_consent, machine),
	    cmocka_unit_test_setup(reset_method, machine),
	    cmocka_unit_test_setup(bridge_refused, machine),
	    cmocka_unit_test_setup(bar_unplaced, machine),
	    cmocka_unit_test_setup(bar_shares_a_page, machine),
	    cmocka_unit_test_setup(bar_over_owner_or_others, machine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
