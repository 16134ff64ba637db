// SPDX-License-Identifier: BSD-2-Clause
// libFuzzer target: any blob through the bundle verifier (layout, structure, signature, hashes)
// and the listing parser, under ASan and UBSan. Nothing may crash, read out of bounds, or verify
// unless it is one of the seeds signed with the fuzz keys (tests/fuzz/keys/).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot_bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A private, exactly sized copy: ASan then sees any read past the blob's end. */
	uint8_t *blob = malloc(size ? size : 1);
	struct bundle_view v;
	char err[256];

	memcpy(blob, data, size);
	if (bundle_parse(blob, size, false, &v, err, sizeof(err)) == 0)
		for (size_t i = 0; i < v.nimages; i++)
			if (v.image[i].data < blob ||
			    v.image[i].data + v.image[i].size > blob + size)
				abort();
	if (bundle_verify(blob, size, &bundle_trusted_keys, bundle_min_version, &v, err,
			  sizeof(err)) == 0 &&
	    (v.config < blob || v.config + v.config_size > blob + size))
		abort();
	free(blob);
	return 0;
}
