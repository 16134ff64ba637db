/* SPDX-License-Identifier: BSD-2-Clause */
/* 16550-compatible UART on an I/O port base, polled: the hypervisor's console. */
#ifndef BULKHEAD_UART_H
#define BULKHEAD_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UART_COM1 0x3f8

bool uart_init(uint16_t base);
void uart_write(uint16_t base, const char *s, size_t len);

#endif
