// SPDX-License-Identifier: BSD-2-Clause
// MMIO emulation without decode assists: walk the guest tables to RIP, decode, access, retire.

#include "mmio.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "gpt_walk.h"
#include "insn_decode.h"
#include "partition.h"

#define CR0_PE	     (1ULL << 0)
#define EFER_LMA     (1ULL << 10)
#define RFLAGS_VM    (1ULL << 17)
#define GPAGE_SIZE   4096ULL
#define MMIO_MSG_LEN 160

/* struct vcpu_regs is not in encoding order; this maps x86 register numbers onto it. */
static const size_t reg_offset[16] = {
    offsetof(struct vcpu_regs, rax), offsetof(struct vcpu_regs, rcx),
    offsetof(struct vcpu_regs, rdx), offsetof(struct vcpu_regs, rbx),
    offsetof(struct vcpu_regs, rsp), offsetof(struct vcpu_regs, rbp),
    offsetof(struct vcpu_regs, rsi), offsetof(struct vcpu_regs, rdi),
    offsetof(struct vcpu_regs, r8),  offsetof(struct vcpu_regs, r9),
    offsetof(struct vcpu_regs, r10), offsetof(struct vcpu_regs, r11),
    offsetof(struct vcpu_regs, r12), offsetof(struct vcpu_regs, r13),
    offsetof(struct vcpu_regs, r14), offsetof(struct vcpu_regs, r15),
};

static uint64_t *reg_slot(struct vcpu_regs *r, unsigned int n)
{
	return (uint64_t *)((char *)r + reg_offset[n & 15]);
}

static uint64_t size_mask(unsigned int size)
{
	return size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

/* The register operand's value, @size bytes (AH..BH are bits 15:8). */
static uint64_t reg_get(struct vcpu_regs *r, const struct insn *i)
{
	uint64_t v = *reg_slot(r, i->reg);

	return (i->reg_high8 ? v >> 8 : v) & size_mask(i->reg_size);
}

/* Writes like the CPU does: 8- and 16-bit writes merge, 32-bit writes zero-extend (SDM Vol. 1
 * 3.4.1.1), AH..BH replace bits 15:8 only. */
static void reg_set(struct vcpu_regs *r, const struct insn *i, uint64_t val)
{
	uint64_t *slot = reg_slot(r, i->reg);

	if (i->reg_high8)
		*slot = (*slot & ~0xff00ULL) | ((val & 0xff) << 8);
	else if (i->reg_size < 4)
		*slot = (*slot & ~size_mask(i->reg_size)) | (val & size_mask(i->reg_size));
	else
		*slot = val & size_mask(i->reg_size);
}

static enum insn_mode code_mode(const struct vcpu *v, const struct vcpu_paging *pg)
{
	if ((pg->efer & EFER_LMA) && pg->cs_l)
		return INSN_MODE_64;
	if (!(pg->cr0 & CR0_PE) || (v->regs.rflags & RFLAGS_VM) || !pg->cs_db)
		return INSN_MODE_16;
	return INSN_MODE_32;
}

bool mmio_read_table(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val)
{
	const void *h = part_gpa_to_hva(ctx, gpa, size, CFG_R);
	uint32_t v32;

	if (!h)
		return false;
	if (size == sizeof(v32)) {
		memcpy(&v32, h, sizeof(v32));
		*val = v32;
	} else {
		memcpy(val, h, sizeof(*val));
	}
	return true;
}

/* Copies up to INSN_MAX_LEN bytes at CS:RIP, page by page; returns how many it got and, when
 * it stopped early, why in @why. */
static size_t fetch(struct vcpu *v, const struct vcpu_paging *pg, enum insn_mode mode, uint8_t *buf,
		    const char **why)
{
	struct gpt_ctx c = {pg->cr0, pg->cr3, pg->cr4, pg->efer, pg->cpl, mmio_read_table, v->part};
	uint64_t lin = (mode == INSN_MODE_64 ? 0 : pg->cs_base) + v->regs.rip, gpa;
	size_t got = 0;

	while (got < INSN_MAX_LEN) {
		enum gpt_result r = gpt_walk(&c, lin + got, GPT_FETCH, &gpa);
		size_t chunk = GPAGE_SIZE - (gpa % GPAGE_SIZE);
		const void *h;

		if (r != GPT_OK) {
			*why = gpt_result_name(r);
			break;
		}
		chunk = chunk < INSN_MAX_LEN - got ? chunk : INSN_MAX_LEN - got;
		h = part_gpa_to_hva(v->part, gpa, chunk, CFG_X);
		if (!h) {
			*why = "code outside the partition's executable memory";
			break;
		}
		memcpy(buf + got, h, chunk);
		got += chunk;
	}
	return got;
}

static bool refuse(struct vcpu *v, const char *what, const char *detail)
{
	char msg[MMIO_MSG_LEN];

	snprintf(msg, sizeof(msg), "MMIO at rip 0x%lx: %s%s%s", (unsigned long)v->regs.rip, what,
		 detail ? ": " : "", detail ? detail : "");
	part_fault(v->part, msg);
	return false;
}

static bool decode_at_rip(struct vcpu *v, struct insn *i, enum insn_mode *mode)
{
	struct vcpu_paging pg;
	uint8_t buf[INSN_MAX_LEN];
	char err[INSN_ERR_LEN];
	const char *why = NULL;
	size_t n;

	vcpu_ops->get_paging(v, &pg);
	*mode = code_mode(v, &pg);
	n = fetch(v, &pg, *mode, buf, &why);
	if (!n)
		return refuse(v, "cannot fetch the instruction", why);
	if (!insn_decode(buf, n, *mode, i, err, sizeof(err)))
		return refuse(v, err, n < INSN_MAX_LEN ? why : NULL);
	return true;
}

/* The access itself; XCHG reads the old value, then writes the register's. */
static bool access(struct vcpu *v, const struct insn *i, uint64_t gpa, mmio_handler_fn handler)
{
	uint64_t val = 0, old = 0;

	if (i->op == INSN_STORE || i->op == INSN_STORE_IMM) {
		val = i->op == INSN_STORE ? reg_get(&v->regs, i) : i->imm;
		return handler(v, gpa, i->size, true, &val);
	}
	if (!handler(v, gpa, i->size, false, &old))
		return false;
	old &= size_mask(i->size);
	if (i->op == INSN_XCHG) {
		val = reg_get(&v->regs, i);
		if (!handler(v, gpa, i->size, true, &val))
			return false;
	}
	reg_set(&v->regs, i, old);
	return true;
}

static uint64_t ip_mask(enum insn_mode mode)
{
	return mode == INSN_MODE_64 ? ~0ULL : mode == INSN_MODE_32 ? UINT32_MAX : UINT16_MAX;
}

bool mmio_emulate(struct vcpu *v, const struct vcpu_exit *e, mmio_handler_fn handler)
{
	enum insn_mode mode;
	struct insn i;

	if (e->npf.exec)
		return refuse(v, "instruction fetch from MMIO", NULL);
	if (!decode_at_rip(v, &i, &mode))
		return false;
	if (e->npf.write && !insn_writes_memory(&i))
		return refuse(v, "the instruction at RIP does not write memory", NULL);
	if (!e->npf.write && !insn_reads_memory(&i))
		return refuse(v, "the instruction at RIP does not read memory", NULL);
	if (!access(v, &i, e->npf.gpa, handler))
		return false;
	v->regs.rip = (v->regs.rip + i.len) & ip_mask(mode);
	return true;
}
