// SPDX-License-Identifier: BSD-2-Clause
// The verifier's own mbedtls arena in the hypervisor: no heap shared with anything else.

#include <mbedtls/memory_buffer_alloc.h>

#include "internal.h"

/* RSA-3072 needs the most (about 12 KiB, see kernel/crypto/selftest.c); the rest is margin. */
#define BUNDLE_HEAP_SIZE (48 * 1024)

static unsigned char bundle_heap[BUNDLE_HEAP_SIZE] __attribute__((aligned(16)));

void bundle_crypto_enter(void)
{
	mbedtls_memory_buffer_alloc_init(bundle_heap, sizeof(bundle_heap));
}

/* Afterwards mbedtls_calloc() fails again rather than hand out verifier memory. */
void bundle_crypto_leave(void)
{
	mbedtls_memory_buffer_alloc_free();
}
