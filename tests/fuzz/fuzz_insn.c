// SPDX-License-Identifier: BSD-2-Clause
// libFuzzer over the MMIO decoder and the guest page-table walker: no crash, and invariants.
//
// Input: byte 0 selects the decoder mode and the paging mode, bytes 1-8 a linear address, the
// rest is both the instruction bytes and the guest memory the walk reads (CR3 = 0).

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gpt_walk.h"
#include "insn_decode.h"

#define HDR_LEN	 9
#define CR0_PE	 (1ULL << 0)
#define CR0_WP	 (1ULL << 16)
#define CR0_PG	 (1ULL << 31)
#define CR4_PSE	 (1ULL << 4)
#define CR4_PAE	 (1ULL << 5)
#define CR4_SMEP (1ULL << 20)
#define EFER_LMA (1ULL << 10)
#define EFER_NXE (1ULL << 11)

#define CHECK(x)                          \
	do {                              \
		if (!(x))                 \
			__builtin_trap(); \
	} while (0)

struct mem {
	const uint8_t *p;
	size_t n;
};

static bool read_mem(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val)
{
	const struct mem *m = ctx;
	uint64_t v = 0;

	if (gpa > m->n || m->n - gpa < size)
		return false;
	memcpy(&v, m->p + gpa, size);
	*val = v;
	return true;
}

static void check_decode(const uint8_t *buf, size_t n, enum insn_mode mode)
{
	char err[INSN_ERR_LEN];
	struct insn i, again;

	if (!insn_decode(buf, n, mode, &i, err, sizeof(err))) {
		CHECK(!strncmp(err, "cannot emulate", strlen("cannot emulate")));
		return;
	}
	CHECK(i.len >= 1 && i.len <= INSN_MAX_LEN && i.len <= n);
	CHECK(i.size == 1 || i.size == 2 || i.size == 4 || i.size == 8);
	CHECK(i.reg_size >= i.size && i.reg < 16);
	CHECK(!i.reg_high8 || i.reg < 4);
	CHECK(i.size == 8 || i.imm < (1ULL << (8 * i.size)));
	/* the instruction's own bytes decode alone to the same instruction */
	CHECK(insn_decode(buf, i.len, mode, &again, NULL, 0));
	CHECK(!memcmp(&i, &again, sizeof(i)));
}

static void check_walk(uint8_t sel, uint64_t gla, const uint8_t *p, size_t n)
{
	static const uint64_t cr4s[4] = {0, CR4_PSE, CR4_PAE, CR4_PAE | CR4_SMEP};
	struct mem m = {p, n};
	struct gpt_ctx c = {.cr0 =
				CR0_PE | ((sel & 0x10) ? CR0_PG : 0) | ((sel & 0x20) ? CR0_WP : 0),
			    .cr4 = cr4s[(sel >> 2) & 3],
			    .efer = (sel & 0x40) ? EFER_NXE : 0,
			    .cpl = (sel & 0x80) ? 3 : 0,
			    .read = read_mem,
			    .arg = &m};
	uint64_t gpa = 0;

	if ((c.cr4 & CR4_PAE) && (c.cr0 & CR0_PG) && (sel & 1)) /* LMA needs paging */
		c.efer |= EFER_LMA;
	for (int a = GPT_FETCH; a <= GPT_WRITE; a++) {
		enum gpt_result r = gpt_walk(&c, gla, (enum gpt_access)a, &gpa);

		CHECK(gpt_result_name(r)[0]);
		if (r == GPT_OK && !(c.cr0 & CR0_PG))
			CHECK(gpa == (gla & UINT32_MAX));
		if (r == GPT_OK)
			CHECK((gpa & 0xfff) == (gla & 0xfff));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t gla = 0;

	if (size < HDR_LEN)
		return 0;
	memcpy(&gla, data + 1, sizeof(gla));
	check_decode(data + HDR_LEN, size - HDR_LEN, (enum insn_mode)(data[0] % 3));
	check_walk(data[0], gla, data + HDR_LEN, size - HDR_LEN);
	return 0;
}
