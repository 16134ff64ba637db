// SPDX-License-Identifier: BSD-2-Clause
// What the verifier's files share: the failure recorder, the algorithm tables, the check steps.
#ifndef BULKHEAD_BUNDLE_INTERNAL_H
#define BULKHEAD_BUNDLE_INTERNAL_H

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>

#include "bundle.h"

/* First failure wins: later checks never overwrite the reason the bundle was refused for. */
struct bundle_err {
	char *buf;
	size_t len;
	bool failed;
};

void bundle_fail(struct bundle_err *e, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * BCC(e, cond, fmt, ...): a rule that must hold. When it does not, the reason (fmt) and the
 * rule's own text are recorded; evaluates to whether the rule held.
 */
#define BCC(e, cond, ...) ((cond) ? true : (bundle_fail(e, #cond, __VA_ARGS__), false))

struct bundle_alg_info {
	enum bundle_alg id;
	const char *name;
	mbedtls_md_type_t md;
	mbedtls_pk_type_t pk;
	mbedtls_ecp_group_id curve; /* MBEDTLS_ECP_DP_NONE for RSA */
	size_t key_bits;
	size_t
	    sig_len; /* ECDSA: r || s, each key_bits / 8 bytes big-endian; RSA: the modulus size */
};

struct bundle_hash_info {
	enum bundle_hash id;
	const char *name;
	mbedtls_md_type_t md;
	size_t len;
};

const struct bundle_alg_info *bundle_alg_info(enum bundle_alg alg);
const struct bundle_hash_info *bundle_hash_info(enum bundle_hash h);

/* The steps of bundle_verify(), each a pure function over the blob or the view. */
bool bundle_check_layout(const uint8_t *blob, size_t len, struct bundle_err *e);
bool bundle_check_schema(const void *fdt, bool need_sig, struct bundle_view *v,
			 struct bundle_err *e);
bool bundle_check_signature(const struct bundle_view *v, const struct bundle_key *key,
			    struct bundle_err *e);
bool bundle_check_hashes(const struct bundle_view *v, struct bundle_err *e);

/* mbedtls' allocator for the duration of one verification (a static arena in the kernel). */
void bundle_crypto_enter(void);
void bundle_crypto_leave(void);

#endif
