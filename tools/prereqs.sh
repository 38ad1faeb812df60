#!/usr/bin/env bash
# Installs the Debian packages the build needs, only those missing, so a fresh Debian 12 machine with just the
# .NET SDK can run ./build.sh. Idempotent: a second run touches nothing. Prints one line; details go to the log.
#   usage: tools/prereqs.sh [TARGET]   the arm64 cross toolchain and qemu only for the targets that use them
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
LOG="$REPO/artifacts/logs/prereqs.log"
mkdir -p "$(dirname "$LOG")"
target=${1:-}

# Native AOT links with `clang`; Debian 12's image may carry only clang-14, and the `clang` package adds the name.
# zlib1g-dev: the AOT runtime links libz. jq: the benchmark report. etcd-server: the shared storage of the
# two-node Vault HA cluster in the end-to-end tests. The rest is what ../shared/vault-host/build.sh needs (it
# would install them itself, noisily).
PKGS=(clang zlib1g-dev jq etcd-server
      golang-go protobuf-compiler libprotobuf-dev protoc-gen-go protoc-gen-go-grpc
      golang-github-hashicorp-go-plugin-dev golang-github-hashicorp-go-hclog-dev
      golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev)
# Native AOT for linux-arm64: clang drives lld with the aarch64 GNU binutils, libc and libgcc.
ARM64_BUILD=(lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross)
# Running that binary here: qemu's user-mode emulator plus the arm64 libssl the plugin loads at run time.
ARM64_RUN=(qemu-user-static libc6:arm64 libssl3:arm64)

foreign=()
case "$target" in
    PublishArm64) PKGS+=("${ARM64_BUILD[@]}") ;;
    ConformanceArm64|Test) PKGS+=("${ARM64_BUILD[@]}" "${ARM64_RUN[@]}"); foreign=(arm64) ;;
esac

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "prereqs: all ${#PKGS[@]} packages present"
    exit 0
fi

SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo)
echo "prereqs: installing ${missing[*]} (log: $LOG)"
{
    for arch in "${foreign[@]}"; do
        dpkg --print-foreign-architectures | grep -qx "$arch" || "${SUDO[@]}" dpkg --add-architecture "$arch"
    done
    "${SUDO[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
} >"$LOG" 2>&1 || { echo "prereqs: apt-get failed, last lines of $LOG:" >&2; tail -n 20 "$LOG" >&2; exit 1; }
command -v clang >/dev/null || { echo "prereqs: clang still not on PATH" >&2; exit 1; }
command -v etcd >/dev/null || { echo "prereqs: etcd still not on PATH" >&2; exit 1; }
