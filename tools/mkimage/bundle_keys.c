// SPDX-License-Identifier: BSD-2-Clause
// Keys for bundles: generation, saving, and which algorithm a key is for.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/rsa.h>

#include "bundle_tool.h"
#include "internal.h"

#define RSA_EXPONENT 65537

int bundle_rng(void *ctx, unsigned char *out, size_t len)
{
	static mbedtls_entropy_context entropy;
	static mbedtls_ctr_drbg_context drbg;
	static int seeded;
	static const char pers[] = "bulkhead-mkimage";

	if (!seeded) {
		mbedtls_entropy_init(&entropy);
		mbedtls_ctr_drbg_init(&drbg);
		if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
					  (const unsigned char *)pers, sizeof(pers)) != 0)
			return -1;
		seeded = 1;
	}
	return mbedtls_ctr_drbg_random(&drbg, out, len);
}

enum bundle_alg bundle_key_alg(mbedtls_pk_context *key)
{
	static const enum bundle_alg candidates[] = {BUNDLE_ALG_ECDSA_P384_SHA384,
						     BUNDLE_ALG_ECDSA_P256_SHA256,
						     BUNDLE_ALG_RSA3072_PSS_SHA384};

	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		const struct bundle_alg_info *a = bundle_alg_info(candidates[i]);

		if (mbedtls_pk_get_type(key) != a->pk || mbedtls_pk_get_bitlen(key) != a->key_bits)
			continue;
		if (a->pk == MBEDTLS_PK_RSA || mbedtls_pk_ec(*key)->grp.id == a->curve)
			return a->id;
	}
	return BUNDLE_ALG_NONE;
}

int bundle_keygen(enum bundle_alg alg, mbedtls_pk_context *key)
{
	const struct bundle_alg_info *a = bundle_alg_info(alg);
	int ret;

	if (!a)
		return -1;
	ret = mbedtls_pk_setup(key, mbedtls_pk_info_from_type(a->pk));
	if (ret != 0)
		return ret;
	if (a->pk == MBEDTLS_PK_RSA)
		return mbedtls_rsa_gen_key(mbedtls_pk_rsa(*key), bundle_rng, NULL,
					   (unsigned)a->key_bits, RSA_EXPONENT);
	return mbedtls_ecp_gen_key(a->curve, mbedtls_pk_ec(*key), bundle_rng, NULL);
}

int bundle_key_public_der(mbedtls_pk_context *key, uint8_t *buf, size_t size)
{
	int n = mbedtls_pk_write_pubkey_der(key, buf, size);

	if (n <= 0)
		return -1;
	/* mbedtls writes DER backwards from the end of the buffer. */
	memmove(buf, buf + size - (size_t)n, (size_t)n);
	return n;
}

int write_file(const char *path, const void *buf, size_t len, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, buf, len);
	if (close(fd) != 0 || n != (ssize_t)len)
		return -1;
	return 0;
}

int bundle_key_save(mbedtls_pk_context *key, const char *base)
{
	static unsigned char buf[16384];
	char path[4096];
	int n;

	if (mbedtls_pk_write_key_pem(key, buf, sizeof(buf)) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s.key", base);
	if (write_file(path, buf, strlen((char *)buf), 0600) != 0)
		return -1;
	n = bundle_key_public_der(key, buf, sizeof(buf));
	snprintf(path, sizeof(path), "%s.pub", base);
	return n < 0 ? -1 : write_file(path, buf, (size_t)n, 0644);
}
