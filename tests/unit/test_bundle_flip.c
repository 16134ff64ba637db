// SPDX-License-Identifier: BSD-2-Clause
// Every byte of a small signed bundle matters: flipping any one (several patterns) is refused.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bundle_fixture.h"

static void every_byte(enum bundle_alg alg)
{
	static const uint8_t patterns[] = {0x01, 0x80, 0xff};
	struct fx_key *k = fx_key_new(alg, "dev");
	char err[256];
	size_t len;
	uint8_t *b = fx_bundle(k, "dev", 1, &len);

	assert_int_equal(fx_verify(b, len, k, 1, err), 0);
	for (size_t i = 0; i < len; i++)
		for (size_t p = 0; p < sizeof(patterns); p++) {
			b[i] ^= patterns[p];
			if (fx_verify(b, len, k, 1, err) == 0)
				fail_msg("byte %zu ^ 0x%02x of %zu accepted", i, patterns[p], len);
			assert_true(err[0] != '\0');
			b[i] ^= patterns[p];
		}
	assert_int_equal(fx_verify(b, len, k, 1, err), 0);
	free(b);
}

static void flips_p384(void **state)
{
	every_byte(BUNDLE_ALG_ECDSA_P384_SHA384);
}

static void flips_p256(void **state)
{
	every_byte(BUNDLE_ALG_ECDSA_P256_SHA256);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(flips_p384),
	    cmocka_unit_test(flips_p256),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
