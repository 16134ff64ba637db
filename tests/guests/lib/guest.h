/* SPDX-License-Identifier: BSD-2-Clause */
/* The test guests' tiny library: hypercalls, console output, the end of a test. */
#ifndef GUEST_H
#define GUEST_H

#include <stddef.h>
#include <stdint.h>

#include "hypercall.h"

int64_t hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);

void guest_puts(const char *s);			 /* through HC_CONSOLE_WRITE */
void guest_put_uint(uint64_t v);		 /* decimal */
void guest_uart_puts(const char *s);		 /* through the virtual UART's ports */
_Noreturn void guest_test_exit(uint64_t status); /* HC_TEST_EXIT */

#endif
