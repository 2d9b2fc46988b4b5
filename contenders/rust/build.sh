#!/bin/sh
# Builds target/release/battle-rust offline from Debian's packaged crates
# (installed by scripts/bootstrap; see .cargo/config.toml). Run from this folder.
set -eu
cd "$(dirname "$0")"
if [ ! -d /usr/share/cargo/registry/hyper-0.14.19 ]; then
  echo "build.sh: Debian's Rust crates are missing from /usr/share/cargo/registry; run scripts/bootstrap" >&2
  exit 1
fi
exec cargo build --release --offline --locked
