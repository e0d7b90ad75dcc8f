#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the userspace samples (nonet, drop_server) and the benchmark
# statically against the tree's installed headers (OBJDIR/usr/include),
# into OUTDIR for the VM's /usr/local/bin, and nonet natively for the
# host into OUTDIR/host/.
#
#   samples.sh OBJDIR OUTDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1") out=$2
# The samples as the series ships them.
src=$TREE/samples/disablenetwork
mkdir -p "$out/host"
for prog in nonet drop_server; do
	run_logged "$LOGS/samples.log" \
		gcc -Wall -Wextra -Werror -O2 -static -isystem "$obj/usr/include" \
		-o "$out/$prog" "$src/$prog.c"
done
run_logged "$LOGS/samples.log" \
	gcc -Wall -Wextra -Werror -O2 -o "$out/host/nonet" "$src/nonet.c"
# The benchmark's guest side (make bench).
run_logged "$LOGS/samples.log" \
	gcc -Wall -Wno-unused-parameter -Werror -O2 -static \
	-isystem "$obj/usr/include" -o "$out/dnbench" "$ROOT/bench/dnbench.c"
