#!/usr/bin/env bash
# Build the referral-bot image without a Docker daemon: buildah with chroot isolation (works as root on these
# machines, where podman/crun cannot set rlimits). With a Docker daemon, `docker build .` is all you need.
#
#   scripts/build_image.sh            # builds localhost/referral-bot:latest
#
# The Dockerfile starts FROM python:3.11-slim. Where Docker Hub is out of reach (as here), set nothing: the script
# makes an equivalent base from Debian's own packages (debootstrap bookworm, minbase + python3, pip, venv, CA
# certificates) once, tags it localhost/python:3.11-slim-debian, and builds on it. USE_DOCKER_HUB=1 builds from
# python:3.11-slim instead.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="${IMAGE:-localhost/referral-bot:latest}"
LOCAL_BASE="localhost/python:3.11-slim-debian"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

install_tools() {
  command -v buildah >/dev/null && command -v debootstrap >/dev/null && return
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah debootstrap >/dev/null
}

make_local_base() {
  buildah inspect --type image "$LOCAL_BASE" >/dev/null 2>&1 && return
  local work; work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,ca-certificates \
    bookworm "$work/rootfs" "$MIRROR" >/dev/null
  # pip installs into the image's own Python, as in python:3.11-slim; `python` is the interpreter's name there.
  rm -f "$work"/rootfs/usr/lib/python3*/EXTERNALLY-MANAGED
  ln -sf python3 "$work/rootfs/usr/bin/python"
  # The build reaches PyPI through this machine's network: trust the same certificate authorities it does.
  cp /etc/ssl/certs/ca-certificates.crt "$work/rootfs/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
  local ctr; ctr="$(buildah from scratch)"
  buildah copy --quiet "$ctr" "$work/rootfs" / >/dev/null
  buildah config --env PIP_CERT=/etc/ssl/certs/ca-certificates.crt --cmd python3 "$ctr"
  buildah commit --quiet --rm "$ctr" "$LOCAL_BASE" >/dev/null
}

install_tools
if [ "${USE_DOCKER_HUB:-0}" = 1 ]; then
  base="python:3.11-slim"
else
  make_local_base
  base="$LOCAL_BASE"
fi
buildah bud --quiet --isolation chroot --build-arg "BASE_IMAGE=$base" \
  --label "org.referral-bot.source=$(python3 scripts/source_digest.py)" -t "$IMAGE" -f Dockerfile . >/dev/null
echo "built $IMAGE on $base"
