// SPDX-License-Identifier: BSD-2-Clause
// VMCB02's control area (APM Vol. 2, Appendix B): L0's intercepts always, L1's allow-listed.

#include <string.h>

#include "vmcb02_control.h"

void vmcb02_control_build(struct vmcb_control *c, const struct vmcb_control *c01,
			  const struct vmcb_control *c12, const struct vmcb02_l0 *l0)
{
	memset(c, 0, sizeof(*c));
	c->intercept_cr = c01->intercept_cr | c12->intercept_cr;
	c->intercept_dr = c01->intercept_dr | c12->intercept_dr;
	c->intercept_exceptions = c01->intercept_exceptions | c12->intercept_exceptions;
	c->intercept_misc1 = c01->intercept_misc1 | c12->intercept_misc1;
	c->intercept_misc2 = c01->intercept_misc2 | c12->intercept_misc2;
	c->iopm_base_pa = l0->iopm_pa;
	c->msrpm_base_pa = l0->msrpm_pa;
	c->tsc_offset = c01->tsc_offset + c12->tsc_offset;
	c->asid = l0->asid;
	c->tlb_control = TLB_CONTROL_FLUSH_ALL; /* L1's ASIDs all share L0's one */
	c->int_ctl = c12->int_ctl & VMCB02_INT_CTL_ALLOWED;
	c->int_shadow = c12->int_shadow & INT_SHADOW;
	c->event_inj = c12->event_inj; /* checked by vmcb12_event_valid() */
	c->np_control = NP_ENABLE;
	c->ncr3 = l0->ncr3;
}
