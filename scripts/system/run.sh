#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make run-system: the guest of make check-system, on this terminal's
# serial console: root is logged in, with nonet installed and a banner of
# things to try.  Leave with poweroff.  Changes are not kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

stage "[run-system 1/3] make deb: the kernel and nonet packages..."
"$ROOT/scripts/system/deb.sh"
stage "[run-system 2/3] the guest image..."
"$ROOT/scripts/system/image.sh"
stage "[run-system 3/3] booting the guest on this terminal (leave with poweroff)..."
boot_guest - "${DN_SYSTEM_TIMEOUT:-3600}" shell
