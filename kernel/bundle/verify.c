// SPDX-License-Identifier: BSD-2-Clause
// bundle_verify(): layout, structure, signature, security version, then every image hash; and
// lookups in the view it fills.

#include <string.h>

#include "internal.h"

int bundle_hash_data(enum bundle_hash h, const void *data, size_t len, uint8_t *out)
{
	const struct bundle_hash_info *hi = bundle_hash_info(h);
	const mbedtls_md_info_t *md = hi ? mbedtls_md_info_from_type(hi->md) : NULL;

	return md ? mbedtls_md(md, data, len, out) : -1;
}

bool bundle_check_hashes(const struct bundle_view *v, struct bundle_err *e)
{
	uint8_t digest[BUNDLE_DIGEST_MAX];

	for (size_t i = 0; i < v->nimages; i++) {
		const struct bundle_image *img = &v->image[i];

		if (!BCC(e, bundle_hash_data(img->hash, img->data, img->size, digest) == 0,
			 "cannot hash image %s", img->name) ||
		    !BCC(e, memcmp(digest, img->digest, bundle_hash_size(img->hash)) == 0,
			 "hash mismatch: image %s", img->name))
			return false;
	}
	return true;
}

/* The key the bundle names; a name match only picks the key, the signature still has to hold. */
static const struct bundle_key *find_key(const struct bundle_keys *keys, const char *hint)
{
	for (size_t i = 0; keys && i < keys->count; i++)
		if (strcmp(keys->key[i].name, hint) == 0)
			return &keys->key[i];
	return NULL;
}

static bool parse(const void *blob, size_t len, bool need_sig, struct bundle_view *out,
		  struct bundle_err *e)
{
	memset(out, 0, sizeof(*out));
	return BCC(e, blob != NULL, "no bundle") && bundle_check_layout(blob, len, e) &&
	       bundle_check_schema(blob, need_sig, out, e);
}

int bundle_parse(const void *blob, size_t len, bool need_sig, struct bundle_view *out, char *err,
		 size_t errlen)
{
	struct bundle_err e = {err, errlen, false};

	return parse(blob, len, need_sig, out, &e) ? 0 : -1;
}

static bool verify(const void *blob, size_t len, const struct bundle_keys *keys,
		   uint32_t min_version, struct bundle_view *out, struct bundle_err *e)
{
	const struct bundle_key *key;

	if (!parse(blob, len, true, out, e))
		return false;
	key = find_key(keys, out->key_hint);
	return BCC(e, key != NULL, "wrong key: no trusted key named \"%s\"", out->key_hint) &&
	       bundle_check_signature(out, key, e) &&
	       BCC(e, out->version >= min_version,
		   "rolled back: security version %lu is below the minimum %lu",
		   (unsigned long)out->version, (unsigned long)min_version) &&
	       bundle_check_hashes(out, e);
}

int bundle_verify(const void *blob, size_t len, const struct bundle_keys *keys,
		  uint32_t min_version, struct bundle_view *out, char *err, size_t errlen)
{
	struct bundle_err e = {err, errlen, false};
	bool ok;

	if (err && errlen)
		err[0] = '\0';
	bundle_crypto_enter();
	ok = verify(blob, len, keys, min_version, out, &e);
	bundle_crypto_leave();
	if (!ok)
		memset(out, 0, sizeof(*out));
	/* Only the one success path returns 0; a failure that recorded nothing is still -1. */
	return ok && !e.failed ? 0 : -1;
}

const struct bundle_image *bundle_find_image(const struct bundle_view *v, const char *name)
{
	for (size_t i = 0; i < v->nimages; i++)
		if (strcmp(v->image[i].name, name) == 0)
			return &v->image[i];
	return NULL;
}
