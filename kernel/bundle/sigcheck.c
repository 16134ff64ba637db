// SPDX-License-Identifier: BSD-2-Clause
// The signature over the canonical message, with the one key the bundle's algorithm allows.

#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/rsa.h>

#include "internal.h"

/* ECDSA: r and s in [1, n-1] (CVE-2022-21449 accepted r = s = 0), key on the named curve. */
static bool ecdsa_ok(const struct bundle_alg_info *a, mbedtls_pk_context *pk,
		     const struct bundle_view *v, const uint8_t *digest, size_t dlen,
		     struct bundle_err *e)
{
	mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*pk);
	size_t half = a->sig_len / 2;
	mbedtls_mpi r, s;
	bool ok;

	if (!BCC(e, ec->grp.id == a->curve, "bundle key is not on the curve %s needs", a->name) ||
	    !BCC(e, mbedtls_ecp_check_pubkey(&ec->grp, &ec->Q) == 0,
		 "bundle key is not a valid point"))
		return false;
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	ok = BCC(e,
		 mbedtls_mpi_read_binary(&r, v->sig, half) == 0 &&
		     mbedtls_mpi_read_binary(&s, v->sig + half, half) == 0,
		 "out of memory reading the signature") &&
	     BCC(e, mbedtls_mpi_cmp_int(&r, 1) >= 0 && mbedtls_mpi_cmp_mpi(&r, &ec->grp.N) < 0,
		 "bad signature: r out of range") &&
	     BCC(e, mbedtls_mpi_cmp_int(&s, 1) >= 0 && mbedtls_mpi_cmp_mpi(&s, &ec->grp.N) < 0,
		 "bad signature: s out of range") &&
	     BCC(e, mbedtls_ecdsa_verify(&ec->grp, digest, dlen, &ec->Q, &r, &s) == 0,
		 "bad signature: does not verify with key \"%s\"", v->key_hint);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	return ok;
}

static bool rsa_pss_ok(const struct bundle_alg_info *a, mbedtls_pk_context *pk,
		       const struct bundle_view *v, const uint8_t *digest, size_t dlen,
		       struct bundle_err *e)
{
	mbedtls_pk_rsassa_pss_options pss = {.mgf1_hash_id = a->md, .expected_salt_len = (int)dlen};

	return BCC(e,
		   mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &pss, pk, a->md, digest, dlen,
					 v->sig, v->sig_size) == 0,
		   "bad signature: does not verify with key \"%s\"", v->key_hint);
}

static bool key_fits(const struct bundle_alg_info *a, mbedtls_pk_context *pk, struct bundle_err *e)
{
	return BCC(e, mbedtls_pk_get_type(pk) == a->pk, "bundle key is not a %s key", a->name) &&
	       BCC(e, mbedtls_pk_get_bitlen(pk) == a->key_bits, "bundle key is not %lu bits",
		   (unsigned long)a->key_bits);
}

bool bundle_check_signature(const struct bundle_view *v, const struct bundle_key *key,
			    struct bundle_err *e)
{
	const struct bundle_alg_info *a = bundle_alg_info(v->alg);
	uint8_t digest[BUNDLE_DIGEST_MAX];
	mbedtls_pk_context pk;
	int dlen;
	bool ok;

	if (!BCC(e, a && key->alg == v->alg, "wrong key: key \"%s\" is not for %s", key->name,
		 bundle_alg_name(v->alg)))
		return false;
	dlen = bundle_message_digest(v, v->alg, digest);
	if (!BCC(e, dlen > 0, "cannot hash the signed message"))
		return false;
	mbedtls_pk_init(&pk);
	ok = BCC(e, mbedtls_pk_parse_public_key(&pk, key->der, key->der_len) == 0,
		 "embedded key \"%s\" does not parse", key->name) &&
	     key_fits(a, &pk, e) &&
	     (a->pk == MBEDTLS_PK_ECKEY ? ecdsa_ok(a, &pk, v, digest, (size_t)dlen, e)
					: rsa_pss_ok(a, &pk, v, digest, (size_t)dlen, e));
	mbedtls_pk_free(&pk);
	return ok;
}
