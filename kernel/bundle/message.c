// SPDX-License-Identifier: BSD-2-Clause
// The signed message: a canonical serialization of everything the signature covers, streamed
// into the hash (docs/image-format.md, "What is signed"). Never FDT offsets.

#include <string.h>

#include "internal.h"

/* Domain separation: a digest of this message can never be a digest of another protocol's. */
#define BUNDLE_MSG_TAG "BULKHEAD-BUNDLE"

struct bundle_msg_head {
	char tag[16];	    /* BUNDLE_MSG_TAG and its NUL */
	uint8_t format[4];  /* BUNDLE_FORMAT_VERSION, big-endian */
	uint8_t version[4]; /* the security version, big-endian */
};

_Static_assert(sizeof(struct bundle_msg_head) == 24, "signed message header is 24 bytes");
_Static_assert(sizeof(BUNDLE_MSG_TAG) == 16, "tag fills its field with the NUL");

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A field: its length as a 32-bit big-endian number, then its bytes. */
static int put_field(mbedtls_md_context_t *md, const void *p, size_t len)
{
	uint8_t n[4];
	int ret;

	be32(n, (uint32_t)len);
	ret = mbedtls_md_update(md, n, sizeof(n));
	return ret != 0 ? ret : mbedtls_md_update(md, p, len);
}

static int put_str(mbedtls_md_context_t *md, const char *s)
{
	return put_field(md, s, strlen(s));
}

static int put_image(mbedtls_md_context_t *md, const struct bundle_image *img)
{
	int ret = put_str(md, img->name);

	ret = ret != 0 ? ret : put_str(md, img->type);
	ret = ret != 0 ? ret : put_str(md, bundle_hash_name(img->hash));
	return ret != 0 ? ret : put_field(md, img->digest, bundle_hash_size(img->hash));
}

static int put_message(mbedtls_md_context_t *md, const struct bundle_view *v)
{
	struct bundle_msg_head head = {BUNDLE_MSG_TAG, {0}, {0}};
	uint8_t count[4];
	int ret;

	be32(head.format, BUNDLE_FORMAT_VERSION);
	be32(head.version, v->version);
	be32(count, (uint32_t)v->nimages);
	ret = mbedtls_md_update(md, (const uint8_t *)&head, sizeof(head));
	ret = ret != 0 ? ret : put_str(md, bundle_alg_name(v->alg));
	ret = ret != 0 ? ret : put_str(md, v->key_hint);
	ret = ret != 0 ? ret : put_field(md, v->config, v->config_size);
	ret = ret != 0 ? ret : mbedtls_md_update(md, count, sizeof(count));
	for (size_t i = 0; i < v->nimages && ret == 0; i++)
		ret = put_image(md, &v->image[i]);
	return ret;
}

int bundle_message_digest(const struct bundle_view *v, enum bundle_alg alg, uint8_t *out)
{
	const struct bundle_alg_info *a = bundle_alg_info(alg);
	const mbedtls_md_info_t *info = a ? mbedtls_md_info_from_type(a->md) : NULL;
	mbedtls_md_context_t md;
	int ret;

	if (!info || alg != v->alg || !v->key_hint)
		return -1;
	mbedtls_md_init(&md);
	ret = mbedtls_md_setup(&md, info, 0);
	ret = ret != 0 ? ret : mbedtls_md_starts(&md);
	ret = ret != 0 ? ret : put_message(&md, v);
	ret = ret != 0 ? ret : mbedtls_md_finish(&md, out);
	mbedtls_md_free(&md);
	return ret == 0 ? (int)mbedtls_md_get_size(info) : -1;
}
