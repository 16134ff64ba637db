// SPDX-License-Identifier: BSD-2-Clause
// Keys and bundles for the verifier's unit tests, made with the host tool's own code.
#ifndef BULKHEAD_BUNDLE_FIXTURE_H
#define BULKHEAD_BUNDLE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

#include "bundle.h"

struct fx_key {
	mbedtls_pk_context pk;
	uint8_t der[2048];
	struct bundle_key pub; /* trusted under the name given to fx_key_new() */
	struct bundle_keys keys;
};

/* A new key of @alg, trusted as @name; RSA keys are made once and reused (slow to generate). */
struct fx_key *fx_key_new(enum bundle_alg alg, const char *name);

/* A small two-image bundle signed by @k as @hint (NULL: unsigned) at @version; malloc'd. */
uint8_t *fx_bundle(struct fx_key *k, const char *hint, uint32_t version, size_t *len);

/* Parse (unsigned allowed), re-sign with @k at @version, write: a malloc'd new bundle. */
uint8_t *fx_resign(const uint8_t *blob, size_t len, struct fx_key *k, uint32_t version,
		   size_t *out_len);

/* bundle_verify() with @k trusted and @min; 0 or -1, the reason in @err (256 bytes). */
int fx_verify(const uint8_t *blob, size_t len, struct fx_key *k, uint32_t min, char *err);

#endif
