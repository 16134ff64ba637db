// SPDX-License-Identifier: BSD-2-Clause
/* Runs the hypervisor's build of newlib, libfdt and mbedtls as a static Linux program. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <reent.h>

#include <libfdt.h>

#include "printk.h"
#include "selftest.h"

/*
 * Everything below is compiled with the kernel's freestanding flags and linked with -nostdlib:
 * the only OS interface is the two system calls here, standing in for the kernel's console and
 * panic().
 */

_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int deps_test_main(void);

static long sys_write(int fd, const void *buf, size_t len)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "a"(1L), "D"((long)fd), "S"(buf), "d"(len)
		     : "rcx", "r11", "memory");
	return ret;
}

static _Noreturn void sys_exit(int status)
{
	asm volatile("syscall" : : "a"(60L), "D"((long)status) : "rcx", "r11", "memory");
	__builtin_unreachable();
}

asm(".text\n"
    ".globl _start\n"
    "_start:\n"
    "	xorl %ebp, %ebp\n"
    "	andq $-16, %rsp\n"
    "	call deps_test_main\n"
    "	movl %eax, %edi\n"
    "	movl $60, %eax\n"
    "	syscall\n");

static void out(const char *s)
{
	sys_write(1, s, strlen(s));
}

void vprintk(enum log_level level, const char *fmt, va_list ap)
{
	char line[LOG_MSG_MAX + 16];
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);

	if (n < 0)
		return;
	n = (size_t)n < sizeof(line) - 2 ? n : (int)sizeof(line) - 2;
	line[n] = '\n';
	out(level == LOG_ERR ? "  err: " : "  ");
	sys_write(1, line, (size_t)n + 1);
}

void printk(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	out("panic: ");
	va_start(ap, fmt);
	vprintk(LOG_ERR, fmt, ap);
	va_end(ap);
	sys_exit(2);
}

/* tests/deps/test.dts, compiled by dtc; .incbin keeps it out of the C source. */
extern const char test_dtb[], test_dtb_end[];
asm(".section .rodata\n"
    ".balign 8\n"
    "test_dtb:\n"
    ".incbin \"" DEPS_TEST_DTB "\"\n"
    "test_dtb_end:\n"
    ".previous\n");

static int checks_failed;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			pr_err("%s:%d: check failed: %s", __FILE__, __LINE__, #cond); \
			checks_failed++;                                              \
		}                                                                     \
	} while (0)

/* nano printf has no %ll, %z, %j, %t, %hh (see tests/static/check-printf-formats.sh) or %f. */
static void test_snprintf(void)
{
	char buf[64];
	int n;

	n = snprintf(buf, sizeof(buf), "%d %s %lx", -42, "abc", 0xdeadbeefcafeUL);
	CHECK(n == 20 && strcmp(buf, "-42 abc deadbeefcafe") == 0);
	n = snprintf(buf, sizeof(buf), "%lu|%08x|%-4s|%5d|%c|%%|%" PRIx64, ULONG_MAX, 0xbeefU, "ab",
		     -3, 'z', (uint64_t)1 << 63);
	CHECK(strcmp(buf, "18446744073709551615|0000beef|ab  |   -3|z|%|8000000000000000") == 0);
	CHECK(n == (int)strlen(buf));
	n = snprintf(buf, 5, "%s", "truncated");
	CHECK(n == 9 && strcmp(buf, "trun") == 0);
	n = sprintf(buf, "%hd %ld %#lx %p", (short)-2, LONG_MIN, 255UL, (void *)0x1000);
	CHECK(strcmp(buf, "-2 -9223372036854775808 0xff 0x1000") == 0 && n == (int)strlen(buf));
}

static void test_string_ctype(void)
{
	char buf[32] = "hello, world";
	const char *s = "key=value";

	CHECK(strlen(buf) == 12 && strnlen(buf, 4) == 4);
	CHECK(strcmp("abc", "abd") < 0 && strncmp("abcx", "abcy", 3) == 0);
	CHECK(strchr(s, '=') == s + 3 && strrchr("a/b/c", '/') != NULL &&
	      strstr(s, "val") == s + 4);
	memmove(buf + 1, buf, 6);
	CHECK(memcmp(buf, "hhello,world", 12) == 0);
	memset(buf, 'x', 3);
	CHECK(memcmp(buf, "xxxllo,", 7) == 0 && memchr(buf, 'l', 8) == buf + 3);
	CHECK(strlcpy(buf, "0123456789", 5) == 10 && strcmp(buf, "0123") == 0);
	CHECK(strcasecmp("BulkHead", "bulkhead") == 0 && strncasecmp("ABx", "aby", 2) == 0);
	CHECK(isdigit('7') && !isdigit('a') && isxdigit('F') && isspace('\t') && !isalpha('_'));
	CHECK(toupper('q') == 'Q' && tolower('Q') == 'q' && isalnum('z') && ispunct('!'));
}

