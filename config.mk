# SPDX-License-Identifier: GPL-2.0-only
# Every setting of the pipeline, defined once.  The Makefile's rules use
# them and pass them down to the scripts, as arguments or, for the few
# exported below, in the environment.  Override on the command line, e.g.
#   make check DN_TESTS=disablenetwork:net_test DN_TEST_TIMEOUT=5400

# Where things are.
BUILD := $(CURDIR)/build
TREE := $(BUILD)/linux
LOGS := $(BUILD)/logs
TARBALL := /usr/src/linux-source-6.12.tar.xz
DEBIAN_CONFIG := /usr/src/linux-config-6.12/config.amd64_none_amd64.xz
JOBS := $(shell nproc)
export TREE LOGS JOBS
# The compiler cache: set CCACHE_DIR=/work/ccache to share one.
CCACHE_DIR ?= $(BUILD)/ccache
export CCACHE_DIR

# The LSM lists of the boots.
LSM_ON := capability,landlock,yama,disablenetwork
LSM_OFF := capability,landlock,yama
LSM_ALL := capability,landlock,lockdown,yama,loadpin,safesetid,apparmor,tomoyo,ipe,bpf,ima,evm,disablenetwork
export LSM_ON LSM_OFF

# The kselftests a test boot runs (dn.tests=: collection or
# collection:test), and the ones built into the initramfs.
DN_TESTS ?= disablenetwork,lsm,landlock:base_test,landlock:net_test,landlock:ptrace_test
KSFT_TARGETS := disablenetwork landlock lsm
TEST_ARGS = dn.mode=tests dn.tests=$(DN_TESTS)
# Seconds of guest time for the stress test of the sanitizer boot.
DN_STRESS ?= 60

