# SPDX-License-Identifier: GPL-2.0-only
# disablenetwork: the LSM as a patch series for Debian's Linux 6.12, and
# the pipeline that builds, boots and tests it.  See README.md.
#
# This file is the pipeline: each target below is a file (or a stamp
# *.ok when a stage makes no file of its own), remade by one script from
# its prerequisites only when they change.  `make -n check` prints the
# plan.  The settings live in config.mk.
#
# To add a stage: write scripts/STAGE.sh that does one thing, add a rule
# whose target is what it makes (or $(BUILD)/STAGE.ok, touched on
# success) and whose prerequisites are what it reads, name the stage in
# the plans of config.mk, and add the target to the goal that runs it.

include config.mk

.PHONY: all run check check-all check-mutants patches check-patches bench \
	clean distclean deps deps-all check-logs check-all-logs check-bisect \
	check-matrix check-debian check-clang check-docs lint check-userdocs \
	deb check-system run-system deps-system
.DELETE_ON_ERROR:
# Keep every file a pattern rule made (configs, args, logs).
.SECONDARY:
.SECONDEXPANSION:

all: check

# stage NAME,WHAT: print "[N/M] WHAT...", N being NAME's place in the plan
# (config.mk), or "WHAT..." for a stage outside it.
stage = @echo "$(call place,$(1),$(PLAN_$(DN_PLAN)))$(2)..."
place = $(if $(filter $(1),$(2)),[$(words $(firstword $(2)) $(call upto,$(1),$(2)))/$(words $(2))] )
upto = $(if $(filter $(1),$(firstword $(2))),,$(firstword $(2)) $(call upto,$(1),$(wordlist 2,$(words $(2)),$(2))))

# ---- The commands --------------------------------------------------------

# Everything CI runs: the series, the kernel, KUnit and the selftests.
# Whatever fails, the last line is the count that CI reads.
check:
	+@$(MAKE) --no-print-directory check-logs || \
		{ echo "0 passed, 1 failed, 0 skipped"; exit 1; }
	$(call stage,report,results (logs in $(LOGS)/))
	@scripts/report.py $(TREE) enabled disabled

# make test-NAME: one boot of config.mk and its counts, e.g.
#   make test-enabled DN_TESTS=disablenetwork:net_test
test-%: $(LOGS)/%.out
	@scripts/report.py $(TREE) $*

# make kernel-NAME: one kernel of config.mk, e.g. make kernel-obj-matrix-tun
kernel-%: $(BUILD)/%/arch/x86/boot/bzImage ;

check-logs: $(BUILD)/patches.ok $(BUILD)/obj/arch/x86/boot/bzImage \
	$(BUILD)/lint.ok $(BUILD)/userdocs.ok $(LOGS)/enabled.out \
	$(LOGS)/disabled.out

# make check, then the heavy checks: the series at every patch, a
# sanitizer kernel with the stress test, every LSM at once, the build
# matrix, Debian's configuration, clang and the Sphinx docs.
check-all: deps-all check
	+@$(MAKE) --no-print-directory check-all-logs
	$(call stage,report,check-all results (logs in $(LOGS)/))
	@scripts/report.py $(TREE) debug all-lsms off

check-all-logs: check-bisect $(LOGS)/debug.out $(LOGS)/all-lsms.out \
	check-matrix check-debian check-clang check-docs check-system

# Boot a kernel with the LSM and show it working: a shell on a terminal,
# a scripted demo otherwise.
run: $(BUILD)/obj/arch/x86/boot/bzImage $(INITRAMFS)
	$(call stage,run,booting the VM)
	@QEMU="$(call qemu,run)" scripts/run.sh $^ "$(ARGS_run)"

# The cost of the hooks, against no LSM, Landlock, seccomp and netns.
bench: $(BUILD)/obj/arch/x86/boot/bzImage $(INITRAMFS)
	$(call stage,bench,benchmark: pairs of VMs under qemu -icount)
	@QEMU="$(call qemu,bench)" scripts/bench.sh $^

# Regenerate patches/ from the repository's files and series/.
patches: $(BUILD)/series.id
	scripts/patches.sh patches

# Fail if patches/ is stale, does not apply, or checkpatch is unhappy.
check-patches: $(BUILD)/patches.ok

# Show that each check can fail: one bug at a time, caught by its check
# (DN_MUTANTS="NAME...": only those of scripts/mutants/).
check-mutants: deps-all
	@scripts/check-mutants.sh $(BUILD) $(DN_MUTANTS)

lint: $(BUILD)/lint.ok

