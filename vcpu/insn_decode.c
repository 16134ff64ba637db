// SPDX-License-Identifier: BSD-2-Clause
// Decoder for MOV/MOVZX/XCHG with a memory operand, in 16-, 32- and 64-bit code (SDM Vol. 2A ch. 2).

#include "insn_decode.h"

#include <stdio.h>

/* Legacy prefixes (SDM Vol. 2A 2.1.1) and REX (2.2.1). */
#define PFX_OPSIZE   0x66
#define PFX_ADDRSIZE 0x67
#define PFX_LOCK     0xf0
#define PFX_REPNE    0xf2
#define PFX_REP	     0xf3
#define PFX_FS	     0x64
#define PFX_GS	     0x65
#define SEG_FS	     4
#define SEG_GS	     5
#define REX_MASK     0xf0
#define REX_BASE     0x40
#define REX_W	     0x08
#define REX_R	     0x04
#define REX_X	     0x02
#define REX_B	     0x01
#define OP_ESCAPE    0x0f

/* ModRM and SIB fields (SDM Vol. 2A 2.1.5, tables 2-1 to 2-3). */
#define MOD_REG	     3
#define RM_SIB	     4
#define RM_DISP32    5 /* with mod 0: disp32, or RIP-relative in 64-bit mode */
#define RM16_DISP16  6 /* with mod 0 in 16-bit addressing: disp16 */
#define SIB_NO_INDEX 4
#define SIB_NO_BASE  5 /* with mod 0: disp32, no base */
#define REG_BX	     3
#define REG_BP	     5
#define REG_SI	     6
#define REG_DI	     7
#define HIGH8_FIRST  4 /* AH..BH are 4..7 without REX: bits 15:8 of rAX..rBX */
#define HIGH8_LAST   7

enum operand_enc { ENC_MODRM, ENC_MOFFS };
enum imm_kind { IMM_NONE, IMM_8, IMM_Z }; /* imm8, or imm16/imm32 by operand size */

/* One accepted opcode; @size 0 means the operand size. */
struct form {
	uint8_t opcode;
	bool twobyte;
	enum insn_op op;
	uint8_t size;
	enum operand_enc enc;
	enum imm_kind imm;
};

static const struct form forms[] = {
    {0x88, false, INSN_STORE, 1, ENC_MODRM, IMM_NONE},
    {0x89, false, INSN_STORE, 0, ENC_MODRM, IMM_NONE},
    {0x8a, false, INSN_LOAD, 1, ENC_MODRM, IMM_NONE},
    {0x8b, false, INSN_LOAD, 0, ENC_MODRM, IMM_NONE},
    {0x86, false, INSN_XCHG, 1, ENC_MODRM, IMM_NONE},
    {0x87, false, INSN_XCHG, 0, ENC_MODRM, IMM_NONE},
    {0xc6, false, INSN_STORE_IMM, 1, ENC_MODRM, IMM_8},
    {0xc7, false, INSN_STORE_IMM, 0, ENC_MODRM, IMM_Z},
    {0xa0, false, INSN_LOAD, 1, ENC_MOFFS, IMM_NONE},
    {0xa1, false, INSN_LOAD, 0, ENC_MOFFS, IMM_NONE},
    {0xa2, false, INSN_STORE, 1, ENC_MOFFS, IMM_NONE},
    {0xa3, false, INSN_STORE, 0, ENC_MOFFS, IMM_NONE},
    {0xb6, true, INSN_LOAD_ZX, 1, ENC_MODRM, IMM_NONE},
    {0xb7, true, INSN_LOAD_ZX, 2, ENC_MODRM, IMM_NONE},
};

/* 16-bit addressing: base and index of each r/m value (SDM Vol. 2A table 2-1). */
static const int8_t rm16_base[8] = {REG_BX, REG_BX, REG_BP, REG_BP, REG_SI, REG_DI, REG_BP, REG_BX};
static const int8_t rm16_index[8] = {REG_SI,	  REG_DI,      REG_SI,	    REG_DI,
				     INSN_NO_REG, INSN_NO_REG, INSN_NO_REG, INSN_NO_REG};

struct dec {
	const uint8_t *buf;
	size_t n, pos;
	enum insn_mode mode;
	uint8_t rex;
	bool opsize, addrsize;
	const char *why;
	struct insn *out;
};

