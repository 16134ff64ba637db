// SPDX-License-Identifier: BSD-2-Clause
// Hostile guest: INIT, start-up, NMI and fixed IPIs to every APIC ID not its own (the other
// partitions' CPUs and absent ones), all but self, and a logical broadcast. Bulkhead must
// refuse each one that would leave the partition (docs/partition-view.md); its own CPU still
// gets its self-IPI and the physical broadcast, which reaches only the partition's CPUs.
//
// Bulkhead logs the first 8 refusals of a partition and then counts: the nearest lower APIC IDs
// go first, so the log names the CPUs next to this one (the scenarios put other partitions
// there). 28 + 4 = 32 refusals in all (INIT de-assert and an empty all-but-self are ignored).
//
// Where x2APIC is offered the guest then switches to it and attacks again through the 64-bit
// ICR. The logical broadcast becomes every other member of its own logical cluster (in x2APIC
// mode the broadcast would include this CPU, and an INIT to itself is its own business), and
// IDs that would alias other CPUs if truncated to 8 bits (0x100 + ID) are added for the two IDs
// below its own: 32 + 4 * 2 more refusals.

#include "guest.h"
#include "apic.h"
#include "isolation.h"
#include "trap.h"

#define MAX_TARGET   8	  /* APIC IDs 0..7: more than the 4-CPU test machine has */
#define VEC_FOREIGN  0x41 /* the victim has no handler for it: it would fail at once */
#define VEC_SELF     0x42 /* and VEC_SELF + 1: the same vector twice would merge in the IRR */
#define SIPI_VECTOR  0x08 /* page 0x8000 of whoever would start */
#define ICR_LOGICAL  (1U << 11)
#define SELF_WAIT_US 100000
#define SELF_IPIS    2 /* to its own APIC ID, and to the physical broadcast ID */

static const uint32_t
    kinds
	[] =
	    {
		ICR_INIT | ICR_ASSERT | ICR_LEVEL,
		ICR_STARTUP | SIPI_VECTOR,
		ICR_NMI | ICR_ASSERT,
		ICR_FIXED | ICR_ASSERT | VEC_FOREIGN,
		ICR_INIT | ICR_LEVEL, /* level de-assert: no effect on hardware, ignored */
};
#define KINDS (sizeof(kinds) / sizeof(kinds[0]))

static volatile uint32_t self_ipis;

static void on_self(struct trap_frame *f)
{
	(void)f;
	self_ipis++;
	apic_eoi();
}

/* Every kind to one destination (the ICR's high dword, shorthand/mode bits in @extra). */
static unsigned int send_all_kinds(uint32_t dest, uint32_t extra)
{
	for (unsigned int k = 0; k < KINDS; k++)
		apic_send_ipi(dest, kinds[k] | extra);
	return KINDS;
}

#define X2APIC_ALIAS 0x100 /* x2APIC IDs are 32 bits: 0x100 + n is not APIC ID n */
#define ALIASED	     2	   /* the aliases of the two IDs just below this CPU's */

/* me - 1 down to 0, then me + 1 up to MAX_TARGET - 1. */
static unsigned int attack_others(uint32_t me)
{
	unsigned int sent = 0;

	for (uint32_t id = me; id-- > 0;)
		sent += send_all_kinds(id, 0);
	for (uint32_t id = me + 1; id < MAX_TARGET; id++)
		sent += send_all_kinds(id, 0);
	sent += send_all_kinds(0, ICR_ALL_BUT_SELF);
	if (!apic_x2apic())
		return sent + send_all_kinds(apic_broadcast_id(), ICR_LOGICAL);
	/* x2APIC logical: cluster ID >> 4 in bits 31:16, one member bit per ID & 0xf */
	sent += send_all_kinds(((me >> 4) << 16) | (0xffffU & ~(1U << (me & 0xf))), ICR_LOGICAL);
	for (uint32_t id = me; id-- > 0 && id + ALIASED >= me;)
		sent += send_all_kinds(X2APIC_ALIAS + id, 0);
	return sent;
}

/* The attack, then IPIs that must arrive: to its own ID and to the physical broadcast. */
static void round(uint32_t me, const char *mode)
{
	unsigned int sent;

	self_ipis = 0;
	guest_printf("hostile-ipi: %s APIC ID %u, sending to every other\n", mode, me);
	sent = attack_others(me);
	guest_printf("hostile-ipi: %s %u IPIs sent outside\n", mode, sent);
	apic_send_ipi(me, ICR_FIXED | VEC_SELF);
	apic_send_ipi(apic_broadcast_id(), ICR_FIXED | (VEC_SELF + 1));
	irq_enable();
	guest_udelay(SELF_WAIT_US);
	irq_disable();
	GUEST_ASSERT_EQ(self_ipis, SELF_IPIS);
	guest_printf("hostile-ipi: %s the self-IPI and the broadcast arrived\n", mode);
}

void guest_main(void);
void guest_main(void)
{
	uint32_t me;

	trap_init();
	apic_enable();
	trap_set_handler(VEC_SELF, on_self);
	trap_set_handler(VEC_SELF + 1, on_self);
	me = apic_id();
	guest_udelay(HOSTILE_DELAY_US);
	round(me, "xAPIC:");
	if (apic_use_x2apic()) {
		GUEST_ASSERT_EQ(apic_id(), me);
		round(me, "x2APIC:");
	}
	guest_printf("hostile-ipi: done\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
