#!/bin/sh
# The shared crate's own unit tests (catalog, orders, config), offline against
# Debian 12's packaged crates. Extra arguments go to cargo test.
set -eu
cd "$(dirname "$0")"
exec cargo test --offline "$@"
