#!/bin/sh
# The unit tests (as scripts/test runs them): a debug build of the package and
# its tests, then swift test. Extra arguments go to swift test.
set -eu
cd "$(dirname "$0")"
exec swift test --package-path . "$@"
