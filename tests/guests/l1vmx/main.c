// SPDX-License-Identifier: BSD-2-Clause
// The L1 VMX test hypervisor's runner: each test reports "l1vmx: <name> ok" or a FAIL line with
// file and line; a failed test ends alone (the run goes on), and the run ends with a test-exit.

#include "l1vmx.h"
#include "platform.h"
#include "trap.h"

#define MB2_LOADER_MAGIC  0x36d76289U
#define EXCEPTION_VECTORS 32

static void *recover[5]; /* __builtin_setjmp buffer of the running test */
static const char *current;
static unsigned int passed, failed;
bool l1_vmx_ready;

/* GCC may call these for structure copies and clears even when freestanding. */
void *memset(void *d, int c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((volatile uint8_t *)d)[i] = (uint8_t)c;
	return d;
}
void *memcpy(void *d, const void *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((volatile uint8_t *)d)[i] = ((const uint8_t *)s)[i];
	return d;
}

_Noreturn static void end_test(void)
{
	__builtin_longjmp(recover, 1);
}

_Noreturn void l1_fail(const char *file, int line, const char *what)
{
	guest_printf("l1vmx: %s FAIL: %s:%d: %s\n", current, file, line, what);
	end_test();
}

_Noreturn void l1_fail_eq(const char *file, int line, const char *what, uint64_t a, uint64_t b)
{
	guest_printf("l1vmx: %s FAIL: %s:%d: %s (0x%lx != 0x%lx)\n", current, file, line, what,
		     (unsigned long)a, (unsigned long)b);
	end_test();
}

void l1_note(const char *what)
{
	guest_printf("l1vmx: %s: note: %s\n", current, what);
}

/* An exception: in L2 it goes back to L1 as a VMCALL (L2_TRAP); in L1 it fails the test. */
static void l1_trap(struct trap_frame *f)
{
	if (l1_in_l2) {
		asm volatile("vmcall" : : "a"(L2_TRAP), "b"(f->vector), "c"(f->rip), "d"(f->error));
		for (;;)
			asm volatile("hlt");
	}
	guest_printf("l1vmx: %s FAIL: unexpected trap in L1: vector %lu, error 0x%lx, rip 0x%lx\n",
		     current ? current : "(runner)", (unsigned long)f->vector,
		     (unsigned long)f->error, (unsigned long)f->rip);
	if (!current)
		guest_test_exit(GUEST_EXIT_TRAP);
	end_test();
}

void l1_install_traps(void)
{
	for (int v = 0; v < EXCEPTION_VECTORS; v++)
		trap_set_handler((uint8_t)v, l1_trap);
}

static const char *missing_need(unsigned int needs)
{
	const uint64_t ept = EPT_CAP_WB | EPT_CAP_2M | EPT_CAP_INVEPT;

	if ((needs & NEED_VMX) && !l1_vmx_ready)
		return "VMX operation (vmx-caps)";
	if ((needs & NEED_EPT) &&
	    (!(vmx_proc2_allowed & PROC2_EPT) || (vmx_ept_vpid_cap & ept) != ept))
		return "EPT with write-back, 2 MiB pages and INVEPT (IA32_VMX_EPT_VPID_CAP)";
	return NULL;
}

static void run_test(const struct l1_test *t)
{
	const char *missing = missing_need(t->needs);

	current = t->name;
	l1_install_traps();
	if (missing) {
		guest_printf("l1vmx: %s FAIL: needs %s\n", t->name, missing);
		failed++;
	} else if (__builtin_setjmp(recover) == 0) {
		t->fn();
		guest_printf("l1vmx: %s ok\n", t->name);
		passed++;
	} else {
		l1_in_l2 = false;
		irq_disable();
		failed++;
	}
	current = NULL;
}

void l1_run_tests(const struct l1_test *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		run_test(&t[i]);
}

void guest_main(uint64_t magic, uint64_t info);
void guest_main(uint64_t magic, uint64_t info)
{
	(void)info;
	l1_platform_init();
	trap_init();
	l1_install_traps();
	guest_printf("l1vmx: L1 VMX test hypervisor (%s), multiboot2 magic 0x%lx\n",
		     l1_platform_name, (unsigned long)magic);
	if (magic != MB2_LOADER_MAGIC) {
		guest_printf("l1vmx: FAIL: not started by a multiboot2 loader\n");
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	l1_suite();
	guest_printf("l1vmx: done: %u ok, %u failed\n", passed, failed);
	guest_test_exit(failed ? GUEST_EXIT_FAIL : GUEST_EXIT_PASS);
}
