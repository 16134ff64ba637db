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
/* CPU holding the lock, so a fault inside printk can still report itself instead of deadlocking. */
static volatile int console_holder = -1;

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
	int me = (int)this_cpu()->id;
	bool reentered = console_holder == me;

	if (!console_port)
		return;
	if (!reentered) {
		spin_lock(&console_lock);
		console_holder = me;
	}
	uart_write(console_port, s, len);
	if (!reentered) {
		console_holder = -1;
		spin_unlock(&console_lock);
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
