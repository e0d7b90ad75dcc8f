# shellcheck shell=sh
# make run-system: the banner, once, on the serial console.
if [ "$(tty)" = /dev/ttyS0 ] && grep -q 'dn.mode=shell' /proc/cmdline; then
	/usr/local/lib/dn/banner
fi
