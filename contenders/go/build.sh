#!/usr/bin/env bash
# Builds bin/battle-go offline, after scripts/bootstrap.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/goenv.sh"
"$GO" build -trimpath -o bin/battle-go .
