// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of EXITINTINFO redelivery (vcpu/svm/vmcb.h): QEMU's type-3 interrupts go back as such.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "svm/vmcb.h"
#include "vmcb12_checks.h"

/* QEMU records an external interrupt cut short as exception type: 0x80000351 is vector 0x51. */
static void interrupt_as_exception(void **state)
{
	uint64_t ev = svm_event_redeliver(0x80000351ULL);

	assert_int_equal(ev, 0x80000051ULL);
	assert_true(vmcb12_event_valid(ev));
	assert_false(vmcb12_event_valid(0x80000351ULL)); /* what VMRUN would refuse */
	/* An error-code flag and value go too: interrupts have none. */
	assert_int_equal(svm_event_redeliver(0x1880000b51ULL), 0x80000051ULL);
}

/* Real exceptions, NMIs, software interrupts and interrupts stay as they are. */
static void others_unchanged(void **state)
{
	static const uint64_t same[] = {
	    0x80000b0eULL, 0x1880000b0dULL, 0x80000306ULL, 0x8000031fULL,
	    0x80000202ULL, 0x80000441ULL,   0x80000041ULL, 0};

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		assert_int_equal(svm_event_redeliver(same[i]), same[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(interrupt_as_exception),
	    cmocka_unit_test(others_unchanged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
