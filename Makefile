# SPDX-License-Identifier: GPL-2.0-only
# disablenetwork: the LSM as a patch series for Debian's Linux 6.12, and
# the pipeline that builds, boots and tests it.  See README.md.

.PHONY: all run check check-all check-mutants check-userdocs patches check-patches bench clean distclean

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

# The rst pages' code examples build, and the manual pages lint clean
# (make check does this; check-all also builds the Go and Rust examples).
check-userdocs:
	@scripts/deps.sh
	@scripts/check-userdocs.sh

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

clean:
	rm -rf build/obj build/logs build/*.cpio

distclean:
	rm -rf build
