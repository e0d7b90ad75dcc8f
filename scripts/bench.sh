#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: the cost of the hooks against no LSM, Landlock, seccomp and
# network namespaces, counted in guest instructions: under
# qemu -icount shift=0,sleep=off a guest nanosecond is one instruction,
# whatever the host's speed or load.
#
#   bench.sh BZIMAGE INITRD    (with QEMU, LSM_OFF, LSM_ON and the
#                               DN_BENCH_* settings from make, config.mk)
#
# DN_BENCH_PAIRS pairs of boots, each a boot without the module and one
# with it, both with the same QEMU -seed; the seeds differ across pairs
# (random, or DN_BENCH_SEEDS="s1 s2 ..." to repeat a run).  The peers run
# in the first two base boots.  DN_BENCH_JOBS boots run at a time.  Prints
# the table, one BENCH line per cell and the closing line, writes the
# table into README.md and a copy to $LOGS/bench.txt; fails if a boot
# fails or a workload's noise floor is too high (bench-report.py).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=$1 initrd=$2
: "${QEMU:?run through make (see config.mk)}" "${DN_BENCH_ARGS:?run through make}"
pairs=${DN_BENCH_PAIRS:-5}
jobs=${DN_BENCH_JOBS:-$JOBS}
limit=${DN_BENCH_TIMEOUT:-3600}
if [ -n "${DN_BENCH_SEEDS:-}" ]; then
	read -ra seeds <<<"${DN_BENCH_SEEDS//,/ }"
	pairs=${#seeds[@]}
else
	seeds=()
	for ((p = 1; p <= pairs; p++)); do
		seeds+=("$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')")
	done
fi
[ "$pairs" -ge 2 ] || die "DN_BENCH_PAIRS must be at least 2"
for s in "${seeds[@]}"; do
	[[ $s =~ ^[0-9]+$ ]] || die "DN_BENCH_SEEDS: '$s' is not a number"
done

steps="dn-idle,activate,dn-off,dn-on,dn-strict"
base_steps="base@dn-idle,activate,base@dn-off,base@dn-on,base@dn-strict"
peers=landlock,seccomp,netns

rm -f "$LOGS"/bench-*
# One boot; its QEMU CPU time goes to $LOGS/NAME.time.
boot() {
	local name=$1 seed=$2 cmdline=$3
	local TIMEFORMAT='%U %S'
	{ time "$ROOT/scripts/vm.sh" "$name" "$kernel" "$initrd" "$limit" \
		"$cmdline $DN_BENCH_ARGS" -seed "$seed" 2>&3; } 3>&2 \
		2>"$LOGS/$name.time"
}

echo "  $pairs pairs of boots, $jobs at a time, QEMU -seed ${seeds[*]}..."
pids=()
names=()
start=$SECONDS
for ((p = 1; p <= pairs; p++)); do
	seed=${seeds[$((p - 1))]}
	extra=
	[ "$p" -le 2 ] && extra=,$peers
	for kind in base dn; do
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n || true
		done
		if [ "$kind" = base ]; then
			cmdline="lsm=$LSM_OFF dn.bench=$base_steps$extra"
		else
			cmdline="lsm=$LSM_ON dn.bench=$steps"
		fi
		boot "bench-p$p-$kind" "$seed" "$cmdline" &
		pids+=($!)
		names+=("bench-p$p-$kind")
	done
done
failed=0
for i in "${!pids[@]}"; do
	wait "${pids[$i]}" || { failed=1; echo "error: ${names[$i]} failed" >&2; }
done
[ "$failed" = 0 ] || die "a benchmark boot failed"

# QEMU is single-threaded under -icount: its CPU time is what the boots
# take on idle cores, whatever else loads this machine now.
cpu=$(cat "$LOGS"/bench-*.time | awk '{ s += $1 + $2 } END { printf "%d", s }')
echo "  $((pairs * 2)) boots: $((SECONDS - start)) s of wall time here," \
	"$cpu s of QEMU CPU time, so about $((cpu / jobs)) s on $jobs idle cores"

kver=$(make -s -C "$TREE" kernelversion)
pkg=$(dpkg-query -W -f='${Version}' linux-source-6.12)
# The table goes into the README, which the admin guide points to.
"$ROOT/scripts/bench-report.py" --kernel "$kver (Debian $pkg)" \
	--seeds "$(IFS=,; echo "${seeds[*]}")" --readme "$ROOT/README.md" \
	"$LOGS"/bench-p*-base.out "$LOGS"/bench-p*-dn.out |
	tee "$LOGS/bench.txt"
