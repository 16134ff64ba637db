/* SPDX-License-Identifier: BSD-2-Clause */
/* L1's nested page table (NPT12, APM Vol. 2, 15.25): the walk, pure and shared with the host
 * unit tests, and the shadow table L2 runs on (NPT12 composed with the partition's NPT01). */
#ifndef BULKHEAD_NESTED_NPT12_H
#define BULKHEAD_NESTED_NPT12_H

#include <stdbool.h>
#include <stdint.h>

/* The #NPF error code in EXITINFO1 (15.25.6). */
#define NPF_ERR_P	    (1ULL << 0)
#define NPF_ERR_W	    (1ULL << 1)
#define NPF_ERR_U	    (1ULL << 2)
#define NPF_ERR_RSVD	    (1ULL << 3)
#define NPF_ERR_ID	    (1ULL << 4)
#define NPF_ERR_FINAL	    (1ULL << 32) /* the access's own guest-physical address */
#define NPF_ERR_IN_WALK	    (1ULL << 33) /* an access of L2's own page-table walk */
#define NPF_ERR_FROM_ACCESS (NPF_ERR_W | NPF_ERR_ID | NPF_ERR_FINAL | NPF_ERR_IN_WALK)

#define NPT12_PAGE 4096ULL

/* The 8-byte entry at L1-physical @gpa, when it lies in L1's readable memory (else NULL);
 * @writable: the entry may also be written (accessed and dirty bits). */
typedef uint64_t *(*npt12_entry_fn)(const void *ctx, uint64_t gpa, bool *writable);

/* How L1's table is read: its entries, and the paging state of L1 (the "host" of a nested
 * walk, 15.25.5) that decides which bits are reserved. */
struct npt12_env {
	npt12_entry_fn entry;
	const void *ctx;
	unsigned int phys_bits; /* MAXPHYADDR as CPUID 0x80000008 shows L1 */
	bool nxe;		/* L1's EFER.NXE: without it bit 63 is reserved */
	bool la57;		/* L1's CR4.LA57: the table has 5 levels, as L1's own paging */
};

struct npt12_result {
	uint64_t gpa1;		   /* the L1-physical 4 KiB page @gpa2 lies in */
	bool writable, executable; /* every level allows it (rule 8: AND across levels) */
	bool dirty;		   /* the leaf's dirty bit (so a read may map it writable) */
	bool present;		   /* on failure: a permission fault, not a missing entry */
	bool rsvd;		   /* on failure: a reserved bit set in a present entry */
};

/* Walks NPT12 at @ncr3 (4 levels, or 5 when L1 pages with 5: 15.25.3, and Linux KVM on such
 * a host builds its NPT so) for L2-physical @gpa2 as the access (@write, @fetch) needs; every
 * nested walk is a user access (15.25.5). Sets the accessed bits on the way and the dirty bit
 * of the leaf on a write, through @env->entry only; an entry with a reserved bit set (APM
 * 5.3.3 and 5.4: address bits beyond MAXPHYADDR, PS in a PML5E or PML4E, bit 8 of a PML5E,
 * a PML4E or a non-leaf PDPE, bits 29:13 of a 1 GiB and 20:13 of a 2 MiB leaf, NX without EFER.NXE) stops the walk
 * there, its accessed bit untouched. False: a nested page fault for L1. */
bool npt12_walk(uint64_t ncr3, uint64_t gpa2, bool write, bool fetch, const struct npt12_env *env,
		struct npt12_result *r);

#endif