static bool next(struct dec *d, uint8_t *b)
{
	if (d->pos >= INSN_MAX_LEN) {
		d->why = "longer than 15 bytes";
		return false;
	}
	if (d->pos >= d->n) {
		d->why = "instruction bytes end early";
		return false;
	}
	*b = d->buf[d->pos++];
	return true;
}

/* A little-endian, sign-extended value of @size bytes. */
static bool fetch_signed(struct dec *d, unsigned int size, int64_t *val)
{
	uint64_t v = 0;
	uint8_t b;

	for (unsigned int i = 0; i < size; i++) {
		if (!next(d, &b))
			return false;
		v |= (uint64_t)b << (8 * i);
	}
	if (size < sizeof(v) && (v >> (8 * size - 1)) & 1)
		v |= ~0ULL << (8 * size);
	*val = (int64_t)v;
	return true;
}

static bool fail(struct dec *d, const char *why)
{
	d->why = why;
	return false;
}

/* Returns false only at the end of the bytes; *op is the first byte that is not a prefix. */
static bool prefixes(struct dec *d, uint8_t *op)
{
	uint8_t b;

	while (next(d, &b)) {
		if (d->mode == INSN_MODE_64 && (b & REX_MASK) == REX_BASE) {
			d->rex = b;
			continue;
		}
		*op = b;
		if (b == PFX_OPSIZE)
			d->opsize = true;
		else if (b == PFX_ADDRSIZE)
			d->addrsize = true;
		else if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e)
			d->out->mem.seg = (int8_t)((b >> 3) & 3); /* ES, CS, SS, DS */
		else if (b == PFX_FS || b == PFX_GS)
			d->out->mem.seg = b == PFX_FS ? SEG_FS : SEG_GS;
		else if (b == PFX_LOCK)
			d->out->lock = true;
		else if (b == PFX_REP || b == PFX_REPNE)
			return fail(d, "REP/REPNE prefix on a memory move");
		else
			return true;
		d->rex = 0; /* a REX followed by a legacy prefix is ignored (SDM 2.2.1) */
	}
	return false;
}

static uint8_t operand_size(const struct dec *d)
{
	if (d->mode == INSN_MODE_64 && (d->rex & REX_W))
		return 8;
	if (d->mode == INSN_MODE_16)
		return d->opsize ? 4 : 2;
	return d->opsize ? 2 : 4;
}

static uint8_t address_size(const struct dec *d)
{
	if (d->mode == INSN_MODE_64)
		return d->addrsize ? 4 : 8;
	if (d->mode == INSN_MODE_16)
		return d->addrsize ? 4 : 2;
	return d->addrsize ? 2 : 4;
}

static bool modrm16(struct dec *d, uint8_t mod, uint8_t rm)
{
	struct insn_mem *m = &d->out->mem;

	m->base = rm16_base[rm];
	m->index = rm16_index[rm];
	if (mod == 0 && rm == RM16_DISP16) {
		m->base = INSN_NO_REG;
		return fetch_signed(d, 2, &m->disp);
	}
	return mod == 0 || fetch_signed(d, mod == 1 ? 1 : 2, &m->disp);
}

static bool sib(struct dec *d, uint8_t mod)
{
	struct insn_mem *m = &d->out->mem;
	uint8_t b, index, base;

	if (!next(d, &b))
		return false;
	m->scale = (uint8_t)(1U << (b >> 6));
	index = (uint8_t)(((b >> 3) & 7) | ((d->rex & REX_X) ? 8 : 0));
	m->index = index == SIB_NO_INDEX ? INSN_NO_REG : (int8_t)index;
	base = b & 7;
	if (base == SIB_NO_BASE && mod == 0) {
		m->base = INSN_NO_REG;
		return fetch_signed(d, 4, &m->disp);
	}
	m->base = (int8_t)(base | ((d->rex & REX_B) ? 8 : 0));
	return true;
}

static bool modrm32(struct dec *d, uint8_t mod, uint8_t rm)
{
	struct insn_mem *m = &d->out->mem;

	if (rm == RM_SIB) {
		if (!sib(d, mod))
			return false;
		if (mod == 0)
			return true;
	} else if (mod == 0 && rm == RM_DISP32) {
		m->base = d->mode == INSN_MODE_64 ? INSN_REG_RIP : INSN_NO_REG;
		return fetch_signed(d, 4, &m->disp);
	} else {
		m->base = (int8_t)(rm | ((d->rex & REX_B) ? 8 : 0));
		if (mod == 0)
			return true;
	}
	return fetch_signed(d, mod == 1 ? 1 : 4, &m->disp);
}

