// SPDX-License-Identifier: BSD-2-Clause
// L1's I/O and MSR permission maps (APM Vol. 2, 15.10.1, 15.11): lookups and the merge with L0's.

#include <string.h>

#include "vmcb12_checks.h"

#define BITS_PER_BYTE	 8
#define MSRPM_BITS_EACH	 2 /* read, then write */
#define MSRPM_RANGE_MSRS 0x2000

/* The three MSR ranges the map covers (Table 15-5); an MSR outside them always exits. */
static const struct {
	uint32_t first;
	uint32_t byte_offset;
} ranges[] = {
    {0x00000000, 0x0000},
    {0xc0000000, 0x0800},
    {0xc0010000, 0x1000},
};

static bool bit(const uint8_t *map, uint64_t n)
{
	return map[n / BITS_PER_BYTE] & (1U << (n % BITS_PER_BYTE));
}

/* One bit per port; a multi-byte access exits if any of its ports does (15.10.1). The map has
 * a third page so that an access at 0xffff can be checked past the end. */
bool iopm_intercepts(const uint8_t *map, uint16_t port, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		if (bit(map, (uint64_t)port + i))
			return true;
	return false;
}

bool msrpm_intercepts(const uint8_t *map, uint32_t msr, bool write)
{
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		uint32_t n = msr - ranges[i].first;

		if (msr < ranges[i].first || n >= MSRPM_RANGE_MSRS)
			continue;
		return bit(map, (uint64_t)ranges[i].byte_offset * BITS_PER_BYTE +
				    (uint64_t)n * MSRPM_BITS_EACH + (write ? 1 : 0));
	}
	return true;
}

/* Eight bytes at a time where the maps allow it: this runs at every emulated VMRUN. */
void permission_map_merge(uint8_t *dst, const uint8_t *l0, const uint8_t *l1, size_t len)
{
	size_t i = 0;

	for (; i + sizeof(uint64_t) <= len; i += sizeof(uint64_t)) {
		uint64_t a, b;

		memcpy(&a, l0 + i, sizeof(a));
		memcpy(&b, l1 + i, sizeof(b));
		a |= b;
		memcpy(dst + i, &a, sizeof(a));
	}
	for (; i < len; i++)
		dst[i] = l0[i] | l1[i];
}
