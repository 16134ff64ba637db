// SPDX-License-Identifier: BSD-2-Clause
// The operands of L1's VMX instructions: the VM-exit instruction-information field (SDM Vol.
// 3C, 28.2.5, Tables 28-10 and 28-11) and the exit qualification's displacement, read and
// written through L1's own paging inside its memory.

#include <string.h>

#include "gpt_walk.h"
#include "mmio.h"
#include "nested_vmx.h"

#define INFO_SCALE_MASK	 3U
#define INFO_REG1_SHIFT	 3
#define INFO_ASIZE_SHIFT 7
#define INFO_ASIZE_MASK	 7U
#define INFO_IS_REG	 (1U << 10)
#define INFO_SEG_SHIFT	 15
#define INFO_SEG_MASK	 7U
#define INFO_INDEX_SHIFT 18
#define INFO_NO_INDEX	 (1U << 22)
#define INFO_BASE_SHIFT	 23
#define INFO_NO_BASE	 (1U << 27)
#define INFO_REG_MASK	 0xfU
#define INFO_REG2_SHIFT	 28
#define ASIZE_16	 0
#define ASIZE_32	 1
#define PAGE_4K		 4096ULL
#define PF_ERR_P	 (1U << 0)
#define PF_ERR_W	 (1U << 1)

/* Register numbers of Tables 28-10/28-11 in struct vcpu_regs order. */
uint64_t *nvmx_gpr(struct vcpu *v, unsigned int n)
{
	uint64_t *const r[16] = {&v->regs.rax, &v->regs.rcx, &v->regs.rdx, &v->regs.rbx,
				 &v->regs.rsp, &v->regs.rbp, &v->regs.rsi, &v->regs.rdi,
				 &v->regs.r8,  &v->regs.r9,  &v->regs.r10, &v->regs.r11,
				 &v->regs.r12, &v->regs.r13, &v->regs.r14, &v->regs.r15};

	return r[n & INFO_REG_MASK];
}

static bool long_mode_64(void)
{
	return (vmread(GUEST_EFER) & EFER_LMA_BIT) && (vmread(GUEST_AR(SEG_CS)) & AR_L);
}

/* Base + index * scale + displacement, in the address size, plus the segment's base (only
 * FS and GS have one in 64-bit mode). Segment limits are not checked: L1 in protected mode
 * with limits below 4 GiB is not a case nested VMX is offered for. */
void nvmx_decode_operand(struct vcpu *v, struct nvmx_operand *op)
{
	uint32_t info = (uint32_t)vmread(EXIT_INSN_INFO);
	unsigned int asize = (info >> INFO_ASIZE_SHIFT) & INFO_ASIZE_MASK;
	unsigned int seg = (info >> INFO_SEG_SHIFT) & INFO_SEG_MASK;
	bool is64 = long_mode_64();
	uint64_t addr = vmread(EXIT_QUALIFICATION);

	op->size = is64 ? 8 : 4;
	op->is_reg = info & INFO_IS_REG;
	op->reg = (info >> INFO_REG1_SHIFT) & INFO_REG_MASK;
	if (!(info & INFO_NO_BASE))
		addr += *nvmx_gpr(v, (info >> INFO_BASE_SHIFT) & INFO_REG_MASK);
	if (!(info & INFO_NO_INDEX))
		addr += *nvmx_gpr(v, (info >> INFO_INDEX_SHIFT) & INFO_REG_MASK)
			<< (info & INFO_SCALE_MASK);
	if (asize == ASIZE_16)
		addr &= 0xffffULL;
	else if (asize == ASIZE_32)
		addr &= 0xffffffffULL;
	if (!is64 || seg == SEG_FS || seg == SEG_GS)
		addr += vmread(GUEST_BASE(seg));
	op->linear = is64 ? addr : (uint32_t)addr;
}

/* A #PF as the access would have raised it: CR2 is the guest's own register (the VMCS does
 * not hold it), loaded before the entry that delivers the fault. */
static void page_fault(struct vcpu *v, uint64_t linear, enum gpt_result r, bool write)
{
	uint32_t err = (r == GPT_PROTECTION ? PF_ERR_P : 0) | (write ? PF_ERR_W : 0);

	asm volatile("mov %0, %%cr2" : : "r"(linear));
	nvmx_inject(v, VEC_PF, true, err);
}

/* Page by page: each piece translated by L1's paging and found in its memory with the
 * rights the access needs (rule 10). */
static bool access(struct vcpu *v, uint64_t linear, uint8_t *buf, unsigned int len, bool write)
{
	struct vcpu_paging pg;
	struct gpt_ctx c;

	vcpu_ops->get_paging(v, &pg);
	c = (struct gpt_ctx){pg.cr0, pg.cr3, pg.cr4, pg.efer, pg.cpl, mmio_read_table, v->part};
	for (unsigned int done = 0; done < len;) {
		uint64_t gpa;
		enum gpt_result r = gpt_walk(&c, linear + done, write ? GPT_WRITE : GPT_READ, &gpa);
		unsigned int chunk = (unsigned int)(PAGE_4K - (gpa % PAGE_4K));
		uint8_t *h;

		if (r == GPT_NONCANONICAL || r == GPT_UNREADABLE) {
			nvmx_inject(v, VEC_GP, true, 0);
			return false;
		}
		if (r != GPT_OK) {
			page_fault(v, linear + done, r, write);
			return false;
		}
		chunk = chunk < len - done ? chunk : len - done;
		h = part_gpa_to_hva(v->part, gpa, chunk, write ? CFG_R | CFG_W : CFG_R);
		if (!h) {
			nvmx_inject(v, VEC_GP, true, 0);
			return false;
		}
		if (write)
			memcpy(h, buf + done, chunk);
		else
			memcpy(buf + done, h, chunk);
		done += chunk;
	}
	return true;
}

/* Register 2 of the instruction information: the field encoding of VMREAD/VMWRITE, the type of
 * INVEPT/INVVPID, in the operand size. */
uint64_t nvmx_reg2(struct vcpu *v, const struct nvmx_operand *op)
{
	uint32_t info = (uint32_t)vmread(EXIT_INSN_INFO);
	uint64_t val = *nvmx_gpr(v, info >> INFO_REG2_SHIFT);

	return op->size == 8 ? val : (uint32_t)val;
}

bool nvmx_read_mem(struct vcpu *v, uint64_t linear, void *dst, unsigned int len)
{
	return access(v, linear, dst, len, false);
}

bool nvmx_write_mem(struct vcpu *v, uint64_t linear, const void *src, unsigned int len)
{
	uint8_t buf[16];

	if (len > sizeof(buf))
		return false;
	memcpy(buf, src, len);
	return access(v, linear, buf, len, true);
}
