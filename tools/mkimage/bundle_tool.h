// SPDX-License-Identifier: BSD-2-Clause
// bulkhead-mkimage's bundle side: writing, signing, keys (host only; the checks are the
// hypervisor's own, kernel/bundle/).
#ifndef BULKHEAD_BUNDLE_TOOL_H
#define BULKHEAD_BUNDLE_TOOL_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

#include "bundle.h"

/* The canonical FDT of @v (with /signature when v->signed_) in a malloc'd buffer; 0 or -1. */
int bundle_write(const struct bundle_view *v, uint8_t **out, size_t *outlen);

/*
 * Sign @v with @key: sets alg (from the key), key_hint, version and sig (pointing at @sig, which
 * holds BUNDLE_SIG_MAX bytes). 0, or -1 with a reason in @err.
 */
int bundle_sign_view(struct bundle_view *v, mbedtls_pk_context *key, const char *hint,
		     uint32_t version, uint8_t *sig, char *err, size_t errlen);

/* The bundle algorithm a key is for (by type, curve and size); BUNDLE_ALG_NONE if none. */
enum bundle_alg bundle_key_alg(mbedtls_pk_context *key);
int bundle_keygen(enum bundle_alg alg, mbedtls_pk_context *key);
/* @base.key (PEM, mode 0600) and @base.pub (DER SubjectPublicKeyInfo). */
int bundle_key_save(mbedtls_pk_context *key, const char *base);
/* DER SubjectPublicKeyInfo of @key into @buf; its length, or -1. */
int bundle_key_public_der(mbedtls_pk_context *key, uint8_t *buf, size_t size);

/* The tool's random generator (CTR-DRBG over the system entropy), mbedtls f_rng shaped. */
int bundle_rng(void *ctx, unsigned char *out, size_t len);

int write_file(const char *path, const void *buf, size_t len, int mode);

int cmd_keygen(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