static void test_strto(void)
{
	char *end;

	CHECK(strtoul("0x1f", &end, 0) == 31 && *end == '\0');
	CHECK(strtoul("  123abc", &end, 10) == 123 && *end == 'a');
	CHECK(strtoul("0755", NULL, 0) == 0755);
	CHECK(strtol("-17", NULL, 10) == -17 && strtoll("-9000000000", NULL, 10) == -9000000000LL);
	CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX);
	errno = 0;
	CHECK(strtoul("99999999999999999999999", &end, 10) == ULONG_MAX && errno == ERANGE);
	CHECK(atoi("  42") == 42);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void test_qsort_bsearch(void)
{
	int v[] = {42, -7, 19, 0, 1000, 3, 3, -7, 256, 11, 5, 8, 99, -1, 64, 2};
	size_t n = sizeof(v) / sizeof(v[0]);
	int key = 256;
	size_t i;

	qsort(v, n, sizeof(v[0]), cmp_int);
	for (i = 1; i < n; i++)
		CHECK(v[i - 1] <= v[i]);
	CHECK(v[0] == -7 && v[n - 1] == 1000);
	CHECK(bsearch(&key, v, n, sizeof(v[0]), cmp_int) == &v[n - 2]);
	key = 4;
	CHECK(bsearch(&key, v, n, sizeof(v[0]), cmp_int) == NULL);
}

static void test_malloc(void)
{
	unsigned char *p[16];
	unsigned char *q;
	volatile size_t huge;
	size_t i, j;

	for (i = 0; i < 16; i++) {
		p[i] = malloc(i * 37 + 1);
		CHECK(p[i] != NULL && ((uintptr_t)p[i] & 7) == 0);
		if (p[i])
			memset(p[i], (int)i, i * 37 + 1);
	}
	for (i = 0; i < 16; i += 2)
		free(p[i]);
	for (i = 1; i < 16; i += 2)
		for (j = 0; p[i] && j < i * 37 + 1; j++)
			if (p[i][j] != i) {
				CHECK(p[i][j] == i);
				break;
			}
	q = realloc(p[1], 4000);
	CHECK(q != NULL && q[0] == 1 && q[37] == 1);
	p[1] = q;
	for (i = 1; i < 16; i += 2)
		free(p[i]);

	q = calloc(100, 40);
	CHECK(q != NULL && q[0] == 0 && q[3999] == 0);
	free(q);
	/* Hidden from gcc, which would reject the overflowing call at compile time. */
	huge = SIZE_MAX / 2;
	errno = 0;
	CHECK(calloc(huge, 4) == NULL && errno == ENOMEM);
	q = memalign(4096, 100);
	CHECK(q != NULL && ((uintptr_t)q & 4095) == 0);
	free(q);
	/* The arena is a fixed 8 MiB. */
	errno = 0;
	CHECK(malloc(9 << 20) == NULL && errno == ENOMEM);
	q = malloc(1 << 20);
	CHECK(q != NULL);
	free(q);
}

static void test_fdt(void)
{
	const void *dtb = test_dtb;
	size_t size = (size_t)(test_dtb_end - test_dtb);
	const fdt32_t *reg;
	const char *compat;
	char *copy;
	int off, len;

	CHECK(fdt_check_header(dtb) == 0 && fdt_totalsize(dtb) == size);
	compat = fdt_getprop(dtb, 0, "compatible", &len);
	CHECK(compat && strcmp(compat, "bulkhead,deps-test") == 0);
	off = fdt_path_offset(dtb, "/cpus/cpu@1");
	CHECK(off >= 0);
	reg = fdt_getprop(dtb, off, "reg", &len);
	CHECK(reg && len == 4 && fdt32_to_cpu(*reg) == 1);
	off = fdt_node_offset_by_prop_value(dtb, -1, "device_type", "memory", sizeof("memory"));
	CHECK(off >= 0 && strcmp(fdt_get_name(dtb, off, NULL), "memory@100000") == 0);

	copy = malloc(size + 256);
	CHECK(copy && fdt_open_into(dtb, copy, (int)size + 256) == 0);
	if (copy) {
		CHECK(fdt_setprop_u32(copy, 0, "bulkhead,cpus", 2) == 0);
		CHECK(fdt_check_header(copy) == 0);
		memcpy(copy, dtb, size);
		copy[0] ^= 0xff;
		CHECK(fdt_check_header(copy) == -FDT_ERR_BADMAGIC);
		free(copy);
	}
}

static void test_crypto(void)
{
	/* mbedtls must allocate from its own arena, never through malloc(). */
	void *brk = _sbrk_r(_REENT, 0);

	CHECK(crypto_selftest() == 0);
	CHECK(_sbrk_r(_REENT, 0) == brk);
}

int deps_test_main(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
	    {"snprintf", test_snprintf}, {"string/ctype", test_string_ctype},
	    {"strto*", test_strto},	 {"qsort/bsearch", test_qsort_bsearch},
	    {"malloc", test_malloc},	 {"libfdt", test_fdt},
	    {"crypto", test_crypto},
	};
	int passed = 0, failed = 0;
	char line[80];
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int before = checks_failed;

		tests[i].fn();
		if (checks_failed == before)
			passed++;
		else
			failed++;
		snprintf(line, sizeof(line), "%s %s\n", checks_failed == before ? "ok  " : "FAIL",
			 tests[i].name);
		out(line);
	}
	snprintf(line, sizeof(line), "deps: %d passed, %d failed\n", passed, failed);
	out(line);
	return failed ? 1 : 0;
}
