#!/usr/bin/env bash
# Builds bin/battle-go-gin offline, after scripts/bootstrap.
set -euo pipefail
GO_PACKAGES=(github.com/gin-gonic/gin github.com/jackc/pgx/v4/pgxpool)
source "$(dirname "${BASH_SOURCE[0]}")/goenv.sh"
"$GO" build -trimpath -o bin/battle-go-gin .
