// SPDX-License-Identifier: BSD-2-Clause
// libFuzzer target: any blob through the guest-image parsers (ELF32/ELF64, multiboot2 and
// multiboot headers, the layout a loader would use; bzImage setup headers), under ASan and UBSan.

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bzimage.h"
#include "elf_image.h"
#include "mb_header.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct img_layout layout;
static struct mb_header hdr;
static char err[IMG_ERR_MAX];
static struct bz_header bz;

/* What the loader would copy must lie inside the file: check what the parsers promise. */
static void check_layout(size_t size)
{
	for (size_t i = 0; i < layout.nseg; i++) {
		const struct img_segment *s = &layout.seg[i];

		if (s->offset > size || s->filesz > size - s->offset || s->filesz > s->memsz)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A private, exactly sized copy: ASan then sees any read past the blob's end. */
	uint8_t *blob = malloc(size ? size : 1);

	memcpy(blob, data, size);
	if (elf_image_parse(blob, size, &layout, err, sizeof(err)))
		check_layout(size);
	if (mb2_header_find(blob, size, &hdr, err, sizeof(err)) &&
	    mb_image_layout(blob, size, &hdr, &layout, err, sizeof(err)))
		check_layout(size);
	if (mb1_header_find(blob, size, &hdr, err, sizeof(err)) &&
	    mb_image_layout(blob, size, &hdr, &layout, err, sizeof(err)))
		check_layout(size);
	/* The Linux loader copies setup_size + kernel_size bytes: the parser promises they fit. */
	if (bz_header_parse(blob, size, &bz, err, sizeof(err)) &&
	    (bz.setup_size > size || bz.kernel_size > size - bz.setup_size))
		abort();
	free(blob);
	return 0;
}
