# SPDX-License-Identifier: BSD-2-Clause
# `make capture-boards [BOARDS="qemu-i440fx ..."]`: boot each QEMU board of tests/boards/capture.py
# under Debian's kernel, run bulkhead-inspect --capture inside, and replace its captured root.
# Not part of make test: the committed captures are what the tests read.

.PHONY: capture-boards
capture-boards: $(LINUX_KERNEL) $(LINUX_DIR)/busybox $(INSPECT) | setup-run
	$(PYTHON) tests/boards/capture.py $(LINUX_KERNEL) $(LINUX_DIR)/busybox $(INSPECT) $(BOARDS)
