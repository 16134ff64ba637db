// SPDX-License-Identifier: BSD-2-Clause
// The virtual console's 16550A: enough of the chip for the probes and the interrupt-driven
// output of a stock driver (Linux's 8250: scratch, IER and loopback tests, FIFO detection,
// the THRE re-assertion test), with the THR always empty because output is immediate.

#include "vuart.h"

/* Registers (DLAB = LCR bit 7 selects the divisor latch at 0 and 1). */
#define R_RBR_THR 0
#define R_IER	  1
#define R_IIR_FCR 2
#define R_LCR	  3
#define R_MCR	  4
#define R_LSR	  5
#define R_MSR	  6
#define R_SCR	  7

#define IER_RDI	    0x01 /* received data available */
#define IER_THRI    0x02 /* transmitter holding register empty */
#define IER_MASK    0x0f /* a 16550 has four enables; the rest read 0 */
#define IIR_NO_INT  0x01
#define IIR_THRI    0x02
#define IIR_RDI	    0x04
#define IIR_FIFO    0xc0 /* both bits: FIFOs enabled (16550A) */
#define FCR_ENABLE  0x01
#define FCR_KEPT    0xc9 /* enable, DMA mode, trigger level */
#define LCR_DLAB    0x80
#define MCR_DTR	    0x01
#define MCR_RTS	    0x02
#define MCR_OUT1    0x04
#define MCR_OUT2    0x08 /* gates the interrupt line on a PC */
#define MCR_LOOP    0x10
#define MCR_MASK    0x1f
#define LSR_DR	    0x01
#define LSR_THRE    0x20
#define LSR_TEMT    0x40
#define MSR_CTS	    0x10
#define MSR_DSR	    0x20
#define MSR_RI	    0x40
#define MSR_DCD	    0x80
#define MSR_LINE_OK (MSR_DCD | MSR_DSR | MSR_CTS) /* a terminal that is always there */

void vuart_reset(struct vuart *u)
{
	uint8_t dll = u->dll, dlm = u->dlm;

	*u = (struct vuart){.dll = dll, .dlm = dlm};
}

static uint8_t iir(const struct vuart *u)
{
	uint8_t fifo = u->fcr & FCR_ENABLE ? IIR_FIFO : 0;

	if ((u->ier & IER_RDI) && u->rx_ready)
		return fifo | IIR_RDI;
	if ((u->ier & IER_THRI) && u->thre_pending)
		return fifo | IIR_THRI;
	return fifo | IIR_NO_INT;
}

/* The line follows the interrupt identification, through OUT2 (and never in loopback, where
 * the chip disconnects its outputs). True on a rising edge. */
static bool update_irq(struct vuart *u)
{
	bool was = u->irq;

	u->irq = (u->mcr & MCR_OUT2) && !(u->mcr & MCR_LOOP) && !(iir(u) & IIR_NO_INT);
	return u->irq && !was;
}

/* In loopback the modem inputs are wired to the modem outputs (data sheet, MCR bit 4). */
static uint8_t msr(const struct vuart *u)
{
	if (!(u->mcr & MCR_LOOP))
		return MSR_LINE_OK;
	return (u->mcr & MCR_RTS ? MSR_CTS : 0) | (u->mcr & MCR_DTR ? MSR_DSR : 0) |
	       (u->mcr & MCR_OUT1 ? MSR_RI : 0) | (u->mcr & MCR_OUT2 ? MSR_DCD : 0);
}

bool vuart_read(struct vuart *u, unsigned int reg, uint8_t *val)
{
	bool dlab = u->lcr & LCR_DLAB;

	switch (reg) {
	case R_RBR_THR:
		*val = dlab ? u->dll : u->rbr;
		if (!dlab)
			u->rx_ready = false;
		break;
	case R_IER:
		*val = dlab ? u->dlm : u->ier;
		break;
	case R_IIR_FCR:
		*val = iir(u);
		/* Reading IIR when it names THRE clears that interrupt (data sheet, table 4). */
		if ((*val & ~IIR_FIFO) == IIR_THRI)
			u->thre_pending = false;
		break;
	case R_LCR:
		*val = u->lcr;
		break;
	case R_MCR:
		*val = u->mcr;
		break;
	case R_LSR:
		*val = LSR_THRE | LSR_TEMT | (u->rx_ready ? LSR_DR : 0);
		break;
	case R_MSR:
		*val = msr(u);
		break;
	default:
		*val = u->scr;
		break;
	}
	return update_irq(u);
}

bool vuart_write(struct vuart *u, unsigned int reg, uint8_t val, vuart_tx_fn tx, void *ctx)
{
	bool dlab = u->lcr & LCR_DLAB;

	switch (reg) {
	case R_RBR_THR:
		if (dlab) {
			u->dll = val;
			break;
		}
		if (u->mcr & MCR_LOOP) {
			u->rbr = val;
			u->rx_ready = true;
		} else {
			tx(ctx, (char)val);
		}
		/* Sent at once: the holding register is empty again, which interrupts anew. */
		u->thre_pending = true;
		break;
	case R_IER:
		if (dlab) {
			u->dlm = val;
			break;
		}
		u->ier = val & IER_MASK;
		/* Enabling THRI with the holding register empty asserts the interrupt, every
		 * time (drivers test exactly this). */
		if (u->ier & IER_THRI)
			u->thre_pending = true;
		break;
	case R_IIR_FCR:
		u->fcr = val & FCR_KEPT;
		break;
	case R_LCR:
		u->lcr = val;
		break;
	case R_MCR:
		u->mcr = val & MCR_MASK;
		break;
	case R_LSR:
	case R_MSR:
		break; /* read-only here (factory test registers on the real chip) */
	default:
		u->scr = val;
		break;
	}
	return update_irq(u);
}
