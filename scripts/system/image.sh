#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The guest image: a copy of the Debian base (base.sh) with the kernel and
# nonet packages installed by dpkg -i (initramfs-tools makes the initrd),
# scripts/system/rootfs/ laid over it, the test user, keys, repositories
# and units set up, and then an ext4 disk made from the directory with
# mke2fs -d: no loop mount.
#
#   image.sh SYSDIR
# reads SYSDIR/base, SYSDIR/kernel/linux-image-*.deb and
# SYSDIR/nonet/nonet_*.deb; writes SYSDIR/vmlinuz, SYSDIR/initrd.img and,
# last, SYSDIR/disk.img.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
umask 022

SYS=$(realpath -m "$1")
[ "$(id -u)" = 0 ] || die "the guest image is made as root (file owners must survive)"
shopt -s nullglob
kdebs=("$SYS"/kernel/linux-image-*.deb)
ndebs=("$SYS"/nonet/nonet_*.deb)
shopt -u nullglob
if [ ${#kdebs[@]} != 1 ] || [ ${#ndebs[@]} != 1 ]; then
	die "want one linux-image and one nonet package in $SYS/kernel and $SYS/nonet: run make deb"
fi
kdeb=${kdebs[0]} ndeb=${ndebs[0]}
krel=$(dpkg-deb -f "$kdeb" Package | sed 's/^linux-image-//')

root=$SYS/root
echo "  copying the base, dpkg -i $(basename "$kdeb") $(basename "$ndeb")..."
rm -rf "$root" "$SYS/disk.img"
cp -a "$SYS/base" "$root"
cleanup() {
	mountpoint -q "$root/proc" && umount "$root/proc"
	return 0
}
trap cleanup EXIT
# Owned by root, readable by all, whatever the checkout's umask was.
tar -C "$ROOT/scripts/system/rootfs" --owner=0 --group=0 \
	--mode=u+rwX,go+rX,go-w -c . | tar -C "$root" -x
rm -f "$root/etc/dn/empty.d/.keep"
ch() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# The kernel's postinst runs update-initramfs, which needs /proc.
mount -t proc proc "$root/proc"
cp "$kdeb" "$ndeb" "$root/tmp/"
run_logged "$LOGS/image-dpkg.log" ch dpkg -i "/tmp/$(basename "$kdeb")" \
	"/tmp/$(basename "$ndeb")"
rm -f "$root/tmp/"*.deb
[ -f "$root/boot/initrd.img-$krel" ] ||
	die "no initrd made for $krel; see $LOGS/image-dpkg.log"

echo "  the test user, keys, repositories and units..."
log=$LOGS/image-setup.log
: >"$log"
{
	# A normal user whose systemd runs from boot on (linger).
	ch useradd --create-home --uid 1000 --shell /bin/bash dn
	mkdir -p "$root/var/lib/systemd/linger"
	touch "$root/var/lib/systemd/linger/dn"
	# SSH host keys now, not at the first boot; dn logs in with a key.
	ch ssh-keygen -A
	ch runuser -u dn -- mkdir -m 700 /home/dn/.ssh
	ch runuser -u dn -- ssh-keygen -q -t ed25519 -N "" -f /home/dn/.ssh/id_ed25519
	cp "$root/home/dn/.ssh/id_ed25519.pub" "$root/home/dn/.ssh/authorized_keys"
	echo "127.0.0.1 $(cut -d' ' -f1,2 "$root/etc/ssh/ssh_host_ed25519_key.pub")" \
		>"$root/home/dn/.ssh/known_hosts"
	ch chown dn:dn /home/dn/.ssh/authorized_keys /home/dn/.ssh/known_hosts
	# The HTTP server's files: a page, a git repository (dumb HTTP) and
	# an apt repository with the nonet package.
	mkdir -p "$root/srv/www/apt"
	echo "disablenetwork test page" >"$root/srv/www/index.html"
	ch sh -c 'set -e; cd /tmp; rm -rf repo; git init -q -b main repo
		echo "disablenetwork test repository" >repo/README
		git -C repo add README
		git -C repo -c user.name=dn -c user.email=dn@dn.test commit -q -m test
		git clone -q --bare repo /srv/www/repo.git
		git -C /srv/www/repo.git update-server-info; rm -rf repo'
	cp "$ndeb" "$root/srv/www/apt/"
	ch sh -c 'cd /srv/www/apt && apt-ftparchive packages . >Packages &&
		apt-ftparchive release . >Release'
	# The confined program of the AppArmor row.
	cp "$root/usr/bin/cat" "$root/usr/local/bin/dn-aa-cat"
	# Units: the test services on; nscd only for its row; no network to
	# wait for at boot.
	ch systemctl enable dn-www.service dn-check.service dn-sock.socket \
		dn-sock-control.socket
	ch systemctl disable nscd.service
	ch systemctl mask systemd-networkd-wait-online.service \
		apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer
	# The guest's apt lists only the local repository.
	rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
} >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "guest setup failed"; }
umount "$root/proc"

cp "$root/boot/vmlinuz-$krel" "$SYS/vmlinuz"
cp "$root/boot/initrd.img-$krel" "$SYS/initrd.img"
echo "  mke2fs -d (initrd $(du -h "$SYS/initrd.img" | cut -f1), root $(du -sh "$root" | cut -f1))..."
rm -f "$SYS/disk.img.tmp"
run_logged "$LOGS/mke2fs.log" mke2fs -q -t ext4 -L dn-root -d "$root" \
	"$SYS/disk.img.tmp" 4G
mv "$SYS/disk.img.tmp" "$SYS/disk.img"
rm -rf "$root"
