// SPDX-License-Identifier: BSD-2-Clause
// Signed bundle verifier: the public interface (pure: also in the host tool, tests and fuzzer).
#ifndef BULKHEAD_BUNDLE_H
#define BULKHEAD_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bounds checked before anything is copied or hashed (docs/image-format.md, "Limits"). */
#define BUNDLE_MAX_SIZE	      (64UL << 20)
#define BUNDLE_MAX_IMAGES     16
#define BUNDLE_NAME_MAX	      32 /* including the NUL */
#define BUNDLE_DIGEST_MAX     48
#define BUNDLE_SIG_MAX	      384
#define BUNDLE_FORMAT_VERSION 1

enum bundle_alg {
	BUNDLE_ALG_NONE,
	BUNDLE_ALG_ECDSA_P384_SHA384,
	BUNDLE_ALG_ECDSA_P256_SHA256,
	BUNDLE_ALG_RSA3072_PSS_SHA384,
};

enum bundle_hash {
	BUNDLE_HASH_NONE,
	BUNDLE_HASH_SHA256,
	BUNDLE_HASH_SHA384,
};

/* A trusted public key: DER SubjectPublicKeyInfo, usable only with its one algorithm. */
struct bundle_key {
	const char *name;
	enum bundle_alg alg;
	const uint8_t *der;
	size_t der_len;
};

struct bundle_keys {
	const struct bundle_key *key;
	size_t count;
};

struct bundle_image {
	const char *name, *type;
	const uint8_t *data;
	size_t size;
	enum bundle_hash hash;
	const uint8_t *digest;
};

/* Every pointer points into the verified blob. */
struct bundle_view {
	const uint8_t *config; /* the partition description, a .dtb */
	size_t config_size;
	struct bundle_image image[BUNDLE_MAX_IMAGES];
	size_t nimages;
	bool signed_;
	enum bundle_alg alg;
	const char *key_hint;
	uint32_t version;
	const uint8_t *sig;
	size_t sig_size;
};

/*
 * The whole check, in this order: FDT layout, exact structure, signature over the canonical
 * message, security version >= @min_version, every image hash. 0 when all hold; otherwise -1
 * and @err holds the first failing rule. @out is meaningful only after 0.
 */
int bundle_verify(const void *blob, size_t len, const struct bundle_keys *keys,
		  uint32_t min_version, struct bundle_view *out, char *err, size_t errlen);

/* The image called @name in a parsed or verified bundle, or NULL. */
const struct bundle_image *bundle_find_image(const struct bundle_view *v, const char *name);

/* Layout and structure only, no cryptography (listing, signing); @need_sig: refuse unsigned. */
int bundle_parse(const void *blob, size_t len, bool need_sig, struct bundle_view *out, char *err,
		 size_t errlen);

/* Names as written in the bundle; NULL for an unknown value. */
const char *bundle_alg_name(enum bundle_alg alg);
const char *bundle_hash_name(enum bundle_hash h);
enum bundle_alg bundle_alg_by_name(const char *name);
enum bundle_hash bundle_hash_by_name(const char *name);
size_t bundle_hash_size(enum bundle_hash h);
size_t bundle_sig_size(enum bundle_alg alg);

/* Digest of @len bytes with @h into @out (bundle_hash_size bytes); 0 on success. */
int bundle_hash_data(enum bundle_hash h, const void *data, size_t len, uint8_t *out);

/* Digest of the signed message (docs/image-format.md) with @alg's hash; its size, or -1. */
int bundle_message_digest(const struct bundle_view *v, enum bundle_alg alg, uint8_t *out);

#endif
