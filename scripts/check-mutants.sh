#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check-mutants: show that every check can fail.  Each mutant puts one
# bug into a scratch copy of the repository (build/mutant/), regenerates
# the series there, runs the one check that must catch the bug, and
# requires that check to fail with the expected message.  The checks share
# build/ with make check, so each run is incremental; the real series is
# put back into build/linux at the end.  Logs: build/logs/mutants/.
#
#   check-mutants.sh [NAME...]   only the named mutants
set -euo pipefail
. "$(dirname "$0")/lib.sh"

scratch=$BUILD/mutant
export BUILD LOGS=$LOGS/mutants
mkdir -p "$LOGS"
only=("$@")
caught=0
missed=0
ran=0
restore() {
	stage "restoring the real series in $TREE..."
	"$ROOT/scripts/tree.sh" >/dev/null
}
trap restore EXIT
# The kernel, the test programs and the initramfs that the checks reuse.
"$ROOT/scripts/prepare.sh" >"$LOGS/prepare.log" 2>&1 ||
	{ tail -n 20 "$LOGS/prepare.log" >&2; die "prepare.sh failed"; }

# mutate FILE OLD NEW: replace the one occurrence of OLD in FILE.
mutate() {
	OLD=$2 NEW=$3 python3 - "$scratch/$1" <<'PY' ||
import os, sys
path = sys.argv[1]
text = open(path).read()
if text.count(os.environ["OLD"]) != 1:
    sys.exit(f"{path}: the text to mutate is not there exactly once")
open(path, "w").write(text.replace(os.environ["OLD"], os.environ["NEW"]))
PY
		die "mutant $name no longer applies: update scripts/check-mutants.sh"
}

# mutant NAME "WHAT" "CHECK" EXPECTED-REGEX REGEN COMMAND...: with the
# mutations made by the function mutant_NAME, COMMAND (which runs the check
# named CHECK) must fail and print EXPECTED.
# REGEN is keep (apply patches/ as it is to build/linux), series
# (regenerate patches/) or tree (regenerate patches/ and apply them).
mutant() {
	local name=$1 what=$2 check=$3 expect=$4 regen=$5
	shift 5
	selected "$name" "${only[@]}" || return 0
	ran=$((ran + 1))
	rm -rf "$scratch"
	mkdir -p "$scratch"
	(cd "$ROOT" && git ls-files -z | xargs -0 cp -a --parents -t "$scratch")
	"mutant_$name"
	local log=$LOGS/$name.log rc=0
	stage "  mutant $name: $what"
	(
		cd "$scratch"
		case $regen in
		keep) scripts/tree.sh ;;
		series) scripts/mkseries.sh ;;
		tree) scripts/mkseries.sh && scripts/tree.sh ;;
		esac
		"$@"
	) >"$log" 2>&1 || rc=$?
	if [ "$rc" != 0 ] && grep -Eq "$expect" "$log"; then
		echo "    caught by $check: $(grep -Em1 "$expect" "$log" |
			sed 's|^.*/build/linux/||' | cut -c1-100)"
		caught=$((caught + 1))
	else
		echo "    NOT CAUGHT by $check (exit $rc; see $log)"
		missed=$((missed + 1))
	fi
}

dn=security/disablenetwork
lsms=capability,landlock,yama,disablenetwork
all_lsms=capability,landlock,lockdown,yama,loadpin,safesetid,apparmor,tomoyo,ipe,bpf,ima,evm,disablenetwork
frag=$ROOT/configs/disablenetwork.config

mutant_stale() {
	mutate $dn/log.c "Copyright" "Copyright (stale)"
}
mutant stale "a file changed, patches/ not regenerated" \
	"the staleness check (check-series.sh)" \
	"patches/.* is stale" keep scripts/check-series.sh

mutant_checkpatch() {
	mutate $dn/prctl.c "if (arg2 || arg3 || arg4 || arg5)" \
		"if (arg2 || arg3 || arg4 || arg5 )"
}
mutant checkpatch "a space before a closing parenthesis" \
	"checkpatch --strict (check-series.sh)" \
	"checkpatch errors" series scripts/check-series.sh

mutant_kerneldoc() {
	mutate $dn/prctl.c " * @arg3: Second argument, must be 0.
" ""
}
mutant kerneldoc "an undocumented parameter" \
	"kernel-doc (lint.sh)" \
	"arg3.*not described|kernel-doc warnings" tree scripts/lint.sh

mutant_w1() {
	printf '\nint disablenetwork_unused(void)\n{\n\treturn 0;\n}\n' \
		>>"$scratch/$dn/log.c"
}
mutant w1 "a global function without a prototype" \
	"W=1 (lint.sh)" \
	"missing-prototypes" tree scripts/lint.sh

mutant_sparse() {
	printf '\nstatic __be16 disablenetwork_port __maybe_unused = 80;\n' \
		>>"$scratch/$dn/log.c"
}
mutant sparse "a host-order constant in a __be16" \
	"sparse (lint.sh)" \
	"incorrect type in initializer" tree scripts/lint.sh

