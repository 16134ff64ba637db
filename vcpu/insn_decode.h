/* SPDX-License-Identifier: BSD-2-Clause */
/* x86 decoder for the memory moves an MMIO driver uses (MOV, MOVZX, XCHG); nothing else. */
#ifndef BULKHEAD_INSN_DECODE_H
#define BULKHEAD_INSN_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INSN_MAX_LEN 15 /* SDM Vol. 2A 2.3.11: longer is #GP */
#define INSN_ERR_LEN 96 /* room for every byte of a maximal instruction and the reason */
#define INSN_NO_REG  (-1)
#define INSN_REG_RIP 16 /* mem.base of a RIP-relative operand */

enum insn_mode { INSN_MODE_16, INSN_MODE_32, INSN_MODE_64 };

enum insn_op {
	INSN_LOAD,	/* MOV reg, mem (8A, 8B, A0, A1) */
	INSN_STORE,	/* MOV mem, reg (88, 89, A2, A3) */
	INSN_STORE_IMM, /* MOV mem, imm (C6 /0, C7 /0) */
	INSN_LOAD_ZX,	/* MOVZX reg, mem (0F B6, 0F B7) */
	INSN_XCHG,	/* XCHG mem, reg (86, 87): a load and a store */
};

/* The memory operand as encoded; the access itself is identified by the fault address. */
struct insn_mem {
	int8_t base, index; /* register numbers, INSN_REG_RIP or INSN_NO_REG */
	uint8_t scale;	    /* 1, 2, 4 or 8 */
	uint8_t addr_size;  /* 2, 4 or 8 */
	int8_t seg;	    /* segment-override prefix (0 ES ... 5 GS) or INSN_NO_REG */
	int64_t disp; /* sign-extended displacement or moffs; an address wraps at @addr_size */
};

struct insn {
	enum insn_op op;
	uint8_t len;
	uint8_t size;	  /* bytes of memory accessed: 1, 2, 4 or 8 */
	uint8_t reg_size; /* bytes of the register operand; differs from @size only for MOVZX */
	uint8_t reg;	  /* x86 encoding order: 0 rAX, 1 rCX, 2 rDX, 3 rBX, 4 rSP ... 15 r15 */
	bool reg_high8;	  /* AH, CH, DH, BH: bits 15:8 of register @reg */
	bool lock;
	uint64_t imm; /* INSN_STORE_IMM: the value stored, @size bytes */
	struct insn_mem mem;
};

/* Decodes the instruction at @buf (@n bytes fetched) in @mode. False with the reason and the
 * bytes in @err ("cannot emulate ...") for anything but the forms listed in enum insn_op. */
bool insn_decode(const uint8_t *buf, size_t n, enum insn_mode mode, struct insn *out, char *err,
		 size_t err_len);

static inline bool insn_reads_memory(const struct insn *i)
{
	return i->op == INSN_LOAD || i->op == INSN_LOAD_ZX || i->op == INSN_XCHG;
}

static inline bool insn_writes_memory(const struct insn *i)
{
	return i->op == INSN_STORE || i->op == INSN_STORE_IMM || i->op == INSN_XCHG;
}

#endif
