// SPDX-License-Identifier: BSD-2-Clause
// Hostile guest: reads and writes guest-physical addresses that are the victim's host
// addresses, and beyond its own memory. Each access must fault the partition; its on-fault
// policy ("restart" in the scenarios) brings it back, and the next run makes the next attack:
// which one is the partition's nested-page-fault count (exit counters outlive restarts).

#include "guest.h"
#include "isolation.h"

enum attack_kind { READ, WRITE };

struct attack {
	enum attack_kind kind;
	uint64_t gpa; /* 0: just past the partition's own memory */
	const char *what;
};

static const struct attack attacks[] = {
    {READ, VICTIM_HOST_BASE + VICTIM_PATTERN_GPA, "the victim's pattern (its host address)"},
    {WRITE, VICTIM_HOST_BASE + VICTIM_PATTERN_GPA, "the victim's pattern (its host address)"},
    {WRITE, 0, "just past its own memory"},
};
#define ATTACKS (sizeof(attacks) / sizeof(attacks[0]))
#define POISON	0xbadbadbadbadbad0ULL

void guest_main(void);
void guest_main(void)
{
	struct hc_partition_info info;
	uint64_t n = (uint64_t)hcall(HC_EXIT_COUNT, HC_EXIT_NPF, 0, 0);
	const struct attack *a = &attacks[n];
	volatile uint64_t *p;

	guest_info(&info);
	guest_udelay(HOSTILE_DELAY_US);
	if (n >= ATTACKS) {
		guest_printf("hostile-mem: run %lu: every attack made, yet running\n",
			     (unsigned long)n);
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	p = (volatile uint64_t *)(a->gpa ? a->gpa : info.memory_bytes);
	guest_printf("hostile-mem: attack %lu: %s gpa 0x%lx, %s\n", (unsigned long)n,
		     a->kind == READ ? "read" : "write", (unsigned long)p, a->what);
	if (a->kind == READ)
		guest_printf("hostile-mem: read 0x%lx: not stopped\n", (unsigned long)*p);
	else
		*p = POISON;
	guest_printf("hostile-mem: attack %lu was not stopped\n", (unsigned long)n);
	guest_test_exit(GUEST_EXIT_FAIL);
}
