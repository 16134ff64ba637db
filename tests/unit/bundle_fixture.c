// SPDX-License-Identifier: BSD-2-Clause
// Keys and bundles for the verifier's unit tests, made with the host tool's own code.

#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "bundle_fixture.h"
#include "bundle_tool.h"

static const uint8_t image_a[] = "partition A: not really a kernel";
static const uint8_t image_b[] = {0xf4, 0xeb, 0xfd}; /* hlt; jmp $-1 */

/* Keys live as long as the test binary: a static pool keeps them reachable (no leak reports). */
#define FX_MAX_KEYS 16

struct fx_key *fx_key_new(enum bundle_alg alg, const char *name)
{
	static struct fx_key pool[FX_MAX_KEYS];
	static size_t used;
	static struct fx_key *rsa;
	struct fx_key *k;
	int n;

	if (alg == BUNDLE_ALG_RSA3072_PSS_SHA384 && rsa) {
		rsa->pub.name = name;
		return rsa;
	}
	if (used == FX_MAX_KEYS)
		abort();
	k = &pool[used++];
	mbedtls_pk_init(&k->pk);
	if (bundle_keygen(alg, &k->pk) != 0 ||
	    (n = bundle_key_public_der(&k->pk, k->der, sizeof(k->der))) < 0)
		abort();
	k->pub = (struct bundle_key){name, alg, k->der, (size_t)n};
	k->keys = (struct bundle_keys){&k->pub, 1};
	if (alg == BUNDLE_ALG_RSA3072_PSS_SHA384)
		rsa = k;
	return k;
}

/* A tiny but real description: the verifier treats it as signed bytes only. */
static void *description(size_t *len)
{
	static uint8_t buf[256];

	if (fdt_create(buf, sizeof(buf)) || fdt_finish_reservemap(buf) || fdt_begin_node(buf, "") ||
	    fdt_property_string(buf, "model", "unit") || fdt_end_node(buf) || fdt_finish(buf))
		abort();
	*len = fdt_totalsize(buf);
	return buf;
}

static void add_image(struct bundle_view *v, const char *name, const void *data, size_t size,
		      uint8_t *digest)
{
	struct bundle_image *img = &v->image[v->nimages++];

	*img = (struct bundle_image){name, "kernel", data, size, BUNDLE_HASH_SHA384, digest};
	bundle_hash_data(img->hash, data, size, digest);
}

uint8_t *fx_bundle(struct fx_key *k, const char *hint, uint32_t version, size_t *len)
{
	static uint8_t da[BUNDLE_DIGEST_MAX], db[BUNDLE_DIGEST_MAX], sig[BUNDLE_SIG_MAX];
	struct bundle_view v = {0};
	char err[256];
	uint8_t *out;

	v.config = description(&v.config_size);
	add_image(&v, "a.bin", image_a, sizeof(image_a), da);
	add_image(&v, "b.elf", image_b, sizeof(image_b), db);
	if (hint && bundle_sign_view(&v, &k->pk, hint, version, sig, err, sizeof(err)) != 0)
		abort();
	if (bundle_write(&v, &out, len) != 0)
		abort();
	return out;
}

uint8_t *fx_resign(const uint8_t *blob, size_t len, struct fx_key *k, uint32_t version,
		   size_t *out_len)
{
	static uint8_t sig[BUNDLE_SIG_MAX];
	struct bundle_view v;
	char err[256];
	uint8_t *out;

	if (bundle_parse(blob, len, false, &v, err, sizeof(err)) != 0 ||
	    bundle_sign_view(&v, &k->pk, k->pub.name, version, sig, err, sizeof(err)) != 0 ||
	    bundle_write(&v, &out, out_len) != 0)
		abort();
	return out;
}

int fx_verify(const uint8_t *blob, size_t len, struct fx_key *k, uint32_t min, char *err)
{
	struct bundle_view v;
	/* An exactly sized private copy: ASan sees any read past the end. */
	uint8_t *copy = malloc(len ? len : 1);
	int ret;

	if (len)
		memcpy(copy, blob, len);
	ret = bundle_verify(copy, len, k ? &k->keys : NULL, min, &v, err, 256);
	free(copy);
	return ret;
}
