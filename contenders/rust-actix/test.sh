#!/bin/sh
# The unit tests, offline (as scripts/test runs them). Extra arguments go to cargo test.
set -eu
. "$(dirname "$0")/cargo.sh"
cargo_offline test --quiet "$@"
