// SPDX-License-Identifier: BSD-2-Clause
// Every refusal of the issue: unsigned, wrong key, bad signature, hash mismatch, rolled-back
// version, truncated or malformed; each with the reason the console will print.

#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/ecp.h>

#include "bundle_fixture.h"

static struct fx_key *dev;

static int setup(void **state)
{
	dev = fx_key_new(BUNDLE_ALG_ECDSA_P384_SHA384, "dev");
	return 0;
}

static void refused(const uint8_t *b, size_t len, struct fx_key *k, uint32_t min, const char *why)
{
	char err[256];

	assert_int_equal(fx_verify(b, len, k, min, err), -1);
	if (!strstr(err, why))
		fail_msg("reason \"%s\" lacks \"%s\"", err, why);
}

/* Where the signature value lies in @b. */
static uint8_t *sig_of(uint8_t *b, size_t len)
{
	struct bundle_view v;
	char err[256];

	assert_int_equal(bundle_parse(b, len, true, &v, err, sizeof(err)), 0);
	return b + (v.sig - b);
}

static void unsigned_bundle(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, NULL, 1, &len);

	refused(b, len, dev, 1, "unsigned bundle");
	free(b);
}

static void no_trusted_keys(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	refused(b, len, NULL, 1, "wrong key: no trusted key named \"dev\"");
	free(b);
}

static void unknown_key_name(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "someone-else", 1, &len);

	refused(b, len, dev, 1, "wrong key");
	free(b);
}

/* Signed by another key that claims the trusted key's name. */
static void other_key_same_name(void **state)
{
	struct fx_key *mallory = fx_key_new(BUNDLE_ALG_ECDSA_P384_SHA384, "dev");
	size_t len;
	uint8_t *b = fx_bundle(mallory, "dev", 1, &len);

	refused(b, len, dev, 1, "bad signature: does not verify");
	free(b);
}

/* The trusted key named "dev" is P-256; the bundle says P-384: the algorithm must match. */
static void key_for_other_algorithm(void **state)
{
	struct fx_key *p256 = fx_key_new(BUNDLE_ALG_ECDSA_P256_SHA256, "dev");
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	refused(b, len, p256, 1, "wrong key: key \"dev\" is not for ecdsa-p384-sha384");
	free(b);
}

/* A key entry that claims P-384 but holds a P-256 key: the curve is checked, not trusted. */
static void key_on_wrong_curve(void **state)
{
	struct fx_key *p256 = fx_key_new(BUNDLE_ALG_ECDSA_P256_SHA256, "dev");
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	p256->pub.alg = BUNDLE_ALG_ECDSA_P384_SHA384;
	refused(b, len, p256, 1, "bundle key is not 384 bits");
	free(b);
}

static void bad_signature(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	sig_of(b, len)[95] ^= 1;
	refused(b, len, dev, 1, "bad signature");
	free(b);
}

static void signature_zero(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	memset(sig_of(b, len), 0, 96);
	refused(b, len, dev, 1, "bad signature: r out of range");
	free(b);
}

static void signature_s_is_order(void **state)
{
	mbedtls_ecp_group grp;
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	mbedtls_ecp_group_init(&grp);
	assert_int_equal(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1), 0);
	assert_int_equal(mbedtls_mpi_write_binary(&grp.N, sig_of(b, len) + 48, 48), 0);
	refused(b, len, dev, 1, "bad signature: s out of range");
	mbedtls_ecp_group_free(&grp);
	free(b);
}

static void hash_mismatch(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);
	uint8_t *data = memmem(b, len, "partition A", 11);

	assert_non_null(data);
	data[0] ^= 0x20;
	refused(b, len, dev, 1, "hash mismatch: image a.bin");
	free(b);
}

static void rolled_back(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 2, &len);

	refused(b, len, dev, 3, "rolled back: security version 2 is below the minimum 3");
	free(b);
}

static void truncated(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	refused(b, 0, dev, 1, "truncated");
	refused(b, 20, dev, 1, "truncated");
	refused(b, len / 2, dev, 1, "totalsize");
	refused(b, len - 1, dev, 1, "totalsize");
	free(b);
}

static void trailing_bytes(void **state)
{
	size_t len;
	uint8_t *b = fx_bundle(dev, "dev", 1, &len);

	b = realloc(b, len + 8);
	memset(b + len, 0, 8);
	refused(b, len + 8, dev, 1, "totalsize");
	free(b);
}

static void not_a_device_tree(void **state)
{
	uint8_t junk[512];
	struct bundle_view v;
	char err[256];

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 7 + 3);
	refused(junk, sizeof(junk), dev, 1, "magic");
	assert_int_equal(bundle_verify(NULL, 0, &dev->keys, 1, &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no bundle"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(unsigned_bundle),
	    cmocka_unit_test(no_trusted_keys),
	    cmocka_unit_test(unknown_key_name),
	    cmocka_unit_test(other_key_same_name),
	    cmocka_unit_test(key_for_other_algorithm),
	    cmocka_unit_test(key_on_wrong_curve),
	    cmocka_unit_test(bad_signature),
	    cmocka_unit_test(signature_zero),
	    cmocka_unit_test(signature_s_is_order),
	    cmocka_unit_test(hash_mismatch),
	    cmocka_unit_test(rolled_back),
	    cmocka_unit_test(truncated),
	    cmocka_unit_test(trailing_bytes),
	    cmocka_unit_test(not_a_device_tree),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
