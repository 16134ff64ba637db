/* SPDX-License-Identifier: BSD-2-Clause */
/* VMCB02's control area from vmcb01's and L0's copy of VMCB12: a pure function, shared by the
 * hypervisor and the host unit tests (nested-rules 3 and 4). */
#ifndef BULKHEAD_NESTED_VMCB02_CONTROL_H
#define BULKHEAD_NESTED_VMCB02_CONTROL_H

#include <stdint.h>

#include "svm/vmcb.h"

/* int_ctl bits copied (rule 3): virtual TPR and interrupt, priority, masking, vector. Never
 * V_GIF, vGIF enable or AVIC: they are not offered (CVE-2021-3653). */
#define VMCB02_INT_CTL_ALLOWED \
	(V_TPR_MASK | V_IRQ | V_INTR_PRIO_MASK | V_IGN_TPR | V_INTR_MASKING | V_INTR_VECTOR_MASK)

/* What L0 chooses for L2: merged maps, its ASID, the nested page table it runs on. */
struct vmcb02_l0 {
	uint64_t iopm_pa, msrpm_pa, ncr3;
	uint32_t asid;
};

/* Intercepts are vmcb01's united with VMCB12's, never fewer than L0's (rule 4); of the rest
 * of VMCB12's control area only what is emulated is copied. */
void vmcb02_control_build(struct vmcb_control *c02, const struct vmcb_control *c01,
			  const struct vmcb_control *c12, const struct vmcb02_l0 *l0);

#endif
