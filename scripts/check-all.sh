#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check-all: make check, then the heavy checks that CI does not run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
"$ROOT/scripts/deps.sh" --all
"$ROOT/scripts/check.sh"

stage "[check-all 1/7] the series at every patch, =y and =n..."
"$ROOT/scripts/check-bisect.sh"

stage "[check-all 2/7] sanitizer kernel: KASAN, UBSAN, lockdep, KFENCE..."
DN_VM_MEM=2048 DN_VM_SMP=2 "$ROOT/scripts/boot-suite.sh" debug \
	capability,landlock,yama,disablenetwork "dn.stress=60" \
	"$ROOT/configs/disablenetwork.config" "$ROOT/configs/debug.config"

stage "[check-all 3/7] every LSM at once..."
"$ROOT/scripts/boot-suite.sh" all-lsms \
	capability,landlock,lockdown,yama,loadpin,safesetid,apparmor,tomoyo,ipe,bpf,ima,evm,disablenetwork \
	"" "$ROOT/configs/disablenetwork.config" "$ROOT/configs/all-lsms.config"

stage "[check-all 4/7] build matrix..."
"$ROOT/scripts/check-matrix.sh"

stage "[check-all 5/7] Debian's configuration..."
"$ROOT/scripts/check-debian.sh"

stage "[check-all 6/7] clang..."
"$ROOT/scripts/check-clang.sh"

stage "[check-all 7/7] documentation..."
"$ROOT/scripts/check-docs.sh"
"$ROOT/scripts/check-userdocs.sh" --all

stage "check-all results (logs in build/logs/):"
"$ROOT/scripts/report.py" "$TREE" debug all-lsms off
echo "check-all took $(( ($(date +%s) - start) / 60 )) minutes"