mutant_syzkaller() {
	mutate tools/syzkaller/disablenetwork.txt.const "PR_NETWORK_OFF = 1" \
		"PR_NETWORK_OFF = 2"
}
mutant syzkaller "a syzkaller constant that disagrees with the uapi" \
	"the syzkaller constants check (lint.sh)" \
	"PR_NETWORK_OFF is '2'" keep scripts/lint.sh

mutant_splat() {
	mutate $dn/prctl.c "		return disablenetwork_current_restricted() ? PR_NETWORK_OFF : 0;" \
		"		WARN_ON_ONCE(1);
		return disablenetwork_current_restricted() ? PR_NETWORK_OFF : 0;"
}
mutant splat "a WARN_ON in PR_GET_NETWORK" \
	"the console scan of make check (check.sh)" \
	"kernel splat on the console" tree scripts/check.sh

# What follows the declaration in hook_socket_connect(), where the fuzz
# and debian mutants put their bugs.
connect_body="
	if (!disablenetwork_current_restricted())
		return 0;
	family = sock->sk->sk_family;
	if (family == AF_UNIX) {"

mutant_fuzz() {
	mutate $dn/net.c "	int family;
$connect_body" "	int family;

	if (addrlen == 1)
		return -EACCES;$connect_body"
}
mutant fuzz "connect() with a 1-byte address gives EACCES, not the kernel's errno" \
	"the fuzz digest comparison (check.sh)" \
	"DIFFER across boots" tree scripts/check.sh

mutant_stress() {
	mutate $dn/net.c '	return disablenetwork_deny("sendmsg", family);' \
		'	return 0;'
}
mutant stress "restricted sendto() to an address is let through" \
	"the stress test (boot-suite.sh debug)" \
	"stress: .* [1-9][0-9]* wrong" tree \
	env DN_TESTS=disablenetwork:prctl_test DN_VM_MEM=2048 DN_VM_SMP=2 \
	sh -c "scripts/boot-suite.sh debug $lsms dn.stress=15 $frag \
		configs/debug.config && grep -h 'stress:' $LOGS/debug.out &&
		scripts/report.py $BUILD/linux debug"

mutant_kasan() {
	mutate $dn/prctl.c "		return disablenetwork_current_restricted() ? PR_NETWORK_OFF : 0;" \
		"		{
			char *p = kmalloc(1, GFP_KERNEL);

			OPTIMIZER_HIDE_VAR(p);
			if (p)
				p[1] = 0;
			kfree(p);
		}
		return disablenetwork_current_restricted() ? PR_NETWORK_OFF : 0;"
	mutate $dn/prctl.c "#include <linux/prctl.h>" "#include <linux/prctl.h>
#include <linux/slab.h>"
}
mutant kasan "an off-by-one write past a kmalloc(1)" \
	"the sanitizer kernel (boot-suite.sh debug)" \
	"KASAN: slab-out-of-bounds" tree \
	env DN_TESTS=disablenetwork:prctl_test DN_VM_MEM=2048 DN_VM_SMP=2 \
	scripts/boot-suite.sh debug "$lsms" "" "$frag" configs/debug.config

mutant_lsms() {
	mutate $dn/cred.h "return cred->security + disablenetwork_blob_sizes.lbs_cred;" \
		"return cred->security;"
}
mutant lsms "the cred blob offset ignored" \
	"the every-LSM boot (boot-suite.sh all-lsms)" \
	"FAILED|kernel splat|panic|hang|did not finish" tree \
	env DN_TESTS=disablenetwork:prctl_test,disablenetwork:net_test \
	sh -c "scripts/boot-suite.sh all-lsms $all_lsms '' $frag \
		configs/all-lsms.config && scripts/report.py $BUILD/linux all-lsms"

mutant_matrix() {
	sed -i '/^#ifdef CONFIG_IO_URING$/d; /^#endif \/\* CONFIG_IO_URING \*\/$/d' \
		"$scratch/$dn/task.c"
}
mutant matrix "the io_uring hook outside #ifdef CONFIG_IO_URING" \
	"the build matrix (check-matrix.sh)" \
	"uring_override_creds" tree scripts/check-matrix.sh io_uring

mutant_debian() {
	mutate $dn/net.c "	int family;
$connect_body" "	int family, unused;
$connect_body"
}
mutant debian "an unused variable" \
	"Debian's configuration (check-debian.sh)" \
	"unused variable" tree scripts/check-debian.sh

mutant_clang() {
	mutate $dn/net.c "	family = sock->sk->sk_family;
	if (family == AF_UNIX &&" "	family = sock->sk->sk_family;
	family = family;
	if (family == AF_UNIX &&"
}
mutant clang "a self-assignment, which gcc does not warn about" \
	"clang (check-clang.sh)" \
	"self-assign" tree scripts/check-clang.sh

mutant_docs() {
	printf '\n.. nosuchdirective:: x\n' >>"$scratch/Documentation/admin-guide/LSM/disablenetwork.rst"
}
mutant docs "an unknown rst directive" \
	"Sphinx (check-docs.sh)" \
	"nosuchdirective" tree scripts/check-docs.sh

[ "$ran" -gt 0 ] || die "no such mutant: ${only[*]}"
trap - EXIT
restore
echo "$caught mutants caught, $missed missed"
[ "$missed" = 0 ]
