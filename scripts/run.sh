#!/usr/bin/env bash
# run.sh [GIC=2|3] [more make variables]: install what is missing, build
# zephyr.bin and boot it under Xen in QEMU, showing its output.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
make -j2 all
make run "$@"
