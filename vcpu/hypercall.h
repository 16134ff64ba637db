/* SPDX-License-Identifier: BSD-2-Clause */
/* The hypercall ABI (docs/hypercalls.md): shared by Bulkhead and the guests it runs. */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

#include <stdint.h>

/* VMMCALL (AMD) or VMCALL (Intel): RAX = number, RDI, RSI, RDX = arguments, RAX = result. */
enum hc_number {
	HC_CONSOLE_WRITE = 0,  /* RDI = gpa of bytes, RSI = length: bytes written */
	HC_PARTITION_INFO = 1, /* RDI = gpa of a struct hc_partition_info: 0 */
	HC_EXIT_COUNT = 2,     /* RDI = enum hc_exit_reason: exits of this partition so far */
	HC_TEST_EXIT = 3,      /* RDI = status: the partition stops; does not return */
	HC_TSC_KHZ = 4,	       /* the TSC frequency in kHz, for guest-time measurements */
	HC_EXITS_PRINT = 5,    /* Bulkhead prints this partition's exit counters: 0 */
	HC_CHANNEL_INFO = 6,   /* RDI = channel number, RSI = gpa of a struct hc_channel_info: 0 */
	HC_DOORBELL = 7,       /* RDI = channel number (writer only): readers rung */
	HC_WATCHDOG_KICK = 8,  /* the partition is alive: its watchdog period starts again */
	HC_HEALTH = 9, /* RDI = partition index, RSI = gpa of a struct hc_health (monitor) */
	HC_COUNT
};

/* Results are signed: negative is an error. */
#define HC_OK	       0
#define HC_E_NOSYS     (-38) /* unknown hypercall number */
#define HC_E_FAULT     (-14) /* a buffer is not inside the partition's memory */
#define HC_E_INVAL     (-22) /* an argument is out of range */
#define HC_E_PERM      (-1)  /* not from ring 0, or the description does not give this right */
#define HC_E_AGAIN     (-11) /* rate limit: nothing done, try again later */
#define HC_CONSOLE_MAX 256   /* bytes one console write takes at most */

/* The per-reason exit counters a guest can read, in the order Bulkhead prints them. */
enum hc_exit_reason {
	HC_EXIT_CPUID,
	HC_EXIT_MSR,
	HC_EXIT_IO,
	HC_EXIT_NPF,
	HC_EXIT_HLT,
	HC_EXIT_HYPERCALL,
	HC_EXIT_SHUTDOWN,
	HC_EXIT_INTR,
	HC_EXIT_VIRT_INSN, /* an SVM/VMX instruction the partition may not use */
	HC_EXIT_OTHER,
	HC_EXIT_APIC,	/* an access to the trapped local APIC page */
	HC_EXIT_XSETBV, /* an emulated XSETBV (VMX; SVM lets the CPU run it) */
	HC_EXIT_REASONS
};

#define HC_INFO_MAGIC 0x64686b6c75624248ULL /* "BHbulkhd" */
#define HC_NAME_MAX   32

struct hc_partition_info {
	uint64_t magic;
	uint32_t abi_version; /* 1 */
	uint32_t index;	      /* the partition's place in the description */
	uint32_t ncpus;
	uint32_t vcpu; /* which of its CPUs asks */
	uint64_t memory_bytes;
	char name[HC_NAME_MAX];
};

#define HC_ABI_VERSION 1

/* A channel as the calling partition sees it (docs/channels.md). */
#define HC_CHAN_WRITER	 (1U << 0) /* the caller writes it (else it only reads) */
#define HC_CHAN_DOORBELL (1U << 1) /* the channel has a doorbell vector */

struct hc_channel_info {
	char name[HC_NAME_MAX];
	uint64_t gpa, size;
	uint32_t flags;	  /* HC_CHAN_* */
	uint32_t vector;  /* doorbell vector, 0 without */
	uint32_t readers; /* how many partitions read it */
	uint32_t reserved;
};

_Static_assert(sizeof(struct hc_channel_info) == 64, "hypercall ABI: channel info size");
_Static_assert(__builtin_offsetof(struct hc_channel_info, gpa) == 32, "ABI: channel gpa offset");
_Static_assert(__builtin_offsetof(struct hc_channel_info, flags) == 48, "ABI: flags offset");

/* A partition's health (HC_HEALTH), as a partition with the monitor right reads it. */
enum hc_part_state { HC_STATE_RUNNING, HC_STATE_RESTARTING, HC_STATE_STOPPED };
#define HC_HEALTH_EXITS 16 /* room for every enum hc_exit_reason, now and later */
#define HC_FAULT_TEXT	64

struct hc_health {
	char name[HC_NAME_MAX];
	uint32_t state;		/* enum hc_part_state */
	uint32_t restarts;	/* restarts so far */
	uint32_t restart_limit; /* 0 unless on-fault is "restart" */
	uint32_t watchdog_ms;	/* 0: no watchdog */
	uint32_t faults;	/* faults so far, missed watchdog periods included */
	uint32_t reserved;
	uint64_t watchdog_left_us;	 /* until the next kick is due; UINT64_MAX without */
	char last_fault[HC_FAULT_TEXT];	 /* the last fault's reason, "" before the first */
	uint64_t exits[HC_HEALTH_EXITS]; /* by enum hc_exit_reason; the rest 0 */
};

_Static_assert(HC_EXIT_REASONS <= HC_HEALTH_EXITS, "hc_health.exits holds every reason");
_Static_assert(sizeof(struct hc_health) == 256, "hypercall ABI: health size");
_Static_assert(__builtin_offsetof(struct hc_health, state) == 32, "ABI: health state offset");
_Static_assert(__builtin_offsetof(struct hc_health, watchdog_left_us) == 56, "ABI: left offset");
_Static_assert(__builtin_offsetof(struct hc_health, last_fault) == 64, "ABI: fault offset");
_Static_assert(__builtin_offsetof(struct hc_health, exits) == 128, "ABI: exits offset");

_Static_assert(sizeof(struct hc_partition_info) == 64, "hypercall ABI: partition info size");
_Static_assert(__builtin_offsetof(struct hc_partition_info, name) == 32, "ABI: name offset");

#endif
