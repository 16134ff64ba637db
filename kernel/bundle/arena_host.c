// SPDX-License-Identifier: BSD-2-Clause
// On the host (tool, tests, fuzzer) mbedtls allocates from the C library: nothing to set up.

#include "internal.h"

void bundle_crypto_enter(void)
{
}

void bundle_crypto_leave(void)
{
}
