/* SPDX-License-Identifier: BSD-2-Clause */
/* mbedtls 2.28 configuration: hashing and signature verification on bare metal, static arena. */
#ifndef BULKHEAD_MBEDTLS_CONFIG_H
#define BULKHEAD_MBEDTLS_CONFIG_H

/*
 * Every module enabled here must have its library/*.c file listed in MBEDTLS_SRCS in
 * tools/build/deps.mk; check_config.h (included at the end) rejects inconsistent combinations.
 */

/* System support: no OS, so no time, files, sockets or entropy source. */
/* bn_mul.h's x86-64 multiply-accumulate uses only rax/rbx/rcx/rdx/rsi/rdi/r8 (mulq, adcq). */
#define MBEDTLS_HAVE_ASM
/* A 128-by-64 division would call libgcc's __udivti3, which the hypervisor does not link. */
#define MBEDTLS_NO_UDBL_DIVISION
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_DEPRECATED_REMOVED

/*
 * mbedtls allocates only from the arena handed to mbedtls_memory_buffer_alloc_init(); before
 * that, mbedtls_calloc() returns NULL instead of falling back to newlib's malloc.
 */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_SNPRINTF_MACRO snprintf
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C

/* Hashes: SHA-224/256 and SHA-384/512. */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C

/* Public-key primitives. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
/*
 * Verification handles no secret, so the blinding RNG that ecp_mul() would otherwise seed from a
 * DRBG module is not needed. Anything that signs must pass its own f_rng.
 */
#define MBEDTLS_ECP_NO_INTERNAL_RNG
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V21

/* Keys as DER SubjectPublicKeyInfo; no PEM, which would pull in base64. */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C /* required by ECDSA_C */
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

#include "mbedtls/check_config.h"

#endif /* BULKHEAD_MBEDTLS_CONFIG_H */
