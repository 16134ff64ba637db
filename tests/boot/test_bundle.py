# SPDX-License-Identifier: BSD-2-Clause
"""Boot scenarios of the signed bundle: the demo bundle is verified before anything is used; a
tampered one (a flipped image or signature byte) or a raw description stops the boot."""

import pytest

from harness import BANNER

BUNDLE = r"\[cpu0\] info: bundle: "


@pytest.mark.platforms("qemu-bios", "qemu-uefi", "bochs-vmx")
@pytest.mark.bound(300)
def test_demo_bundle_verified(boot, platform):
    m = boot()
    m.wait_for(BANNER)
    m.expect_lines(
        BUNDLE + r"qemu-svm.bundle: verified: ecdsa-p384-sha384 key \"dev-p384\", "
        r"security version \d+, \d+ images, \d+ bytes",
        r"\[cpu0\] info: boot complete",
    )
    m.assert_no_line(r"error:|panic")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(300)
@pytest.mark.parametrize("iso,reason", [
    ("bundle-bad-image", r"hash mismatch: image \S+"),
    ("bundle-bad-signature", r"bad signature: does not verify with key \"dev-p384\""),
    ("bundle-raw-dtb", r"a raw description; only signed bundles boot"),
])
def test_bad_bundle_refused(boot, platform, test_iso, iso, reason):
    m = boot(test_iso(iso), fail_on=None)
    m.expect_lines(r"(?i)panic: bundle: \S+: " + reason + r".*: refusing to start")
    m.assert_no_line(r"config: description accepted|boot complete|bundle: .*: verified")
