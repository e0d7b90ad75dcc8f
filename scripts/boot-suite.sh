#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a kernel variant and boot it with the test initramfs: the pieces
# of make check-all that run the suite on another kernel.
#
#   boot-suite.sh NAME "LSM LIST" "EXTRA KERNEL ARGS" FRAGMENT...
# Builds build/obj-NAME from tinyconfig plus the fragments, boots it, and
# leaves build/logs/NAME.{console,out} for report.py.  Honours DN_VM_MEM
# and DN_VM_SMP, and DN_TESTS (the dn.tests= list) to run fewer tests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 lsm=$2 extra=$3
shift 3
obj=$BUILD/obj-$name
TESTS=${DN_TESTS:-disablenetwork,lsm,landlock:base_test,landlock:net_test,landlock:ptrace_test}

stage "  $name: building..."
"$ROOT/scripts/kernel.sh" "$obj" "$@"
stage "  $name: booting with lsm=$lsm..."
"$ROOT/scripts/vm.sh" "$name" "$obj/arch/x86/boot/bzImage" \
	"$BUILD/tests.cpio" "${DN_TEST_TIMEOUT:-3600}" \
	"lsm=$lsm dn.mode=tests dn.tests=$TESTS $extra" \
	-smp "${DN_VM_SMP:-1}"
