# SPDX-License-Identifier: GPL-2.0-only
# disablenetwork: the LSM as a patch series for Debian's Linux 6.12, and
# the pipeline that builds, boots and tests it.  See README.md.

.PHONY: all run check check-all check-mutants patches check-patches bench clean distclean \
	deb check-system run-system

all: check

# Boot a kernel with the LSM and show it working.
run:
	@scripts/run.sh

# Everything CI runs: the series, the kernel, KUnit and the selftests.
check:
	@scripts/check.sh

# make check, then the heavy checks: the series at every patch, a
# sanitizer kernel with the stress test, every LSM at once, the build
# matrix, Debian's configuration, clang and the Sphinx docs.
check-all:
	@scripts/check-all.sh

# Show that each check can fail: one bug at a time, caught by its check.
check-mutants:
	@scripts/deps.sh --all
	@scripts/check-mutants.sh

# Regenerate patches/ from security/, tools/, Documentation/ and series/.
patches:
	@scripts/deps.sh
	@scripts/mkseries.sh

# Fail if patches/ is stale or checkpatch is unhappy.
check-patches:
	@scripts/deps.sh
	@scripts/check-series.sh

# The cost of the hooks, against no LSM, Landlock, seccomp and netns.
bench:
	@scripts/bench.sh

# The kernel (make bindeb-pkg) and nonet as Debian packages, in build/system/.
deb:
	@scripts/system/deb.sh

# A Debian 12 guest with systemd and AppArmor, the packages installed with
# dpkg -i, running real programs unrestricted and under nonet.
check-system:
	@scripts/system/check.sh

# The same guest on the serial console; leave with poweroff.
run-system:
	@scripts/system/run.sh

clean:
	rm -rf build/obj build/logs build/*.cpio

dist# The kernel (make bindeb-pkg) and nonet as Debian packages, in build/system/.
deb:
	@scripts/system/deb.sh

# A Debian 12 guest with systemd and AppArmor, the packages installed with
# dpkg -i, running real programs unrestricted and under nonet.
check-system:
	@scripts/system/check.sh

# The same guest on the serial console; leave with poweroff.
run-system:
	@scripts/system/run.sh

clean:
	rm -rf build