# The code examples of the rst pages build as a reader would copy them (C
# and Python; check-all adds Go and Rust), and the manual pages lint clean
# and install where man finds them.
check-userdocs: $(BUILD)/userdocs.ok

clean:
	rm -rf $(BUILD)/obj* $(LOGS) $(BUILD)/*.cpio $(BUILD)/*.ok $(BUILD)/samples

distclean:
	rm -rf $(BUILD)

# ---- Dependencies, the tree and the series -------------------------------

deps:
	$(call stage,deps,installing dependencies)
	@scripts/deps.sh
deps-all:
	@scripts/deps.sh --all

# The pristine tree, imported into git as the commit tagged "base"; only a
# new tarball changes it.
$(BUILD)/base.id: $(TARBALL) | deps
	$(call stage,tree,unpacking and importing the kernel tree)
	@scripts/tree.sh $< $@

# The series, committed from the repository's files on top of base and
# checked out in $(TREE); series.id names the commit.
SERIES_SOURCES := series/cover-letter $(wildcard series/*/*) \
	$(wildcard $(shell cat series/*/files))
$(BUILD)/series.id: $(BUILD)/base.id $(SERIES_SOURCES) scripts/series.sh
	$(call stage,tree,committing the series and checking it out)
	@scripts/series.sh $@

$(BUILD)/patches.ok: $(BUILD)/series.id $(wildcard patches/*) \
	scripts/check-patches.sh scripts/patches.sh
	$(call stage,patches,checking patches/: up to date and applying with git am; checkpatch)
	@scripts/check-patches.sh patches $(BUILD)/am
	@touch $@

# ---- Kernels -------------------------------------------------------------

$(BUILD)/%/.config: $(BUILD)/series.id $$(filter /%,$$(BASE_$$*)) $$(FRAGS_$$*) \
	scripts/configure.sh
	$(call stage,$(or $(STAGE_$*),kernel),configuring $*)
	@scripts/configure.sh $(@D) $(or $(BASE_$*),tinyconfig) \
		$(or $(KVARS_$*),$(KVARS)) $(FRAGS_$*)

# kbuild knows what to rebuild: it runs whenever the tree changed.
$(BUILD)/%/arch/x86/boot/bzImage: $(BUILD)/%/.config $(BUILD)/series.id \
	scripts/kbuild.sh
	$(call stage,$(or $(STAGE_$*),kernel),building $*/bzImage)
	@scripts/kbuild.sh $(BUILD)/$* $(or $(KVARS_$*),$(KVARS)) bzImage
	@touch $@

# The module alone, with its warnings as errors.
$(BUILD)/%/module.ok: $(BUILD)/%/.config $(BUILD)/series.id scripts/kbuild.sh
	$(call stage,$(or $(STAGE_$*),kernel),building security/disablenetwork/ in $* ($(strip $(MODULE_WERROR) $(MODULE_$*))))
	@scripts/kbuild.sh $(BUILD)/$* $(or $(KVARS_$*),$(KVARS)) \
		$(MODULE_WERROR) $(MODULE_$*) security/disablenetwork/
	@touch $@

# Static checks: W=1 and sparse above, kernel-doc, the syzkaller
# constants and shellcheck.
$(BUILD)/lint.ok: $(BUILD)/obj-lint/module.ok scripts/lint.sh \
	$(wildcard scripts/*.sh scripts/guest/* tools/syzkaller/*) .ci/run \
	$(wildcard scripts/system/*.sh) $(SYSTEM_ROOTFS)
	$(call stage,lint,static checks: kernel-doc; syzkaller constants; shellcheck)
	@scripts/lint.sh
	@touch $@

$(BUILD)/userdocs.ok: $(BUILD)/series.id scripts/check-userdocs.sh | deps
	$(call stage,userdocs,documentation examples (C, Python) and manual pages)
	@scripts/check-userdocs.sh $(BUILD)/examples
	@touch $@

# ---- What the VM runs ----------------------------------------------------

$(BUILD)/headers.ok: $(BUILD)/obj/.config $(BUILD)/series.id
	$(call stage,selftests,installing the uapi headers)
	@scripts/kbuild.sh $(BUILD)/obj $(KVARS) headers_install
	@touch $@

$(BUILD)/selftests.ok: $(BUILD)/headers.ok scripts/selftests.sh
	$(call stage,selftests,building the selftests ($(KSFT_TARGETS)))
	@scripts/selftests.sh $(BUILD)/obj $(KSFT_TARGETS)
	@touch $@

$(BUILD)/samples.ok: $(BUILD)/headers.ok bench/dnbench.c scripts/samples.sh
	$(call stage,selftests,building the samples and the benchmark)
	@scripts/samples.sh $(BUILD)/obj $(BUILD)/samples
	@touch $@

$(INITRAMFS): $(BUILD)/selftests.ok $(BUILD)/samples.ok \
	$(wildcard scripts/guest/*) scripts/initramfs.sh
	$(call stage,initramfs,packing the initramfs)
	@scripts/initramfs.sh $@ $(BUILD)/obj/kselftest_install $(BUILD)/samples

# ---- Boots ---------------------------------------------------------------

# The kernel arguments and QEMU command of each boot, recorded when make
# starts and rewritten only when they change, so that a boot is redone
# when they do.
record = $(shell mkdir -p $(dir $(1)) && \
	{ echo '$(2)' | cmp -s - $(1) || echo '$(2)' >$(1); })
$(foreach b,$(BOOTS),$(call record,$(LOGS)/$(b).args,$(ARGS_$(b)) | $(call qemu,$(b))))

# A boot that fails (hang, panic, splat) is a failed test: vm.sh writes
# it into the log for report.py and leaves the log out of date, so that
# the next make boots again.
$(LOGS)/%.out: $(BUILD)/$$(KERNEL_$$*)/arch/x86/boot/bzImage $(INITRAMFS) \
	$(LOGS)/%.args scripts/vm.sh
	$(call stage,$(or $(STAGE_$*),boot),booting $*: $(ARGS_$*))
	@QEMU="$(call qemu,$*)" scripts/vm.sh $* $< $(INITRAMFS) \
		$(or $(TIMEOUT_$*),$(DN_TEST_TIMEOUT)) "$(ARGS_$*)" || true
TIMEOUT_debug = $(if $(filter command line environment,$(origin DN_TEST_TIMEOUT)),$(DN_TEST_TIMEOUT),3600)
TIMEOUT_all-lsms = $(TIMEOUT_debug)
TIMEOUT_off = $(TIMEOUT_debug)

# ---- The heavy checks of check-all ---------------------------------------

# The series at every patch, =y and =n, with W=1 on the module.
check-bisect: $(BUILD)/series.id $(FRAGS_obj) $(FRAGS_obj-off)
	$(call stage,bisect,the series at every patch with =y and =n)
	@scripts/check-bisect.sh $(BUILD) "$(FRAGS_obj)" "$(FRAGS_obj-off)" \
		"$(MODULE_WERROR) $(MODULE_bisect)" $(KVARS)

# Each cell of configs/matrix/ builds, Kconfig refuses SECURITY_NETWORK=n,
# and SECURITY_DISABLENETWORK=n boots and passes (the "off" boot).
check-matrix: $(foreach c,$(MATRIX),$(BUILD)/obj-matrix-$(c)/arch/x86/boot/bzImage) \
	$(BUILD)/matrix-refused.ok $(LOGS)/off.out

$(BUILD)/matrix-refused.ok: $(BUILD)/series.id $(FRAGS_obj) \
	configs/no-security-network.config scripts/configure.sh
	$(call stage,matrix,CONFIG_SECURITY_NETWORK=n must be refused)
	@! scripts/configure.sh $(BUILD)/obj-matrix-refused tinyconfig $(KVARS) \
		$(FRAGS_obj) configs/no-security-network.config 2>$(LOGS)/matrix-refused.log
	@grep -q 'CONFIG_SECURITY_NETWORK is not set' $(LOGS)/matrix-refused.log
	@echo "  refused: SECURITY_DISABLENETWORK selects SECURITY_NETWORK"
	@touch $@

# What a distribution ships: Debian's configuration with disablenetwork
# appended to its CONFIG_LSM.
check-debian: deps-all $(BUILD)/obj-debian/module.ok
$(BUILD)/debian-lsm.config: $(DEBIAN_CONFIG)
	@mkdir -p $(@D)
	@xz -dc $< | sed -n 's/^CONFIG_LSM="\(.\+\)"$$/CONFIG_LSM="\1,disablenetwork"/p' >$@
	@grep -q disablenetwork $@ || { echo "error: $< sets no CONFIG_LSM" >&2; exit 1; }

check-clang: deps-all $(BUILD)/obj-clang/module.ok

check-docs: deps-all $(BUILD)/docs.ok $(BUILD)/userdocs-all.ok
$(BUILD)/docs.ok: $(BUILD)/series.id scripts/check-docs.sh
	$(call stage,docs,Sphinx build of the documentation)
	@scripts/check-docs.sh $(BUILD)/docs-html
	@touch $@
$(BUILD)/userdocs-all.ok: $(BUILD)/series.id scripts/check-userdocs.sh
	$(call stage,docs,documentation examples in Go and Rust too)
	@scripts/check-userdocs.sh --all $(BUILD)/examples-all
	@touch $@

# ---- A real system: Debian packages in a Debian 12 guest -----------------

# The kernel (make bindeb-pkg of obj-system) and nonet as Debian packages.
deb: $(SYSTEM)/kernel.ok $(SYSTEM)/nonet.ok
	@cd $(SYSTEM) && ls kernel/*.deb nonet/*.deb

# The guest runs the table of real programs unrestricted and under nonet,
# as a systemd unit that powers it off; the last line is the count.
check-system:
	+@$(MAKE) --no-print-directory $(LOGS)/system.out || \
		{ echo "0 passed, 1 failed"; exit 1; }
	$(call stage,report-system,the table (console: $(LOGS)/system.console))
	@scripts/system/report.sh $(LOGS)/system.out $(SYSTEM)/table.md

# The same guest on this terminal's serial console; leave with poweroff.
run-system: $(SYSTEM)/disk.img $(BUILD)/debian-lsm.config
	$(call stage,run-system,booting the Debian guest on this terminal (leave with poweroff))
	@QEMU="$(call qemu,run-system)" scripts/vm.sh - $(SYSTEM)/vmlinuz \
		$(SYSTEM)/initrd.img 3600 "$(ARGS_run-system) lsm=$$(cat $(SYSTEM)/lsm)"

deps-system:
	$(call stage,deps,installing dependencies of the Debian guest)
	@scripts/deps.sh --system

# Debian's configuration (its CONFIG_LSM) comes with linux-config-6.12.
$(DEBIAN_CONFIG): | deps-system

# The lsm= of the guest: Debian's list with disablenetwork appended, what
# a Debian user who boots with an lsm= list gets by appending it.
$(SYSTEM)/lsm: $(BUILD)/debian-lsm.config
	@mkdir -p $(@D)
	@sed -n 's/^CONFIG_LSM="\(.*\)"$$/\1/p' $< >$@

$(SYSTEM)/kernel.ok: $(BUILD)/obj-system/.config $(BUILD)/series.id \
	scripts/system/deb.sh scripts/kbuild.sh
	$(call stage,deb,building the kernel package (make bindeb-pkg in obj-system))
	@scripts/system/deb.sh $(BUILD)/obj-system $(SYSTEM)/kernel $(DEBIAN_CONFIG) $(KVARS)
	@touch $@

NONET_SOURCES := samples/disablenetwork/nonet.c samples/disablenetwork/nonet.1 \
	$(shell find packaging/nonet -type f)
$(SYSTEM)/nonet.ok: $(NONET_SOURCES) scripts/system/nonet-deb.sh | deps-system
	$(call stage,deb,building the nonet package)
	@scripts/system/nonet-deb.sh $(SYSTEM)/nonet
	@touch $@

# The Debian base: mmdebstrap into a directory, from apt's own sources.
$(SYSTEM)/base.ok: scripts/system/packages scripts/system/base.sh $(APT_SOURCES) \
	| deps-system
	$(call stage,image,the Debian 12 base (mmdebstrap into $(SYSTEM)/base))
	@scripts/system/base.sh $(SYSTEM)/base $(APT_SOURCES)
	@touch $@

# The image: the packages installed with dpkg -i, rootfs/ laid over it,
# mke2fs -d.  Also makes vmlinuz and initrd.img beside it.
$(SYSTEM)/disk.img: $(SYSTEM)/base.ok $(SYSTEM)/kernel.ok $(SYSTEM)/nonet.ok \
	$(SYSTEM_ROOTFS) scripts/system/image.sh
	$(call stage,image,the guest image (dpkg -i, initramfs-tools, mke2fs -d))
	@scripts/system/image.sh $(SYSTEM)

$(call record,$(LOGS)/system.args,$(ARGS_system) | $(call qemu,system))
$(LOGS)/system.out: $(SYSTEM)/disk.img $(SYSTEM)/lsm $(LOGS)/system.args \
	scripts/vm.sh
	$(call stage,boot-system,booting the Debian guest: lsm=$$(cat $(SYSTEM)/lsm))
	@QEMU="$(call qemu,system)" scripts/vm.sh system $(SYSTEM)/vmlinuz \
		$(SYSTEM)/initrd.img $(TIMEOUT_system) \
		"$(ARGS_system) lsm=$$(cat $(SYSTEM)/lsm)" || true
