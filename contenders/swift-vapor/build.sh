#!/bin/sh
# Release build of the Vapor contender (run from this folder by `battle run`).
# Dependencies resolve from the package mirror configured on the machine;
# Package.resolved is not committed, so versions come from Package.swift's
# exact pins (Vapor's own dependencies resolve within its ranges).
set -eu
cd "$(dirname "$0")"
exec swift build -c release --package-path . --product BattleVaporServer
