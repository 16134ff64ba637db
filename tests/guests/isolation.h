/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the isolation scenarios' victim lives: tests/config/isolation-*.dts give the victim
 * partition's memory@0 this fixed host address, so hostile guests know where to aim. */
#ifndef GUEST_ISOLATION_H
#define GUEST_ISOLATION_H

#define VICTIM_HOST_BASE   0x30000000ULL /* the dts: host-address = <0x30000000> */
#define VICTIM_MEMORY	   0x1000000ULL	 /* 16 MiB */
#define VICTIM_PATTERN_GPA 0x800000ULL	 /* the victim's checked pattern, guest-physical */
#define VICTIM_PATTERN_LEN 0x100000ULL

/* Hostile guests wait this long (guest time) before they attack, so the victim, which runs
 * for 4 s, is counting by then: the attack window lies inside its run. */
#define HOSTILE_DELAY_US 500000

#endif
