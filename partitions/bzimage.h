/* SPDX-License-Identifier: BSD-2-Clause */
/* Linux bzImage setup header (Documentation/x86/boot.rst): parsed, validated, and the zero page. */
#ifndef BULKHEAD_BZIMAGE_H
#define BULKHEAD_BZIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware.h"

/* boot.rst "The real-mode kernel header": offsets in the image and in the zero page alike. */
#define BZ_SETUP_SECTS	  0x1f1
#define BZ_SYSSIZE	  0x1f4
#define BZ_BOOT_FLAG	  0x1fe
#define BZ_JUMP		  0x200 /* its second byte + 0x202: where the setup header ends */
#define BZ_HEADER	  0x202
#define BZ_VERSION	  0x206
#define BZ_TYPE_OF_LOADER 0x210
#define BZ_LOADFLAGS	  0x211
#define BZ_CODE32_START	  0x214
#define BZ_RAMDISK_IMAGE  0x218
#define BZ_RAMDISK_SIZE	  0x21c
#define BZ_CMD_LINE_PTR	  0x228
#define BZ_INITRD_MAX	  0x22c
#define BZ_KERNEL_ALIGN	  0x230
#define BZ_RELOCATABLE	  0x234
#define BZ_XLOADFLAGS	  0x236
#define BZ_CMDLINE_SIZE	  0x238
#define BZ_PREF_ADDRESS	  0x258
#define BZ_INIT_SIZE	  0x260
#define BZ_HDR_MIN_END	  0x264 /* protocol 2.12 ends with init_size (0x260, 4 bytes) */
#define BZ_HDR_MAX_END	  0x290 /* the zero page's room for the setup header */

#define BZ_BOOT_FLAG_MAGIC 0xaa55
#define BZ_HDRS_MAGIC	   0x53726448U /* "HdrS" */
#define BZ_MIN_VERSION	   0x020c      /* 2.12: xloadflags, the 64-bit entry */
#define BZ_SECTOR	   512
#define BZ_DEFAULT_SECTS   4 /* setup_sects 0 means 4 */
#define BZ_SYSSIZE_UNIT	   16
#define BZ_ENTRY64_OFFSET  0x200     /* the 64-bit entry, from the protected-mode kernel's start */
#define BZ_LOADED_HIGH	   (1U << 0) /* loadflags: protected-mode code at 0x100000 (bzImage) */
#define BZ_XLF_KERNEL_64   (1U << 0) /* xloadflags: has the 64-bit entry at +0x200 */
#define BZ_LOADER_UNKNOWN  0xff	     /* type_of_loader: a boot loader without an assigned ID */

/* What the loader uses from the setup header. */
struct bz_header {
	uint16_t version;
	uint8_t loadflags;
	uint16_t xloadflags;
	bool relocatable;
	uint32_t setup_size;  /* bytes before the protected-mode kernel: (setup_sects + 1) * 512 */
	uint32_t kernel_size; /* syssize * 16: the protected-mode kernel in the file */
	uint32_t hdr_end;     /* the setup header is [0x1f1, hdr_end) of the file */
	uint32_t initrd_addr_max, kernel_alignment, cmdline_size, init_size;
	uint64_t pref_address;
};

/* Parses and validates the bzImage @img: boot flag, "HdrS", protocol 2.12 or later with the
 * 64-bit entry, sizes inside the file, a power-of-two alignment. False with @err on refusal. */
bool bz_header_parse(const void *img, size_t size, struct bz_header *out, char *err, size_t errlen);

/* The zero page ("struct boot_params", boot.rst "64-bit boot protocol") for a loaded kernel. */
#define BP_SIZE		     4096
#define BP_ACPI_RSDP_ADDR    0x070
#define BP_EXT_RAMDISK_IMAGE 0x0c0
#define BP_EXT_RAMDISK_SIZE  0x0c4
#define BP_EXT_CMD_LINE_PTR  0x0c8
#define BP_E820_ENTRIES	     0x1e8
#define BP_E820_TABLE	     0x2d0
#define BP_E820_MAX	     128
#define BP_E820_ENTRY_SIZE   20
#define BZ_VERSION_ACPI_RSDP 0x020e /* 2.14: acpi_rsdp_addr */

struct bp_src {
	const struct part_fw *fw; /* the e820 map: the partition's own memory only */
	uint64_t kernel_gpa;	  /* where the protected-mode kernel was loaded */
	uint64_t cmdline_gpa;
	size_t cmdline_len;		  /* without its NUL */
	uint64_t initrd_gpa, initrd_size; /* size 0: no initrd */
};

/* Writes the zero page into @bp (BP_SIZE bytes): zeroed, the image's setup header copied per the
 * protocol, type_of_loader, command line, initrd, e820 table and ACPI RSDP. False with @err when
 * the command line is longer than cmdline_size, the initrd ends above initrd_addr_max, or the
 * map has more than BP_E820_MAX entries. */
bool bp_build(void *bp, const void *img, const struct bz_header *h, const struct bp_src *s,
	      char *err, size_t errlen);

/* Formats a refusal into @err; returns false (shared by the Linux boot protocol's builders). */
__attribute__((format(printf, 3, 4))) bool lx_fail(char *err, size_t errlen, const char *fmt, ...);

/* The command line Bulkhead passes: the description's @user, then " tsc_early_khz=N" when
 * @tsc_khz is known and @user does not set it (Linux 6.1 on AMD has no other way to learn the
 * TSC frequency without a calibration timer). Its length, or -1 when it needs more than @cap. */
long bp_cmdline(char *buf, size_t cap, const char *user, unsigned long tsc_khz);

#endif
