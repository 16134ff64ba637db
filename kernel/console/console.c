// SPDX-License-Identifier: BSD-2-Clause
// printk(): formats a record and writes it whole, so lines from different CPUs never interleave.

#include <stdio.h>
#include <string.h>

#include "percpu.h"
#include "printk.h"
#include "spinlock.h"
#include "uart.h"

static uint16_t console_port;
static enum log_level console_level = LOG_INFO;
static struct spinlock console_lock = SPINLOCK_INIT;
/* Per CPU: inside console_emit. A fault or NMI that prints from there must not wait for the
 * lock its own CPU holds (or has queued for: the ticket is taken before anything can be noted). */
static volatile bool emitting[MAX_CPUS];

void console_init(unsigned int port)
{
	console_port = uart_init((uint16_t)port) ? (uint16_t)port : 0;
}

void console_set_level(enum log_level level)
{
	console_level = level;
}

static void console_emit(const char *s, size_t len)
{
	unsigned int me = this_cpu()->id;
	bool reentered = emitting[me];

	if (!console_port)
		return;
	if (!reentered) {
		emitting[me] = true;
		/* Only this CPU reads its flag (from an NMI or a fault): a compiler barrier suffices. */
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		spin_lock(&console_lock);
	}
	uart_write(console_port, s, len);
	if (!reentered) {
		spin_unlock(&console_lock);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		emitting[me] = false;
	}
}

void vprintk(enum log_level level, const char *fmt, va_list ap)
{
	char msg[LOG_MSG_MAX];
	char line[LOG_LINE_MAX];
	size_t len;

	if (level > console_level)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	len = log_format(line, sizeof(line), this_cpu()->id, level, msg);
	console_emit(line, len);
}

void printk(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}
