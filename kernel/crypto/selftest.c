// SPDX-License-Identifier: BSD-2-Clause
/* FIPS-style power-on self-test: proves the linked mbedtls hashes and verifies correctly here. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "printk.h"
#include "selftest.h"
#include "selftest_vectors.h"

/* The vectors need 10-12 KiB (ECDSA P-384 the most); the rest is margin for fragmentation. */
#ifndef SELFTEST_HEAP_SIZE
#define SELFTEST_HEAP_SIZE (32 * 1024)
#endif

static unsigned char selftest_heap[SELFTEST_HEAP_SIZE] __attribute__((aligned(16)));

struct sig_kat {
	const char *name;
	mbedtls_pk_type_t scheme;
	mbedtls_md_type_t md;
	size_t key_bits;
	const uint8_t *pub;
	size_t pub_len;
	const uint8_t *sig;
	size_t sig_len;
	/* Byte whose low bit is flipped for the must-fail check. */
	size_t flip;
};

#define VEC(a) a, sizeof(a)

/*
 * ECDSA: flip the last byte, inside s, so the DER still parses and the maths must reject it.
 * RSA: any bit will do, the public-key operation scrambles the whole encoded message.
 */
static const struct sig_kat sig_kats[] = {
    {"ECDSA P-256/SHA-256", MBEDTLS_PK_ECDSA, MBEDTLS_MD_SHA256, 256, VEC(selftest_p256_pub),
     VEC(selftest_p256_sig), sizeof(selftest_p256_sig) - 1},
    {"ECDSA P-384/SHA-384", MBEDTLS_PK_ECDSA, MBEDTLS_MD_SHA384, 384, VEC(selftest_p384_pub),
     VEC(selftest_p384_sig), sizeof(selftest_p384_sig) - 1},
    {"RSA-3072-PSS/SHA-384", MBEDTLS_PK_RSASSA_PSS, MBEDTLS_MD_SHA384, 3072,
     VEC(selftest_rsa3072_pub), VEC(selftest_rsa3072_sig), sizeof(selftest_rsa3072_sig) / 2},
};

static int hash_kats(void)
{
	unsigned char out[64];
	int failed = 0;
	int ret;

	ret = mbedtls_sha256_ret((const unsigned char *)selftest_abc, strlen(selftest_abc), out, 0);
	if (ret || memcmp(out, selftest_abc_sha256, sizeof(selftest_abc_sha256))) {
		pr_err("crypto self-test: SHA-256 known answer mismatch (%d)", ret);
		failed++;
	}
	ret = mbedtls_sha512_ret((const unsigned char *)selftest_abc, strlen(selftest_abc), out, 1);
	if (ret || memcmp(out, selftest_abc_sha384, sizeof(selftest_abc_sha384))) {
		pr_err("crypto self-test: SHA-384 known answer mismatch (%d)", ret);
		failed++;
	}
	return failed;
}

static int verify(const struct sig_kat *kat, mbedtls_pk_context *pk, const unsigned char *hash,
		  size_t hash_len, const uint8_t *sig)
{
	mbedtls_pk_rsassa_pss_options pss = {
	    .mgf1_hash_id = kat->md,
	    .expected_salt_len = (int)hash_len,
	};
	const void *options = kat->scheme == MBEDTLS_PK_RSASSA_PSS ? &pss : NULL;

	return mbedtls_pk_verify_ext(kat->scheme, options, pk, kat->md, hash, hash_len, sig,
				     kat->sig_len);
}

static int sig_kat(const struct sig_kat *kat)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(kat->md);
	unsigned char hash[MBEDTLS_MD_MAX_SIZE];
	unsigned char bad_sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
	size_t hash_len = mbedtls_md_get_size(md);
	mbedtls_pk_context pk;
	int failed = 0;
	int ret;

	mbedtls_pk_init(&pk);
	ret = mbedtls_pk_parse_public_key(&pk, kat->pub, kat->pub_len);
	if (ret || mbedtls_pk_get_bitlen(&pk) != kat->key_bits) {
		pr_err("crypto self-test: %s: public key not parsed (-0x%04x)", kat->name, -ret);
		failed = 1;
		goto out;
	}
	ret = mbedtls_md(md, (const unsigned char *)selftest_msg, strlen(selftest_msg), hash);
	if (ret) {
		pr_err("crypto self-test: %s: hashing failed (-0x%04x)", kat->name, -ret);
		failed = 1;
		goto out;
	}

	ret = verify(kat, &pk, hash, hash_len, kat->sig);
	if (ret) {
		pr_err("crypto self-test: %s: valid signature rejected (-0x%04x)", kat->name, -ret);
		failed++;
	}

	memcpy(bad_sig, kat->sig, kat->sig_len);
	bad_sig[kat->flip] ^= 1;
	if (verify(kat, &pk, hash, hash_len, bad_sig) == 0) {
		pr_err("crypto self-test: %s: corrupted signature accepted", kat->name);
		failed++;
	}
out:
	mbedtls_pk_free(&pk);
	return failed;
}

int crypto_selftest(void)
{
	int failed;
	size_t i;

	mbedtls_memory_buffer_alloc_init(selftest_heap, sizeof(selftest_heap));

	failed = hash_kats();
	for (i = 0; i < sizeof(sig_kats) / sizeof(sig_kats[0]); i++)
		failed += sig_kat(&sig_kats[i]);

	/* Later users bring their own arena; until then mbedtls_calloc() fails rather than alias. */
	mbedtls_memory_buffer_alloc_free();

	if (failed) {
		pr_err("crypto self-test: %d check(s) FAILED", failed);
		return -failed;
	}
	pr_info("crypto self-test: SHA-256, SHA-384, ECDSA P-256/P-384, RSA-3072-PSS passed");
	return 0;
}
