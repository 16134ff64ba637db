// SPDX-License-Identifier: BSD-2-Clause
// The DSDT body of a partition: its processors as ACPI0007 devices and its console UART, in
// hand-assembled AML.
#include <string.h>

#include "acpi_build.h"

/* AML encoding, ACPI 6.5 section 20.2. */
#define AML_SCOPE_OP	    0x10
#define AML_NAME_OP	    0x08
#define AML_EXT_PREFIX	    0x5B
#define AML_DEVICE_OP	    0x82 /* after AML_EXT_PREFIX */
#define AML_STRING_PREFIX   0x0D
#define AML_DWORD_PREFIX    0x0C
#define AML_BUFFER_OP	    0x11
#define AML_BYTE_PREFIX	    0x0A
#define AML_ZERO_OP	    0x00
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

/*
 * Device (COM1): the console UART (the virtual 16550A at 0x3f8, its interrupt on the I/O APIC's
 * pin 4). A partition has no 8259 PICs (MADT without PCAT_COMPAT), so Linux maps no legacy
 * IRQs by itself: only a PNP0501 device with its IRQ in _CRS gets the serial driver an
 * interrupt, and without one its tty never transmits (init's stdout stayed silent).
 * _HID EisaId ("PNP0501"), _UID 0, _CRS: IO (Decode16, 0x3F8, 0x3F8, 1, 8), IRQNoFlags {4}.
 */
static const uint8_t com1_hid[] = {0x0C, 0x41, 0xD0, 0x05, 0x01}; /* DWord, "PNP0501" */
static const uint8_t com1_crs[] = {
    0x47, 0x01, 0xF8, 0x03, 0xF8, 0x03, 0x01, 0x08, /* I/O port descriptor, 16-bit decode */
    0x22, 0x10, 0x00,				    /* IRQ descriptor: IRQ 4, no flags */
    0x79, 0x00,					    /* end tag */
};
#define COM1_HID_LEN  (1 + AML_NAMESEG + sizeof(com1_hid))
#define COM1_UID_LEN  (1 + AML_NAMESEG + 1)
#define COM1_BUF_BODY (2 + sizeof(com1_crs)) /* BufferSize (byte prefix, value) and the bytes */
#define COM1_CRS_LEN  (1 + AML_NAMESEG + 1 + 1 + COM1_BUF_BODY)
#define COM1_BODY     (AML_NAMESEG + COM1_HID_LEN + COM1_UID_LEN + COM1_CRS_LEN)
#define COM1_LEN      (2 + 1 + COM1_BODY)

_Static_assert(COM1_BODY + 1 <= AML_PKG_1BYTE_MAX, "COM1 PkgLength fits one byte");
_Static_assert(COM1_BUF_BODY + 1 <= AML_PKG_1BYTE_MAX, "_CRS buffer PkgLength fits one byte");

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

static void put_com1(struct aml *a)
{
	put8(a, AML_EXT_PREFIX);
	put8(a, AML_DEVICE_OP);
	put_pkglen(a, COM1_BODY);
	put(a, "COM1", AML_NAMESEG);
	put8(a, AML_NAME_OP);
	put(a, "_HID", AML_NAMESEG);
	put(a, com1_hid, sizeof(com1_hid));
	put8(a, AML_NAME_OP);
	put(a, "_UID", AML_NAMESEG);
	put8(a, AML_ZERO_OP);
	put8(a, AML_NAME_OP);
	put(a, "_CRS", AML_NAMESEG);
	put8(a, AML_BUFFER_OP);
	put_pkglen(a, COM1_BUF_BODY);
	put8(a, AML_BYTE_PREFIX);
	put8(a, (uint8_t)sizeof(com1_crs));
	put(a, com1_crs, sizeof(com1_crs));
}

static size_t sb_body(size_t ncpus)
{
	return SB_LEN + ncpus * DEV_LEN + COM1_LEN;
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
	put_com1(&a);
}
