// SPDX-License-Identifier: BSD-2-Clause
// The DSDT body of a partition: its processors as ACPI0007 devices, in hand-assembled AML.
#include <string.h>

#include "acpi_build.h"

/* AML encoding, ACPI 6.5 section 20.2. */
#define AML_SCOPE_OP	    0x10
#define AML_NAME_OP	    0x08
#define AML_EXT_PREFIX	    0x5B
#define AML_DEVICE_OP	    0x82 /* after AML_EXT_PREFIX */
#define AML_STRING_PREFIX   0x0D
#define AML_DWORD_PREFIX    0x0C
#define AML_ROOT_CHAR	    '\\'
#define AML_NAMESEG	    4
#define AML_PKG_1BYTE_MAX   0x3F /* PkgLength in one byte: 6 bits */
#define AML_PKG_2BYTE_MAX   0xFFF
#define AML_PKG_NIBBLE	    0x0F
#define AML_PKG_COUNT_SHIFT 6

#define SB_NAME "\\_SB_"
#define CPU_HID "ACPI0007" /* processor device, ACPI 6.5 section 8.4 */
#define HEX	"0123456789ABCDEF"

/* Name (_HID, "ACPI0007"): op, NameSeg, string prefix, 8 characters, NUL. */
#define HID_LEN (1 + AML_NAMESEG + 1 + sizeof(CPU_HID))
/* Name (_UID, n): op, NameSeg, DWord prefix and value. */
#define UID_LEN (1 + AML_NAMESEG + 1 + sizeof(uint32_t))
/* Device (Cnnn) body: its NameSeg and both names, below the one-byte PkgLength limit. */
#define DEV_BODY (AML_NAMESEG + HID_LEN + UID_LEN)
#define DEV_LEN	 (2 + 1 + DEV_BODY)
#define SB_LEN	 (sizeof(SB_NAME) - 1)

_Static_assert(DEV_BODY + 1 <= AML_PKG_1BYTE_MAX, "processor device PkgLength fits one byte");

struct aml {
	uint8_t *p;
	size_t n;
};

static void put(struct aml *a, const void *src, size_t len)
{
	memcpy(a->p + a->n, src, len);
	a->n += len;
}

static void put8(struct aml *a, uint8_t v)
{
	put(a, &v, 1);
}

/* Bytes of the PkgLength for @body bytes after it; the length counts itself (20.2.4). */
static size_t pkg_bytes(size_t body)
{
	return body + 1 <= AML_PKG_1BYTE_MAX ? 1 : body + 2 <= AML_PKG_2BYTE_MAX ? 2 : 3;
}

static void put_pkglen(struct aml *a, size_t body)
{
	size_t n = pkg_bytes(body), total = body + n;

	if (n == 1) {
		put8(a, (uint8_t)total);
		return;
	}
	put8(a, (uint8_t)(((n - 1) << AML_PKG_COUNT_SHIFT) | (total & AML_PKG_NIBBLE)));
	for (size_t i = 1; i < n; i++)
		put8(a, (uint8_t)(total >> (4 + 8 * (i - 1))));
}

static void put_cpu(struct aml *a, uint32_t uid)
{
	char seg[AML_NAMESEG] = {'C', HEX[(uid >> 8) & 0xF], HEX[(uid >> 4) & 0xF], HEX[uid & 0xF]};

	put8(a, AML_EXT_PREFIX);
	put8(a, AML_DEVICE_OP);
	put_pkglen(a, DEV_BODY);
	put(a, seg, AML_NAMESEG);
	put8(a, AML_NAME_OP);
	put(a, "_HID", AML_NAMESEG);
	put8(a, AML_STRING_PREFIX);
	put(a, CPU_HID, sizeof(CPU_HID));
	put8(a, AML_NAME_OP);
	put(a, "_UID", AML_NAMESEG);
	put8(a, AML_DWORD_PREFIX);
	put(a, &uid, sizeof(uid)); /* AML integers are little-endian, as is x86 */
}

static size_t sb_body(size_t ncpus)
{
	return SB_LEN + ncpus * DEV_LEN;
}

uint32_t acpi_dsdt_aml_size(size_t ncpus)
{
	return (uint32_t)(1 + pkg_bytes(sb_body(ncpus)) + sb_body(ncpus));
}

void acpi_dsdt_aml(uint8_t *out, size_t ncpus)
{
	struct aml a = {out, 0};

	put8(&a, AML_SCOPE_OP);
	put_pkglen(&a, sb_body(ncpus));
	put(&a, SB_NAME, SB_LEN);
	for (size_t i = 0; i < ncpus; i++)
		put_cpu(&a, (uint32_t)i);
}
