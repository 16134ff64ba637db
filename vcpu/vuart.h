/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's virtual console as a 16550A UART (PC16550D data sheet): the registers a driver
 * probes and programs, the transmitter-empty interrupt, loopback. Output goes to the console
 * at once, so the transmitter is always empty; there is no input yet. Pure: host-tested. */
#ifndef BULKHEAD_VUART_H
#define BULKHEAD_VUART_H

#include <stdbool.h>
#include <stdint.h>

#define VUART_REGS 8

struct vuart {
	uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
	uint8_t rbr;	   /* the byte received in loopback */
	bool rx_ready;	   /* LSR.DR */
	bool thre_pending; /* the THR-empty interrupt is asserted (until IIR read or THR write) */
	bool irq;	   /* the level of its interrupt line (gated by MCR.OUT2, as on a PC) */
};

/* Power-on state (MR): IER, IIR, FCR, LCR, MCR cleared, divisor unchanged. */
void vuart_reset(struct vuart *u);

/* A byte the driver transmits: @tx gets each one (not in loopback). */
typedef void (*vuart_tx_fn)(void *ctx, char c);

/* Register @reg (0-7) read or written. Returns true when the interrupt line went from low to
 * high with this access: the caller raises the UART's interrupt pin (an edge). */
bool vuart_read(struct vuart *u, unsigned int reg, uint8_t *val);
bool vuart_write(struct vuart *u, unsigned int reg, uint8_t val, vuart_tx_fn tx, void *ctx);

#endif
