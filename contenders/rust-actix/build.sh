#!/bin/sh
# Builds target/release/battle-rust-actix offline from Debian 13's packaged
# crates (unpacked by scripts/bootstrap; see .cargo/config.toml).
set -eu
. "$(dirname "$0")/cargo.sh"
cargo_offline build --release
