#!/usr/bin/env bash
# Maakt lokaal de twee publieke basisimages waar de `Dockerfile` op bouwt, voor een
# machine die geen containerregistry bereikt (zoals de ontwikkelmachine van dit
# project: alleen de pakketbronnen van Debian en crates.io zijn bereikbaar).
#
# - docker.io/library/debian:bookworm-slim  uit `debootstrap --variant=minbase bookworm`
# - docker.io/library/rust:1.95-bookworm     hetzelfde, met gcc en libc6-dev, en de
#                                             Rust-toolchain van deze machine (rustup)
#
# Daarna bouwt `podman build` de ongewijzigde Dockerfile. Met toegang tot Docker Hub is
# dit script niet nodig. Draait als root (debootstrap, podman zonder rootless).
set -euo pipefail
# Podman in deze sandbox: zie deploy/containers.conf.
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "$0")" && pwd)/containers.conf}"

command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
command -v podman >/dev/null || apt-get install -y -qq podman runc >/dev/null

werk="$(mktemp -d)"
trap 'rm -rf "$werk"' EXIT
spiegel="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if ! podman image exists docker.io/library/debian:bookworm-slim; then
  debootstrap --variant=minbase bookworm "$werk/slim" "$spiegel" >/dev/null
  rm -rf "$werk/slim/var/cache/apt/archives/"*.deb "$werk/slim/var/lib/apt/lists/"*
  tar -C "$werk/slim" -c . | podman import - docker.io/library/debian:bookworm-slim >/dev/null
  echo "basisimage debian:bookworm-slim gemaakt"
fi

if ! podman image exists docker.io/library/rust:1.95-bookworm; then
  toolchain="$(rustc --print sysroot)"
  rustc --version | grep -q '^rustc 1\.95\.' || { echo "rustc 1.95 nodig, gevonden: $(rustc --version)" >&2; exit 1; }
  debootstrap --variant=minbase --include=gcc,libc6-dev,ca-certificates bookworm "$werk/rust" "$spiegel" >/dev/null
  mkdir -p "$werk/rust/usr/local/rust"
  # Zonder de documentatie (share/doc): die hoort niet in een bouwimage.
  tar -C "$toolchain" --exclude=./share/doc -c . | tar -C "$werk/rust/usr/local/rust" -x
  # De certificaten van deze machine, met de CA van haar uitgaande proxy: zo bereikt
  # cargo in de bouwstap crates.io zoals de machine zelf.
  cp /etc/ssl/certs/ca-certificates.crt "$werk/rust/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$werk/rust/var/cache/apt/archives/"*.deb "$werk/rust/var/lib/apt/lists/"*
  tar -C "$werk/rust" -c . | podman import \
    --change 'ENV PATH=/usr/local/rust/bin:/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV CARGO_HOME=/usr/local/cargo' \
    - docker.io/library/rust:1.95-bookworm >/dev/null
  echo "basisimage rust:1.95-bookworm gemaakt"
fi
