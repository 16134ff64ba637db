// SPDX-License-Identifier: BSD-2-Clause
// Writing a bundle: libfdt's sequential writer gives exactly the canonical layout the verifier
// insists on (docs/image-format.md).

#include <stdlib.h>

#include <libfdt.h>

#include "bundle_tool.h"

static int write_image(void *fdt, const struct bundle_image *img)
{
	int ret = fdt_begin_node(fdt, img->name);

	ret = ret ? ret : fdt_property_string(fdt, "type", img->type);
	ret = ret ? ret : fdt_property(fdt, "data", img->data, (int)img->size);
	ret = ret ? ret : fdt_begin_node(fdt, "hash");
	ret = ret ? ret : fdt_property_string(fdt, "algo", bundle_hash_name(img->hash));
	ret = ret ? ret : fdt_property(fdt, "value", img->digest, (int)bundle_hash_size(img->hash));
	ret = ret ? ret : fdt_end_node(fdt);
	return ret ? ret : fdt_end_node(fdt);
}

static int write_signature(void *fdt, const struct bundle_view *v)
{
	int ret = fdt_begin_node(fdt, "signature");

	ret = ret ? ret : fdt_property_string(fdt, "algo", bundle_alg_name(v->alg));
	ret = ret ? ret : fdt_property_string(fdt, "key-name-hint", v->key_hint);
	ret = ret ? ret : fdt_property_u32(fdt, "security-version", v->version);
	ret = ret ? ret : fdt_property(fdt, "value", v->sig, (int)v->sig_size);
	return ret ? ret : fdt_end_node(fdt);
}

static int write_tree(void *fdt, size_t cap, const struct bundle_view *v)
{
	int ret = fdt_create(fdt, (int)cap);

	ret = ret ? ret : fdt_finish_reservemap(fdt);
	ret = ret ? ret : fdt_begin_node(fdt, "");
	ret = ret ? ret : fdt_property_u32(fdt, "bundle-format", BUNDLE_FORMAT_VERSION);
	/* The description first: then it always starts at offset 120, 8-byte aligned as the
	 * hypervisor's in-place parse needs, whatever the sizes of the images. */
	ret = ret ? ret : fdt_begin_node(fdt, "configuration");
	ret = ret ? ret : fdt_property(fdt, "description", v->config, (int)v->config_size);
	ret = ret ? ret : fdt_end_node(fdt);
	ret = ret ? ret : fdt_begin_node(fdt, "images");
	for (size_t i = 0; i < v->nimages && !ret; i++)
		ret = write_image(fdt, &v->image[i]);
	ret = ret ? ret : fdt_end_node(fdt);
	ret = ret || !v->signed_ ? ret : write_signature(fdt, v);
	ret = ret ? ret : fdt_end_node(fdt);
	return ret ? ret : fdt_finish(fdt);
}

int bundle_write(const struct bundle_view *v, uint8_t **out, size_t *outlen)
{
	size_t cap = 4096 + v->config_size + v->sig_size;
	uint8_t *fdt;

	for (size_t i = 0; i < v->nimages; i++)
		cap += v->image[i].size + 256;
	if (cap > BUNDLE_MAX_SIZE || !(fdt = calloc(1, cap)))
		return -1;
	if (write_tree(fdt, cap, v) != 0) {
		free(fdt);
		return -1;
	}
	*out = fdt;
	*outlen = fdt_totalsize(fdt);
	return 0;
}
