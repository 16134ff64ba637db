#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Boot an ISO in Bochs (Intel VMX model, 4 CPUs, 1 GiB) with COM1 shown on stdout; Ctrl-C ends it.
#
# usage: run-bochs.sh ISO [LOGDIR]      (make run-bochs; LOGDIR defaults to build/run-bochs-vmx)
# The Bochs configuration is the test harness's (tests/boot/harness.py), so a manual run boots
# exactly like the bochs-vmx scenarios. BOCHS_CPU=tigerlake picks another VMX model.
# Bochs itself runs headless (its display is the 'term' library on a private pty); its own log
# and the generated bochsrc are in LOGDIR.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 ISO [LOGDIR]" >&2; exit 2; }
[ -f "$1" ] || { echo "run-bochs: $1: no such file" >&2; exit 1; }
here=$(dirname "$0")
exec /usr/bin/python3 "$here/harness.py" bochs-vmx "$@"
