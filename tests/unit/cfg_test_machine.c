// SPDX-License-Identifier: BSD-2-Clause
// The machine the description tests and the fuzzer check against (declared in cfg_fixture.h).

#include "cfg_fixture.h"

const struct machine cfg_test_machine = {
    .apic_id = {0, 1, 2, 3},
    .ncpus = 4,
    .ram = {{0, 0xa0000}, {0x100000, 0x3ff00000}},
    .nram = 2,
    .rsv = {{0x200000, 0x100000, "the hypervisor image"}},
    .nrsv = 1,
    .vendor = CFG_VENDOR_SVM,
};
