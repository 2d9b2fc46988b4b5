#!/bin/sh
# Release build of the Vapor contender (run from this folder by `battle run`).
# Dependencies resolve from the package mirror configured on the machine;
# Package.resolved is not committed, so versions come from Package.swift's
# exact pins (Vapor's own dependencies resolve within its ranges).
set -eu
cd "$(dirname "$0")"
# The tuned tier (contender.toml, [tiers.tuned.build.env]) sets these; the
# idiomatic build leaves them unset: default flags, into .build.
flags=""
if [ "${BATTLE_SWIFT_CROSS_MODULE_OPTIMIZATION:-0}" = 1 ]; then
  flags="$flags -Xswiftc -cross-module-optimization"
fi
if [ "${BATTLE_SWIFT_EXCLUSIVITY_UNCHECKED:-0}" = 1 ]; then
  flags="$flags -Xswiftc -enforce-exclusivity=unchecked"
fi
# $flags is split into words on purpose.
# shellcheck disable=SC2086
exec swift build -c release --package-path . --product BattleVaporServer --scratch-path "${BATTLE_SWIFT_SCRATCH_PATH:-.build}" $flags
