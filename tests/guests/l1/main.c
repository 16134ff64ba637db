// SPDX-License-Identifier: BSD-2-Clause
// The L1 test hypervisor's runner: each test reports "l1: <name> ok" or a FAIL line with file and
// line; a failed test ends alone (the run goes on), and the run ends with a test-exit status.

#include "l1.h"
#include "platform.h"
#include "trap.h"

#define MB2_LOADER_MAGIC  0x36d76289U
#define EXCEPTION_VECTORS 32

struct l1_test {
	const char *name;
	void (*fn)(void);
	unsigned int needs;
};

/* In the order they run: SVM itself first, then L2 without nested paging, then with it. */
static const struct l1_test tests[] = {
    {"svm-cpuid", test_svm_cpuid, 0},
    {"svm-enable", test_svm_enable, 0},
    {"l2-run", test_l2_run, NEED_SVM},
    {"cpuid-intercepted", test_cpuid_intercepted, NEED_SVM},
    {"cpuid-passthrough", test_cpuid_passthrough, NEED_SVM},
    {"hlt-intercepted", test_hlt_intercepted, NEED_SVM},
    {"io-out-intercepted", test_io_out_intercepted, NEED_SVM},
    {"io-in-intercepted", test_io_in_intercepted, NEED_SVM},
    {"io-open", test_io_open, NEED_SVM},
    {"msr-read-intercepted", test_msr_read_intercepted, NEED_SVM},
    {"msr-write-intercepted", test_msr_write_intercepted, NEED_SVM},
    {"msr-ranges", test_msr_ranges, NEED_SVM},
    {"msr-open", test_msr_open, NEED_SVM},
    {"pf-intercepted", test_pf_intercepted, NEED_SVM},
    {"pf-l2-handler", test_pf_l2_handler, NEED_SVM},
    {"inject-ud", test_inject_ud, NEED_SVM},
    {"inject-gp", test_inject_gp, NEED_SVM},
    {"inject-intr", test_inject_intr, NEED_SVM},
    {"inject-nmi", test_inject_nmi, NEED_SVM},
    {"vmload-vmsave", test_vmload_vmsave, NEED_SVM},
    {"vmload-vmsave-l2", test_vmload_vmsave_l2, NEED_SVM},
    {"gif", test_gif, NEED_SVM},
    {"clgi-intercepted", test_clgi_intercepted, NEED_SVM},
    {"vgif", test_vgif, NEED_SVM | NEED_VGIF},
    {"intr-exit-vintr-masking", test_intr_exit_vintr_masking, NEED_SVM},
    {"intr-masked-by-l2", test_intr_masked_by_l2, NEED_SVM},
    {"virtual-intr", test_virtual_intr, NEED_SVM},
    {"nmi-exit", test_nmi_exit, NEED_SVM},
    {"npt-run", test_npt_run, NEED_SVM | NEED_NPT},
    {"npf-not-present", test_npf_not_present, NEED_SVM | NEED_NPT},
    {"npf-write-ro", test_npf_write_ro, NEED_SVM | NEED_NPT},
    {"npf-walk", test_npf_walk, NEED_SVM | NEED_NPT},
    {"npf-reserved", test_npf_reserved, NEED_SVM | NEED_NPT},
    {"pf-intercepted-npt", test_pf_intercepted_npt, NEED_SVM | NEED_NPT},
};

static void *recover[5]; /* __builtin_setjmp buffer of the running test */
static const char *current;
static unsigned int passed, failed;
bool l1_svm_ready;

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
	guest_printf("l1: %s FAIL: %s:%d: %s\n", current, file, line, what);
	end_test();
}

_Noreturn void l1_fail_eq(const char *file, int line, const char *what, uint64_t a, uint64_t b)
{
	guest_printf("l1: %s FAIL: %s:%d: %s (0x%lx != 0x%lx)\n", current, file, line, what,
		     (unsigned long)a, (unsigned long)b);
	end_test();
}

void l1_note(const char *what)
{
	guest_printf("l1: %s: note: %s\n", current, what);
}

/* An exception: in L2 it goes back to L1 as a VMMCALL (L2_TRAP); in L1 it fails the test. */
static void l1_trap(struct trap_frame *f)
{
	if (l1_in_l2) {
		asm volatile("vmmcall"
			     :
			     : "a"(L2_TRAP), "b"(f->vector), "c"(f->rip), "d"(f->error));
		for (;;)
			asm volatile("hlt");
	}
	guest_printf("l1: %s FAIL: unexpected trap in L1: vector %lu, error 0x%lx, rip 0x%lx\n",
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
	if ((needs & NEED_SVM) && !l1_svm_ready)
		return "SVM enabled (svm-enable)";
	if ((needs & NEED_NPT) && !(svm_features & SVM_FEAT_NP))
		return "nested paging (CPUID 0x8000000A EDX.NP)";
	if ((needs & NEED_VGIF) && !(svm_features & SVM_FEAT_VGIF))
		return "vGIF (CPUID 0x8000000A EDX.VGIF)";
	return NULL;
}

/* After a failure: GIF set, nothing pending, interrupts off. */
static void cleanup_after_failure(void)
{
	l1_in_l2 = false;
	irq_disable();
	if (l1_svm_ready) {
		svm_stgi();
		l1_drain_interrupts();
	}
}

void l1_run_test(const char *name, void (*fn)(void), unsigned int needs)
{
	const char *missing = missing_need(needs);

	current = name;
	l1_install_traps();
	if (missing) {
		guest_printf("l1: %s FAIL: needs %s\n", name, missing);
		failed++;
	} else if (__builtin_setjmp(recover) == 0) {
		fn();
		guest_printf("l1: %s ok\n", name);
		passed++;
	} else {
		cleanup_after_failure();
		failed++;
	}
	current = NULL;
}

void guest_main(uint64_t magic, uint64_t info);
void guest_main(uint64_t magic, uint64_t info)
{
	(void)info;
	l1_platform_init();
	trap_init();
	l1_install_traps();
	guest_printf("l1: L1 test hypervisor (%s), multiboot2 magic 0x%lx\n", l1_platform_name,
		     (unsigned long)magic);
	if (magic != MB2_LOADER_MAGIC) {
		guest_printf("l1: FAIL: not started by a multiboot2 loader\n");
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		l1_run_test(tests[i].name, tests[i].fn, tests[i].needs);
	cc_run_all();
	/* Last: it relies on L1's watchdog interrupt should L0 sleep through L2's HLT. */
	l1_run_test("hlt-passthrough", test_hlt_passthrough, NEED_SVM);
	guest_printf("l1: done: %u ok, %u failed\n", passed, failed);
	guest_test_exit(failed ? GUEST_EXIT_FAIL : GUEST_EXIT_PASS);
}