static bool modrm(struct dec *d, const struct form *f)
{
	uint8_t b, mod, rm;

	if (!next(d, &b))
		return false;
	mod = b >> 6;
	rm = b & 7;
	d->out->reg = (uint8_t)(((b >> 3) & 7) | ((d->rex & REX_R) ? 8 : 0));
	if (mod == MOD_REG)
		return fail(d, "register operand: no memory access to emulate");
	if (f->op == INSN_STORE_IMM && ((b >> 3) & 7) != 0)
		return fail(d, "C6/C7 with a reg field other than /0");
	if (d->out->mem.addr_size == 2)
		return modrm16(d, mod, rm);
	return modrm32(d, mod, rm);
}

static bool immediate(struct dec *d, const struct form *f)
{
	int64_t v;
	unsigned int size = f->imm == IMM_8 ? 1 : d->out->size == 2 ? 2 : 4;

	if (!fetch_signed(d, size, &v))
		return false;
	d->out->imm =
	    d->out->size == 8 ? (uint64_t)v : (uint64_t)v & ((1ULL << (8 * d->out->size)) - 1);
	return true;
}

static const struct form *find_form(struct dec *d, uint8_t op)
{
	bool twobyte = op == OP_ESCAPE;

	if (twobyte && !next(d, &op))
		return NULL;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (forms[i].opcode == op && forms[i].twobyte == twobyte)
			return &forms[i];
	d->why = "not a MOV, MOVZX or XCHG with a memory operand";
	return NULL;
}

static void set_sizes(struct dec *d, const struct form *f)
{
	struct insn *i = d->out;

	i->op = f->op;
	i->size = f->size ? f->size : operand_size(d);
	i->reg_size = f->op == INSN_LOAD_ZX ? operand_size(d) : i->size;
	i->mem.addr_size = address_size(d);
}

static bool operands(struct dec *d, const struct form *f)
{
	struct insn *i = d->out;

	if (f->enc == ENC_MOFFS) {
		i->reg = 0; /* AL / rAX */
		return fetch_signed(d, i->mem.addr_size, &i->mem.disp);
	}
	if (!modrm(d, f))
		return false;
	if (f->imm != IMM_NONE && !immediate(d, f))
		return false;
	if (i->size == 1 && !d->rex && i->reg >= HIGH8_FIRST && i->reg <= HIGH8_LAST &&
	    f->op != INSN_LOAD_ZX && f->op != INSN_STORE_IMM) {
		i->reg_high8 = true;
		i->reg -= HIGH8_FIRST;
	}
	return true;
}

static bool decode(struct dec *d)
{
	const struct form *f;
	uint8_t op;

	if (!prefixes(d, &op) || !(f = find_form(d, op)))
		return false;
	if (d->out->lock && f->op != INSN_XCHG)
		return fail(d, "LOCK prefix on a MOV (#UD)");
	set_sizes(d, f);
	if (!operands(d, f))
		return false;
	d->out->len = (uint8_t)d->pos;
	return true;
}

static void describe(const struct dec *d, char *err, size_t err_len)
{
	size_t shown = d->pos ? d->pos : (d->n ? 1 : 0), at;
	int w = snprintf(err, err_len, "cannot emulate");

	at = w > 0 ? (size_t)w : 0;
	for (size_t k = 0; k < shown && k < INSN_MAX_LEN && at < err_len; k++) {
		w = snprintf(err + at, err_len - at, " %02x", d->buf[k]);
		at += w > 0 ? (size_t)w : 0;
	}
	if (at < err_len)
		snprintf(err + at, err_len - at, ": %s", d->why ? d->why : "unknown");
}

bool insn_decode(const uint8_t *buf, size_t n, enum insn_mode mode, struct insn *out, char *err,
		 size_t err_len)
{
	struct dec d = {.buf = buf, .n = n, .mode = mode, .out = out};

	*out = (struct insn){
	    .mem = {.base = INSN_NO_REG, .index = INSN_NO_REG, .seg = INSN_NO_REG, .scale = 1}};
	if (decode(&d))
		return true;
	if (err && err_len)
		describe(&d, err, err_len);
	return false;
}
