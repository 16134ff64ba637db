// SPDX-License-Identifier: BSD-2-Clause
// Hypercalls (VMMCALL on AMD, VMCALL on Intel, chosen by CPUID vendor), console, assertions.

#include "guest.h"

#define UART_BASE     0x3f8
#define UART_LSR      5
#define UART_LSR_THRE 0x20
#define CPUID_AMD_EBX 0x68747541 /* "Auth"enticAMD */
/* Used by guest_udelay when Bulkhead gives no TSC rate: a 1 GHz guess. */
#define GUESS_TSC_KHZ 1000000

enum { VENDOR_UNKNOWN, VENDOR_AMD, VENDOR_INTEL };

static int vendor;
uint64_t guest_boot_info; /* set by start.S */

static int cpu_vendor(void)
{
	uint32_t a = 0, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return b == CPUID_AMD_EBX ? VENDOR_AMD : VENDOR_INTEL;
}

int64_t (*guest_hcall_hook)(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);

int64_t hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	if (guest_hcall_hook)
		return guest_hcall_hook(nr, a0, a1, a2);
	if (vendor == VENDOR_UNKNOWN)
		vendor = cpu_vendor();
	if (vendor == VENDOR_AMD)
		asm volatile("vmmcall" : "+a"(nr) : "D"(a0), "S"(a1), "d"(a2) : "memory");
	else
		asm volatile("vmcall" : "+a"(nr) : "D"(a0), "S"(a1), "d"(a2) : "memory");
	return (int64_t)nr;
}

static size_t length(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void guest_puts(const char *s)
{
	hcall(HC_CONSOLE_WRITE, (uint64_t)s, length(s), 0);
}

void guest_put_uint(uint64_t v)
{
	guest_printf("%lu", (unsigned long)v);
}

void guest_uart_puts(const char *s)
{
	for (; *s; s++) {
		while (!(inb(UART_BASE + UART_LSR) & UART_LSR_THRE))
			;
		outb(UART_BASE, (uint8_t)*s);
	}
}

_Noreturn void guest_test_exit(uint64_t status)
{
	hcall(HC_TEST_EXIT, status, 0, 0);
	for (;;)
		asm volatile("cli; hlt");
}

_Noreturn void guest_assert_fail(const char *file, int line, const char *what)
{
	guest_printf("ASSERT %s:%d: %s\n", file, line, what);
	guest_test_exit(GUEST_EXIT_ASSERT);
}

_Noreturn void guest_assert_eq_fail(const char *file, int line, const char *what, uint64_t a,
				    uint64_t b)
{
	guest_printf("ASSERT %s:%d: %s (0x%lx != 0x%lx)\n", file, line, what, (unsigned long)a,
		     (unsigned long)b);
	guest_test_exit(GUEST_EXIT_ASSERT);
}

void guest_info(struct hc_partition_info *info)
{
	GUEST_ASSERT_EQ(hcall(HC_PARTITION_INFO, (uint64_t)info, 0, 0), HC_OK);
	GUEST_ASSERT_EQ(info->magic, HC_INFO_MAGIC);
}

uint64_t guest_tsc_khz(void)
{
	int64_t khz = hcall(HC_TSC_KHZ, 0, 0, 0);

	return khz > 0 ? (uint64_t)khz : 0;
}

void guest_udelay(uint64_t us)
{
	static uint64_t khz;
	uint64_t start = rdtsc();

	if (!khz)
		khz = guest_tsc_khz() ? guest_tsc_khz() : GUESS_TSC_KHZ;
	while (rdtsc() - start < us * khz / 1000)
		cpu_relax();
}

void guest_lock(guest_lock_t *l)
{
	while (__atomic_exchange_n(&l->held, 1, __ATOMIC_ACQUIRE))
		while (l->held)
			cpu_relax();
}

void guest_unlock(guest_lock_t *l)
{
	__atomic_store_n(&l->held, 0, __ATOMIC_RELEASE);
}
