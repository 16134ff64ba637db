/* SPDX-License-Identifier: BSD-2-Clause */
/* I/O page tables, VT-d second-level and AMD-Vi host formats: pure, shared with the unit tests. */
#ifndef BULKHEAD_IO_PGTABLE_H
#define BULKHEAD_IO_PGTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum iopt_fmt {
	IOPT_VTD, /* Intel VT-d 4.1, 9.8: second-level paging entries */
	IOPT_AMD, /* AMD IOMMU 3.08, 2.2.3: I/O page table entries */
};

/* Rights of a mapping: the values of the description's CFG_R and CFG_W (partitions/dma.c
 * checks), so a region's rights pass as they are; any other bit (execute) is ignored. */
#define IOPT_R 1U
#define IOPT_W 2U

/* Leaf levels: level 1 maps 4 KiB, each level above 512 times more. */
enum { IOPT_4K = 1, IOPT_2M = 2, IOPT_1G = 3, IOPT_MAX_LEVELS = 6 };

/* Where the builder gets its tables: the hypervisor's page allocator, or the tests' heap. */
struct iopt_mem {
	uint64_t (*alloc)(void *ctx);	       /* a zeroed 4 KiB table's physical address, or 0 */
	void *(*virt)(void *ctx, uint64_t pa); /* how the builder reaches a table */
	void (*flush)(void *ctx, const void *p, size_t len); /* non-coherent walkers; or NULL */
	void *ctx;
};

struct iopt {
	enum iopt_fmt fmt;
	unsigned int levels;	/* walk length: the tables cover 12 + 9 * levels address bits */
	unsigned int largest;	/* highest level a leaf may sit at (IOPT_4K .. IOPT_1G) */
	unsigned int addr_bits; /* input addresses the unit accepts (VT-d MGAW), <= the walk's */
	uint64_t root;		/* physical address of the top table */
	struct iopt_mem mem;
	unsigned int leaves[IOPT_MAX_LEVELS + 1]; /* leaves written per level, for the log */
};

/* Checks the geometry and allocates the top table. 0, -EINVAL or -ENOMEM. */
int iopt_init(struct iopt *t);

/*
 * Maps [iova, iova + size) to [pa, pa + size) with @rights (IOPT_R, IOPT_W; writable implies
 * readable, as in the nested page tables), with the largest leaves both addresses allow.
 * 0; -EINVAL (unaligned, empty, wrapping, beyond addr_bits, no rights); -EEXIST (part of the
 * range is mapped already: partitions never share a device address); -ENOMEM.
 */
int iopt_map(struct iopt *t, uint64_t iova, uint64_t pa, uint64_t size, unsigned int rights);

/* What a device access to @iova reaches: false when nothing is mapped there. */
bool iopt_lookup(const struct iopt *t, uint64_t iova, uint64_t *pa, unsigned int *rights,
		 unsigned int *level);

#endif
