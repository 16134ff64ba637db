// SPDX-License-Identifier: BSD-2-Clause
// A vCPU's life on its own physical CPU: requests from other CPUs, wait-for-SIPI, park, reset.

#include "iommu.h"
#include "lapic.h"
#include "nested.h"
#include "partition.h"
#include "percpu.h"
#include "printk.h"
#include "traps.h"
#include "vioapic.h"
#include "vlapic.h"
#include "vcpu.h"

#define SIPI_VECTOR_SHIFT 8 /* CS selector = vector << 8, base = vector << 12 (SDM 9.4.4) */

void vcpu_request(struct vcpu *v, uint32_t req)
{
	__atomic_fetch_or(&v->requests, req, __ATOMIC_SEQ_CST);
	if (v->cpu != this_cpu() && !lapic_send_nmi(v->cpu->apic_id))
		pr_err("partition %s: CPU %u did not take its kick", v->part->cfg->name,
		       v->cpu->id);
}

static void start_at_sipi(struct vcpu *v)
{
	struct vcpu_boot b = {.mode = VCPU_MODE_REAL,
			      .cs_sel = (uint16_t)(v->sipi_vector << SIPI_VECTOR_SHIFT)};

	vcpu_ops->set_boot(v, &b);
	v->state = VCPU_RUNNING;
}

/* Waits, sleeping between kicks, until another CPU posts a request. */
static void wait_for_request(struct vcpu *v)
{
	while (!__atomic_load_n(&v->requests, __ATOMIC_ACQUIRE))
		cpu_wait_nmi(&v->requests);
}

/* A parked vCPU runs nothing until its partition is reloaded (VCPU_REQ_RESET). */
static void park(struct vcpu *v)
{
	v->state = VCPU_PARKED;
	__atomic_store_n(&v->parked, true, __ATOMIC_RELEASE);
}

static void reset(struct vcpu *v)
{
	__atomic_store_n(&v->parked, false, __ATOMIC_RELEASE);
	nested_reset(v);
	vlapic_reset(v, false);
	vcpu_xcr0_reset();
	vcpu_core_msrs_reset();
	vcpu_msr_reset(v);
	if (v->index == 0) {
		vioapic_reset(v->part);
		vcpu_ops->set_boot(v, &v->part->boot);
		v->state = VCPU_RUNNING;
	} else {
		v->state = VCPU_WAIT_SIPI;
	}
}

/* Requests in the order that keeps them meaningful: a park first, then a reset ends it, INIT
 * before SIPI (INIT-SIPI back to back), NMI only to a running vCPU. INIT to vCPU 0 also means
 * wait-for-SIPI: a partition has no firmware at the reset vector to restart a BSP. */
static void take_requests(struct vcpu *v)
{
	uint32_t req = __atomic_exchange_n(&v->requests, 0, __ATOMIC_ACQ_REL);
	struct vcpu_event nmi = {.type = VCPU_EVENT_NMI, .vector = VEC_NMI};

	if (req & VCPU_REQ_PARK)
		park(v);
	if (v->state == VCPU_PARKED) {
		/* The restarting CPU posts park and reset to itself at once; a stop that came
		 * after a reset leaves the partition not running. INIT and SIPI that came with
		 * the reset are the reloaded partition's own (restart cleared older ones). */
		if (!(req & VCPU_REQ_RESET) ||
		    __atomic_load_n(&v->part->state, __ATOMIC_ACQUIRE) != PART_RUNNING)
			return;
		reset(v);
	}
	if (req & VCPU_REQ_INIT) {
		nested_reset(v);
		vlapic_reset(v, true);
		v->state = VCPU_WAIT_SIPI;
	}
	if ((req & VCPU_REQ_SIPI) && v->state == VCPU_WAIT_SIPI)
		start_at_sipi(v);
	if ((req & VCPU_REQ_NMI) && v->state == VCPU_RUNNING)
		vcpu_ops->inject(v, &nmi);
}

void vcpu_run_loop(struct vcpu *v)
{
	struct vcpu_exit e;

	vcpu_ops->cpu_enable();
	/* The core's LAPIC as after INIT and its XCR0 as after reset, not as firmware and
	 * Bulkhead's boot left them. */
	vlapic_reset(v, false);
	vcpu_xcr0_reset();
	vcpu_core_msrs_reset();
	vcpu_msr_reset(v);
	if (v->index == 0) {
		vioapic_reset(v->part);
		/* Its period starts when it first runs, not when Bulkhead loaded it: loading the
		 * partitions after it may take longer than the period. */
		part_watchdog_arm(v->part);
	}
	for (;;) {
		take_requests(v);
		if (v->state != VCPU_RUNNING) {
			wait_for_request(v);
			continue;
		}
		vcpu_ops->run(v, &e);
		vcpu_handle_exit(v, &e);
		part_watchdog_check(v);
		iommu_poll_check();
	}
}
