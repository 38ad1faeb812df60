#!/bin/sh
# Runs the linux-arm64 plugin under qemu's user-mode emulator, so a host on x64 can start it as Vault would
# (go-plugin's environment and arguments pass through). Used by `./build.sh ConformanceArm64`.
#   Binary: $ARM64_PLUGIN, else artifacts/publish-arm64/vault-plugin-auth-ec2-instance.
REPO=$(cd "$(dirname "$0")/.." && pwd)
exec qemu-aarch64-static "${ARM64_PLUGIN:-$REPO/artifacts/publish-arm64/vault-plugin-auth-ec2-instance}" "$@"
