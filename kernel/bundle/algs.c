// SPDX-License-Identifier: BSD-2-Clause
// The signature and hash algorithms a bundle may name, and what each requires of key and data.

#include <string.h>

#include "internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct bundle_alg_info algs[] = {
    {BUNDLE_ALG_ECDSA_P384_SHA384, "ecdsa-p384-sha384", MBEDTLS_MD_SHA384, MBEDTLS_PK_ECKEY,
     MBEDTLS_ECP_DP_SECP384R1, 384, 96},
    {BUNDLE_ALG_ECDSA_P256_SHA256, "ecdsa-p256-sha256", MBEDTLS_MD_SHA256, MBEDTLS_PK_ECKEY,
     MBEDTLS_ECP_DP_SECP256R1, 256, 64},
    {BUNDLE_ALG_RSA3072_PSS_SHA384, "rsa3072-pss-sha384", MBEDTLS_MD_SHA384, MBEDTLS_PK_RSA,
     MBEDTLS_ECP_DP_NONE, 3072, 384},
};

static const struct bundle_hash_info hashes[] = {
    {BUNDLE_HASH_SHA256, "sha256", MBEDTLS_MD_SHA256, 32},
    {BUNDLE_HASH_SHA384, "sha384", MBEDTLS_MD_SHA384, 48},
};

_Static_assert(BUNDLE_SIG_MAX >= 384 && BUNDLE_DIGEST_MAX >= 48, "buffers fit every algorithm");

const struct bundle_alg_info *bundle_alg_info(enum bundle_alg alg)
{
	for (size_t i = 0; i < ARRAY_SIZE(algs); i++)
		if (algs[i].id == alg)
			return &algs[i];
	return NULL;
}

const struct bundle_hash_info *bundle_hash_info(enum bundle_hash h)
{
	for (size_t i = 0; i < ARRAY_SIZE(hashes); i++)
		if (hashes[i].id == h)
			return &hashes[i];
	return NULL;
}

enum bundle_alg bundle_alg_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(algs); i++)
		if (strcmp(algs[i].name, name) == 0)
			return algs[i].id;
	return BUNDLE_ALG_NONE;
}

enum bundle_hash bundle_hash_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(hashes); i++)
		if (strcmp(hashes[i].name, name) == 0)
			return hashes[i].id;
	return BUNDLE_HASH_NONE;
}

const char *bundle_alg_name(enum bundle_alg alg)
{
	const struct bundle_alg_info *a = bundle_alg_info(alg);

	return a ? a->name : NULL;
}

const char *bundle_hash_name(enum bundle_hash h)
{
	const struct bundle_hash_info *hi = bundle_hash_info(h);

	return hi ? hi->name : NULL;
}

size_t bundle_hash_size(enum bundle_hash h)
{
	const struct bundle_hash_info *hi = bundle_hash_info(h);

	return hi ? hi->len : 0;
}

size_t bundle_sig_size(enum bundle_alg alg)
{
	const struct bundle_alg_info *a = bundle_alg_info(alg);

	return a ? a->sig_len : 0;
}
