module battle-go

go 1.24

require (
	github.com/golang-jwt/jwt/v5 v5.2.2
	github.com/lib/pq v1.10.7
)

// lib/pq comes from Debian (golang-github-lib-pq-dev), installed by
// scripts/bootstrap; the build is offline (GOPROXY=off).
replace github.com/lib/pq => /usr/share/gocode/src/github.com/lib/pq

// golang-jwt v5 comes from Debian 13 (golang-github-golang-jwt-jwt-v5-dev),
// which scripts/bootstrap unpacks under $BATTLE_TOOLS/trixie/root. That
// path moves with BATTLE_TOOLS, so its replace is not written here:
// goenv.sh writes it into a workspace file, .gocache/go.work (GOWORK).
