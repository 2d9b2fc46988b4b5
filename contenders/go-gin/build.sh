#!/usr/bin/env bash
# Builds bin/battle-go-gin offline, after scripts/bootstrap.
set -euo pipefail
GO_PACKAGES=(github.com/gin-gonic/gin github.com/jackc/pgx/v4/pgxpool)
source "$(dirname "${BASH_SOURCE[0]}")/goenv.sh"
"$GO" build -trimpath -o bin/battle-go-gin .
# The modules compiled in, as a go.mod battle counts dependencies from
# (build.manifest/lockfile): GOPATH mode has no go.mod of its own.
GO="$GO" "$BATTLE_ROOT/scripts/go-gopath-deps" >bin/go.mod
