#!/usr/bin/env bash
# check.sh: install what is missing, then build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
make -j2 all tools
make check
