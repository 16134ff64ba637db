/* SPDX-License-Identifier: BSD-2-Clause */
/* Console logging with levels; every line carries the CPU that printed it. */
#ifndef BULKHEAD_PRINTK_H
#define BULKHEAD_PRINTK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum log_level {
	LOG_ERR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG,
};

/* Longest message one printk() call prints; longer ones are cut and marked with "...". */
#define LOG_MSG_MAX 512
/* A formatted record: the message plus one "[cpuNN] level: " prefix per line. */
#define LOG_LINE_MAX 1024

void printk(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vprintk(enum log_level level, const char *fmt, va_list ap);

#define pr_err(...)   printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)  printk(LOG_WARN, __VA_ARGS__)
#define pr_info(...)  printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) printk(LOG_DEBUG, __VA_ARGS__)

void console_init(unsigned int port);
void console_set_level(enum log_level level);

/* Pure formatting, shared with the host unit tests (kernel/console/format.c). */
const char *log_level_name(enum log_level level);
bool log_level_parse(const char *name, enum log_level *level);
size_t log_format(char *out, size_t size, unsigned int cpu, enum log_level level, const char *msg);

#endif
