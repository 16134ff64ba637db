// SPDX-License-Identifier: BSD-2-Clause
// Exceptions in the hypervisor itself: say what happened and where, then stop this CPU cleanly.

#include <stdarg.h>
#include <stdio.h>

#include "ksyms.h"
#include "percpu.h"
#include "printk.h"
#include "traps.h"
#include "x86.h"

#define STACK_TRACE_MAX_FRAMES 16

static const char *const exception_names[VEC_EXCEPTIONS] = {
    [VEC_DE] = "#DE", [VEC_DB] = "#DB", [VEC_NMI] = "NMI", [VEC_BP] = "#BP", [VEC_OF] = "#OF",
    [VEC_BR] = "#BR", [VEC_UD] = "#UD", [VEC_NM] = "#NM",  [VEC_DF] = "#DF", [VEC_TS] = "#TS",
    [VEC_NP] = "#NP", [VEC_SS] = "#SS", [VEC_GP] = "#GP",  [VEC_PF] = "#PF", [VEC_MF] = "#MF",
    [VEC_AC] = "#AC", [VEC_MC] = "#MC", [VEC_XM] = "#XM",  [VEC_VE] = "#VE", [VEC_CP] = "#CP",
    [VEC_HV] = "#HV", [VEC_VC] = "#VC", [VEC_SX] = "#SX",
};

/* cpu_wait_nmi(): the check of *flag and the HLT are one region the NMI handler knows, so a kick
 * that lands anywhere between them resumes past the HLT instead of sleeping on it. */
asm(".pushsection .text\n"
    ".globl cpu_wait_nmi, cpu_wait_hlt\n"
    "cpu_wait_nmi: cmpl $0, (%rdi)\n"
    "jne 1f\n"
    "cpu_wait_hlt: hlt\n"
    "1: ret\n"
    ".popsection");

_Noreturn void cpu_park(void)
{
	pr_err("CPU halted");
	for (;;)
		asm volatile("cli; hlt" ::: "memory");
}

/* Only follow frame pointers that stay inside this CPU's own stack, so a corrupt chain ends the
 * trace instead of faulting inside the fault handler. */
static bool on_stack(const struct percpu *cpu, uint64_t addr)
{
	uint64_t top = cpu->stack_top;

	return top && addr >= top - CPU_STACK_SIZE && addr + 16 <= top && (addr & 7) == 0;
}

extern const struct ksym __ksyms_start[], __ksyms_end[];
extern const char __text_end[];

static const struct ksym *ksym_find(uint64_t addr)
{
	if (addr >= (uint64_t)__text_end)
		return NULL;
	return ksym_lookup(__ksyms_start, (size_t)(__ksyms_end - __ksyms_start), addr);
}

static void print_frame(unsigned int n, uint64_t addr)
{
	const struct ksym *sym = ksym_find(addr);

	if (sym)
		pr_err("  #%u 0x%016lx %s+0x%lx", n, addr, sym->name, addr - sym->addr);
	else
		pr_err("  #%u 0x%016lx", n, addr);
}

void print_stack_trace(uint64_t rip, uint64_t rbp)
{
	const struct percpu *cpu = this_cpu();
	unsigned int n = 0;

	pr_err("stack trace:");
	print_frame(n++, rip);
	while (n < STACK_TRACE_MAX_FRAMES && on_stack(cpu, rbp)) {
		const uint64_t *frame = (const uint64_t *)rbp;

		if (frame[1] == 0)
			break;
		print_frame(n++, frame[1]);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}

static void dump_registers(const struct trap_frame *f)
{
	pr_err("RIP=0x%016lx CS=0x%04lx RFLAGS=0x%016lx\nRSP=0x%016lx SS=0x%04lx", f->rip, f->cs,
	       f->rflags, f->rsp, f->ss);
	pr_err("RAX=0x%016lx RBX=0x%016lx RCX=0x%016lx\nRDX=0x%016lx RSI=0x%016lx RDI=0x%016lx",
	       f->rax, f->rbx, f->rcx, f->rdx, f->rsi, f->rdi);
	pr_err("RBP=0x%016lx R8 =0x%016lx R9 =0x%016lx\nR10=0x%016lx R11=0x%016lx R12=0x%016lx",
	       f->rbp, f->r8, f->r9, f->r10, f->r11, f->r12);
	pr_err("R13=0x%016lx R14=0x%016lx R15=0x%016lx", f->r13, f->r14, f->r15);
	pr_err("CR0=0x%016lx CR2=0x%016lx\nCR3=0x%016lx CR4=0x%016lx", read_cr0(), read_cr2(),
	       read_cr3(), read_cr4());
}

static _Noreturn void fatal_exception(const struct trap_frame *f)
{
	const char *name = f->vector < VEC_EXCEPTIONS && exception_names[f->vector]
			       ? exception_names[f->vector]
			       : "interrupt";

	pr_err("exception %s (vector %lu), error code 0x%lx", name, f->vector, f->error_code);
	dump_registers(f);
	print_stack_trace(f->rip, f->rbp);
	cpu_park();
}

void trap_handle(struct trap_frame *f)
{
	struct percpu *cpu = this_cpu();

	/* A fault while reporting a fault: print nothing more that could fault again. */
	if (cpu->trap_depth++ > 0 && f->vector != VEC_NMI) {
		for (;;)
			asm volatile("cli; hlt" ::: "memory");
	}
	if (f->vector == VEC_NMI) {
		/* Bulkhead's own kick (vcpu_request): whoever waits re-checks its requests. An NMI
		 * landing between the check and the HLT must not leave the CPU asleep: skip them.
		 * Nothing is printed: the interrupted code may hold the console lock. */
		if (f->rip >= (uint64_t)cpu_wait_nmi && f->rip <= (uint64_t)cpu_wait_hlt)
			f->rip = (uint64_t)cpu_wait_hlt + 1;
		cpu->trap_depth--;
		return;
	}
	fatal_exception(f);
}

_Noreturn void panic(const char *fmt, ...)
{
	char msg[LOG_MSG_MAX];
	va_list ap;

	irq_disable();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("panic: %s", msg);
	/* Start at the caller: panic's own frame says nothing. */
	print_stack_trace((uint64_t)__builtin_return_address(0), *(const uint64_t *)read_rbp());
	cpu_park();
}
