// SPDX-License-Identifier: BSD-2-Clause
// Bundles the verifier must accept: each algorithm, re-signed with a higher version, the view.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bundle_fixture.h"
#include "bundle_tool.h"

static void accepts(enum bundle_alg alg)
{
	struct fx_key *k = fx_key_new(alg, "key");
	char err[256];
	size_t len;
	uint8_t *b = fx_bundle(k, "key", 3, &len);

	assert_int_equal(fx_verify(b, len, k, 3, err), 0);
	assert_string_equal(err, "");
	free(b);
}

static void p384(void **state)
{
	accepts(BUNDLE_ALG_ECDSA_P384_SHA384);
}

static void p256(void **state)
{
	accepts(BUNDLE_ALG_ECDSA_P256_SHA256);
}

static void rsa3072_pss(void **state)
{
	accepts(BUNDLE_ALG_RSA3072_PSS_SHA384);
}

static void view_points_into_the_blob(void **state)
{
	struct fx_key *k = fx_key_new(BUNDLE_ALG_ECDSA_P384_SHA384, "dev");
	struct bundle_view v;
	char err[256];
	size_t len;
	uint8_t *b = fx_bundle(k, "dev", 7, &len);

	assert_int_equal(bundle_verify(b, len, &k->keys, 1, &v, err, sizeof(err)), 0);
	assert_int_equal(v.nimages, 2);
	assert_string_equal(v.image[0].name, "a.bin");
	assert_string_equal(v.image[1].name, "b.elf");
	assert_int_equal(v.image[1].size, 3);
	assert_true(v.image[1].data > b && v.image[1].data + 3 <= b + len);
	assert_true(v.config > b && v.config + v.config_size <= b + len);
	assert_int_equal(v.version, 7);
	assert_string_equal(v.key_hint, "dev");
	free(b);
}

/* A rollback minimum raised to 5 refuses version 4, and the same content re-signed at 5 boots. */
static void resigned_higher_version_accepted(void **state)
{
	struct fx_key *k = fx_key_new(BUNDLE_ALG_ECDSA_P384_SHA384, "dev");
	char err[256];
	size_t len, len2;
	uint8_t *old = fx_bundle(k, "dev", 4, &len), *new;

	assert_int_equal(fx_verify(old, len, k, 5, err), -1);
	assert_non_null(strstr(err, "rolled back"));
	new = fx_resign(old, len, k, 5, &len2);
	assert_int_equal(fx_verify(new, len2, k, 5, err), 0);
	free(old);
	free(new);
}

/* Deterministic ECDSA: the same content, key and version give the same bytes (reproducible). */
static void signing_is_reproducible(void **state)
{
	struct fx_key *k = fx_key_new(BUNDLE_ALG_ECDSA_P256_SHA256, "dev");
	size_t l1, l2;
	uint8_t *a = fx_bundle(k, "dev", 1, &l1), *b = fx_bundle(k, "dev", 1, &l2);

	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
}

/*
 * The hypervisor parses the description in place (partitions/ refuses a blob that is not 8-byte
 * aligned, as libfdt needs): wherever the images end, it must start 8-byte aligned in the bundle.
 */
static void description_is_8_byte_aligned(void **state)
{
	static const uint8_t data[8], digest[BUNDLE_DIGEST_MAX],
	    desc[64] = {0xd0, 0x0d, 0xfe, 0xed};
	char err[256];

	for (size_t n = 1; n <= sizeof(data); n++) {
		struct bundle_view v = {.config = desc, .config_size = sizeof(desc), .nimages = 1};
		uint8_t *b;
		size_t len;

		v.image[0] =
		    (struct bundle_image){"a", "kernel", data, n, BUNDLE_HASH_SHA256, digest};
		assert_int_equal(bundle_write(&v, &b, &len), 0);
		assert_int_equal(bundle_parse(b, len, false, &v, err, sizeof(err)), 0);
		if ((size_t)(v.config - b) % 8)
			fail_msg("image of %zu bytes: description at offset %zu", n,
				 (size_t)(v.config - b));
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(p384),
	    cmocka_unit_test(p256),
	    cmocka_unit_test(rsa3072_pss),
	    cmocka_unit_test(view_points_into_the_blob),
	    cmocka_unit_test(resigned_higher_version_accepted),
	    cmocka_unit_test(signing_is_reproducible),
	    cmocka_unit_test(description_is_8_byte_aligned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
