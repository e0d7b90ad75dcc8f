#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the userspace samples (nonet, drop_server) and the benchmark
# statically against the tree's installed headers, into build/samples/ for
# the VM, and nonet natively for the host into build/host/.
#
#   samples.sh OBJDIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

obj=$(realpath -m "$1")
# The samples as the series ships them.
src=$TREE/samples/disablenetwork
mkdir -p "$BUILD/samples" "$BUILD/host"
for prog in nonet drop_server; do
	run_logged "$LOGS/samples.log" \
		gcc -Wall -Wextra -Werror -O2 -static -isystem "$obj/usr/include" \
		-o "$BUILD/samples/$prog" "$src/$prog.c"
done
run_logged "$LOGS/samples.log" \
	gcc -Wall -Wextra -Werror -O2 -o "$BUILD/host/nonet" "$src/nonet.c"
# The benchmark's guest side (make bench).
run_logged "$LOGS/samples.log" \
	gcc -Wall -Wno-unused-parameter -Werror -O2 -static \
	-isystem "$obj/usr/include" -o "$BUILD/samples/dnbench" \
	"$ROOT/bench/dnbench.c"
