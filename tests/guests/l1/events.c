// SPDX-License-Identifier: BSD-2-Clause
// L2 tests of events: injection through EVENTINJ (APM 15.20); CLGI/STGI intercepted, and vGIF
// (15.17, 15.33).

#include "l1.h"
#include "trap.h"

#define VEC_L2_INTR 0x41 /* injected into L2 as an external interrupt */
#define GP_ERROR    0x18 /* an error code for the injected #GP: a selector's */

volatile struct l2_event l2_event;

void l2_record(struct trap_frame *f)
{
	l2_event.seen++;
	l2_event.vector = f->vector;
	l2_event.error = f->error;
	l2_event.rip = f->rip;
}

/* L2 at l2_done with @event injected: its handler for @vector must run once, at l2_done. */
static void inject(uint64_t event, uint8_t vector)
{
	l2_event.seen = 0;
	l2_setup(l2_done);
	l2_vmcb.control.event_inj = event;
	trap_set_handler(vector, l2_record);
	l2_run();
	trap_set_handler(vector, NULL);
	l1_install_traps();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_event.seen, 1);
	CHECK_EQ(l2_event.vector, vector);
	CHECK_EQ(l2_event.rip, (uint64_t)l2_done);
	CHECK_EQ(l2_vmcb.control.exit_int_info & EVENTINJ_VALID, 0); /* nothing left undelivered */
}

void test_inject_ud(void)
{
	inject(EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPT | VEC_UD, VEC_UD);
}

void test_inject_gp(void)
{
	inject(EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPT | EVENTINJ_EV | VEC_GP |
		   ((uint64_t)GP_ERROR << EVENTINJ_ERR_SHIFT),
	       VEC_GP);
	CHECK_EQ(l2_event.error, GP_ERROR);
}

/* Delivered although L2 runs with RFLAGS.IF clear: injection does not look at it. */
void test_inject_intr(void)
{
	inject(EVENTINJ_VALID | EVENTINJ_TYPE_INTR | VEC_L2_INTR, VEC_L2_INTR);
}

void test_inject_nmi(void)
{
	inject(EVENTINJ_VALID | EVENTINJ_TYPE_NMI | VEC_NMI, VEC_NMI);
}

void test_clgi_intercepted(void)
{
	l2_setup(l2_clgi);
	CHECK_EQ(l2_run(), VMEXIT_CLGI);
	CHECK_EQ(l2_vmcb.save.rip, (uint64_t)l2_clgi);
}

/* APM 15.33: with vGIF, L2's CLGI and STGI change V_GIF without an exit. */
static void vgif_run(const char *body, uint32_t v_gif_before)
{
	l2_setup(body);
	l2_vmcb.control.intercept_misc2 &= ~(INTERCEPT_CLGI | INTERCEPT_STGI);
	l2_vmcb.control.int_ctl |= V_GIF_ENABLE | v_gif_before;
	l2_run();
	L2_EXPECT_DONE();
}

void test_vgif(void)
{
	vgif_run(l2_clgi, V_GIF);
	CHECK_EQ(l2_vmcb.control.int_ctl & V_GIF, 0);
	vgif_run(l2_stgi, 0);
	CHECK_EQ(l2_vmcb.control.int_ctl & V_GIF, V_GIF);
}
