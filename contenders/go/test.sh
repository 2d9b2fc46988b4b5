#!/usr/bin/env bash
# Runs the unit tests offline. The database tests run only when
# BATTLE_TEST_DB_URL names a seeded database (scripts/dev-postgres), e.g.
#   BATTLE_TEST_DB_URL=postgres://battle@127.0.0.1:25432/battle ./test.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/goenv.sh"
"$GO" vet ./...
"$GO" test -count=1 "$@" ./...