# Kernels: $(BUILD)/NAME/ is configured from BASE_NAME (default
# tinyconfig: a make target or a configuration file, .xz allowed) with
# the fragments FRAGS_NAME merged on top, and built with KVARS_NAME
# (default gcc through ccache).  MODULE_NAME are the extra kbuild
# variables of that kernel's warnings check of security/disablenetwork/.
KVARS := CC="ccache gcc"
FRAGS_obj := configs/disablenetwork.config tools/testing/selftests/disablenetwork/config
FRAGS_obj-lint := $(FRAGS_obj)
MODULE_obj-lint := W=1 C=2 CF=-Wsparse-error
FRAGS_obj-debug := $(FRAGS_obj) configs/debug.config
FRAGS_obj-all-lsms := $(FRAGS_obj) configs/all-lsms.config
FRAGS_obj-off := $(FRAGS_obj) configs/off.config
BASE_obj-debian := $(DEBIAN_CONFIG)
FRAGS_obj-debian := configs/debian.config $(BUILD)/debian-lsm.config
KVARS_obj-clang := LLVM=1
FRAGS_obj-clang := $(FRAGS_obj)
MODULE_obj-clang := W=1
# The build matrix: one cell per file in configs/matrix/, each turning
# one feature off on top of the test kernel.
MATRIX := $(basename $(notdir $(wildcard configs/matrix/*.config)))
$(foreach c,$(MATRIX),$(eval FRAGS_obj-matrix-$(c) := $(FRAGS_obj) configs/matrix/$(c).config))
MODULE_bisect := W=1
# Warnings are errors in the module, and only there.
MODULE_WERROR := KCFLAGS=-Werror

# Boots: $(LOGS)/NAME.out and NAME.console, of kernel KERNEL_NAME with
# the kernel arguments ARGS_NAME.
INITRAMFS := $(BUILD)/tests.cpio
DN_TEST_TIMEOUT ?= 1500
KERNEL_enabled := obj
ARGS_enabled = lsm=$(LSM_ON) $(TEST_ARGS)
KERNEL_disabled := obj
ARGS_disabled = lsm=$(LSM_OFF) $(TEST_ARGS)
KERNEL_debug := obj-debug
ARGS_debug = lsm=$(LSM_ON) $(TEST_ARGS) dn.stress=$(DN_STRESS)
KERNEL_all-lsms := obj-all-lsms
ARGS_all-lsms = lsm=$(LSM_ALL) $(TEST_ARGS)
KERNEL_off := obj-off
ARGS_off = lsm=$(LSM_ON) $(TEST_ARGS)
# make run: the shell on a terminal, the scripted demo otherwise.
ARGS_run = lsm=$(LSM_ON) kunit.enable=0

# The boots: every name with a KERNEL_NAME.
BOOTS = $(patsubst KERNEL_%,%,$(filter KERNEL_%,$(.VARIABLES)))

# QEMU: TCG unless DN_KVM=1 (KVM hangs on the shared machine).  The
# command of boot NAME is $(call qemu,NAME): DN_VM_MEM and DN_VM_SMP
# unless MEM_NAME and SMP_NAME say otherwise, and QEMU_NAME added.
DN_KVM ?= 0
DN_VM_MEM ?= 1024
DN_VM_SMP ?= 1
qemu = qemu-system-x86_64 $(if $(filter 1,$(DN_KVM)),-accel kvm -cpu host,-accel tcg) \
	-m $(or $(MEM_$(1)),$(DN_VM_MEM)) -smp $(or $(SMP_$(1)),$(DN_VM_SMP)) \
	-no-reboot -nodefaults -display none $(QEMU_$(1))
# The sanitizer kernel needs more memory, and concurrency more CPUs.
MEM_debug := 2048
SMP_debug := 2
# make bench: guest time counts guest instructions.  Pairs of boots, one
# without the module and one with it, under the same -seed (different
# across pairs, random unless DN_BENCH_SEEDS lists them); RDRAND and the
# RTC follow the seed and the instruction count.  norandmaps: with a
# randomized stack and heap, fork copies a different number of page
# tables from one exec to the next (about 2%), where the module has no
# hook.
QEMU_bench := -icount shift=0,sleep=off -cpu qemu64,+rdrand \
	-rtc base=2026-01-01T00:00:00,clock=vm
DN_BENCH_ARGS := nokaslr norandmaps dn.mode=bench kunit.enable=0 quiet
DN_BENCH_PAIRS ?= 5
DN_BENCH_JOBS ?= $(JOBS)
DN_BENCH_SEEDS ?=
export DN_BENCH_ARGS DN_BENCH_PAIRS DN_BENCH_JOBS DN_BENCH_SEEDS

# The stage of the plans below that each kernel and boot belongs to (the
# test kernel's is "kernel", a boot's "boot").
STAGE_obj-lint := lint
STAGE_obj-debug := debug
STAGE_obj-all-lsms := all-lsms
STAGE_obj-off := matrix
STAGE_obj-debian := debian
STAGE_obj-clang := clang
$(foreach c,$(MATRIX),$(eval STAGE_obj-matrix-$(c) := matrix))
STAGE_debug := debug
STAGE_all-lsms := all-lsms
STAGE_off := matrix

# The stages of each goal, in order.  A stage prints its place in the
# plan of the goal make was asked for: "[4/8] building obj/bzImage...".
PLAN_check := deps tree patches kernel lint userdocs selftests initramfs boot
PLAN_run := deps tree kernel selftests initramfs run
PLAN_bench := deps tree kernel selftests initramfs bench
PLAN_check-all := $(PLAN_check) bisect debug all-lsms matrix debian clang docs \
	deb image boot-system report-system
PLAN_deb := deps tree deb
PLAN_check-system := deps tree deb image boot-system report-system
PLAN_run-system := deps tree deb image run-system
DN_PLAN ?= $(firstword $(MAKECMDGOALS) check)
export DN_PLAN

# make deb, check-system, run-system: the series as Debian packages in a
# Debian 12 guest (scripts/system/).  The kernel package is obj-system:
# x86_64_defconfig and kvm_guest.config, what the guest needs, and
# Debian's CONFIG_LSM with disablenetwork appended.
SYSTEM := $(BUILD)/system
BASE_obj-system := x86_64_defconfig+kvm_guest.config
FRAGS_obj-system := configs/system.config $(BUILD)/debian-lsm.config
STAGE_obj-system := deb
SYSTEM_ROOTFS := $(shell find scripts/system/rootfs -type f)
# The guest's packages come from the mirror this machine's apt uses.
APT_SOURCES := $(wildcard /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	/etc/apt/sources.list.d/*.sources)
# Its boots: root on the virtio disk, opened with snapshot=on so that the
# image never changes; lsm= is added from $(SYSTEM)/lsm.
ARGS_system := root=/dev/vda ro dn.mode=check
ARGS_run-system := root=/dev/vda ro dn.mode=shell
QEMU_system = -drive file=$(SYSTEM)/disk.img,format=raw,if=virtio,snapshot=on \
	-device virtio-rng-pci
QEMU_run-system = $(QEMU_system)
SMP_system := 2
SMP_run-system := 2
TIMEOUT_system := 2400
