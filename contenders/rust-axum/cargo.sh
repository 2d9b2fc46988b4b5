# Sourced by build.sh and test.sh: runs cargo offline against Debian 13's
# crates that scripts/bootstrap unpacked into $BATTLE_TOOLS/trixie/root.
here=$(cd "$(dirname "$0")" && pwd)
BATTLE_ROOT=${BATTLE_ROOT:-$(cd "$here/../.." && pwd)}
BATTLE_TOOLS=${BATTLE_TOOLS:-$BATTLE_ROOT/.tools}
registry=$BATTLE_TOOLS/trixie/root/usr/share/cargo/registry
if [ ! -d "$registry/axum-0.7.9" ]; then
  echo "$(basename "$here"): Debian 13's Rust crates are missing from $registry; run scripts/bootstrap" >&2
  exit 1
fi
cd "$here"
cargo_offline() { cargo "$@" --offline --locked --config "source.debian13.directory=\"$registry\""; }
