# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the SVM backend's pure pieces: nested page tables and the permission maps.

UNIT_TESTS += svm_maps
UNIT_SRCS_svm_maps := vcpu/svm/npt.c vcpu/svm/svm_maps.c
UNIT_CFLAGS  += -Ivcpu -Ikernel/bundle
UNIT_HEADERS += $(wildcard vcpu/*.h vcpu/svm/*.h partitions/partition.h)
