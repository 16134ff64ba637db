# SPDX-License-Identifier: BSD-2-Clause
# Debian packages, installed on demand. Targets that need tools name these order-only:
#   foo: bar | setup-build      (setup-run and setup-test include everything before them)
# All present: a dpkg-query and nothing else, no network. See tools/build/setup.sh.

.PHONY: setup-build setup-run setup-test setup
setup-build:
	@tools/build/setup.sh build
setup-run:
	@tools/build/setup.sh run
setup-test:
	@tools/build/setup.sh test
setup: setup-test
