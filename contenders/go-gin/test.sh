#!/usr/bin/env bash
# go vet and the unit tests, offline. The database tests run only when
# BATTLE_TEST_DB_URL names a seeded database (scripts/dev-postgres).
set -euo pipefail
GO_PACKAGES=(github.com/gin-gonic/gin github.com/jackc/pgx/v4/pgxpool)
source "$(dirname "${BASH_SOURCE[0]}")/goenv.sh"
"$GO" vet .
"$GO" test -count=1 "$@" .
