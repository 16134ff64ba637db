// SPDX-License-Identifier: BSD-2-Clause
// Signing the canonical message: deterministic ECDSA (RFC 6979) or RSA-PSS with a hash-sized salt.

#include <stdio.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/rsa.h>

#include "bundle_tool.h"
#include "internal.h"

static int sign_ecdsa(const struct bundle_alg_info *a, mbedtls_pk_context *key,
		      const uint8_t *digest, size_t dlen, uint8_t *sig)
{
	mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*key);
	size_t half = a->sig_len / 2;
	mbedtls_mpi r, s;
	int ret;

	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	ret = mbedtls_ecdsa_sign_det_ext(&ec->grp, &r, &s, &ec->d, digest, dlen, a->md, bundle_rng,
					 NULL);
	ret = ret ? ret : mbedtls_mpi_write_binary(&r, sig, half);
	ret = ret ? ret : mbedtls_mpi_write_binary(&s, sig + half, half);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	return ret;
}

static int sign_rsa_pss(const struct bundle_alg_info *a, mbedtls_pk_context *key,
			const uint8_t *digest, size_t dlen, uint8_t *sig)
{
	mbedtls_rsa_context *rsa = mbedtls_pk_rsa(*key);

	mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, a->md);
	return mbedtls_rsa_rsassa_pss_sign(rsa, bundle_rng, NULL, MBEDTLS_RSA_PRIVATE, a->md,
					   (unsigned int)dlen, digest, sig);
}

int bundle_sign_view(struct bundle_view *v, mbedtls_pk_context *key, const char *hint,
		     uint32_t version, uint8_t *sig, char *err, size_t errlen)
{
	const struct bundle_alg_info *a = bundle_alg_info(bundle_key_alg(key));
	uint8_t digest[BUNDLE_DIGEST_MAX];
	int dlen, ret;

	if (!a) {
		snprintf(err, errlen, "key is none of P-384, P-256, RSA-3072");
		return -1;
	}
	v->signed_ = true;
	v->alg = a->id;
	v->key_hint = hint;
	v->version = version;
	dlen = bundle_message_digest(v, a->id, digest);
	if (dlen <= 0) {
		snprintf(err, errlen, "cannot hash the message to sign");
		return -1;
	}
	ret = a->pk == MBEDTLS_PK_ECKEY ? sign_ecdsa(a, key, digest, (size_t)dlen, sig)
					: sign_rsa_pss(a, key, digest, (size_t)dlen, sig);
	if (ret != 0) {
		snprintf(err, errlen, "signing failed (-0x%04x)", (unsigned)-ret);
		return -1;
	}
	v->sig = sig;
	v->sig_size = a->sig_len;
	return 0;
}
