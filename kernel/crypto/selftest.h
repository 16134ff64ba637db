/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot-time known-answer test of the crypto the hypervisor links (mbedtls). */
#ifndef BULKHEAD_CRYPTO_SELFTEST_H
#define BULKHEAD_CRYPTO_SELFTEST_H

/*
 * Hashes and verifies fixed vectors (SHA-256, SHA-384, ECDSA P-256 and P-384, RSA-3072-PSS) and
 * checks that corrupted signatures are rejected. Logs the outcome; returns 0 if everything passed,
 * a negative count of failed checks otherwise. Call on one CPU, before anything else uses mbedtls:
 * it installs the mbedtls heap for its own duration and leaves mbedtls without one afterwards.
 */
int crypto_selftest(void);

#endif /* BULKHEAD_CRYPTO_SELFTEST_H */
