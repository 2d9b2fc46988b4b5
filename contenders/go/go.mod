module battle-go

go 1.24

require github.com/lib/pq v1.10.7

// lib/pq comes from Debian (golang-github-lib-pq-dev), installed by
// scripts/bootstrap; the build is offline (GOPROXY=off).
replace github.com/lib/pq => /usr/share/gocode/src/github.com/lib/pq
