#!/usr/bin/env bash
# Starts the test services if needed, then runs every test target; arguments go to `cargo test`.
#   scripts/test.sh                      # everything
#   scripts/test.sh --test contract flows::   # one binary, filtered
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/test-services.sh
exec cargo test --all-targets "$@"
