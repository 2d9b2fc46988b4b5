import BattleCore

/// `[tiers.tuned]`: the settings a stack's experts publish, as environment of
/// the build and of the server, each with its source (docs/MANIFEST.md, "Tiers").
extension ContenderManifest {
    static let tierKeys: Set<String> = ["summary", "build", "run"]
    static let tierBuildKeys: Set<String> = ["artifact", "clean", "env"]
    static let tierRunKeys: Set<String> = ["command", "env"]
    static let settingKeys: Set<String> = ["value", "source"]

    /// The variables the arena sets for every server or build (docs/SUITE.md §4,
    /// docs/MANIFEST.md): a tier cannot set them.
    static let arenaVariables: Set<String> = [
        "BATTLE_HOST", "BATTLE_PORT", "BATTLE_WORKERS", "BATTLE_LIVE_HEAP_MB", "BATTLE_ROOT", "BATTLE_TOOLS",
        "BATTLE_DB_HOST", "BATTLE_DB_PORT", "BATTLE_DB_NAME", "BATTLE_DB_USER", "BATTLE_DB_PASSWORD", "BATTLE_DB_URL",
        "BATTLE_DB_POOL",
    ]

    /// Reads the `[tiers]` table; `build` and `run` are the manifest's own,
    /// which a tier's build output must not collide with.
    static func parseTiers(
        _ t: TOMLTable, file: String, build: Build, run: Run
    ) throws(ManifestError) -> [ContenderTier: TierSpec] {
        func fail(_ key: String, _ message: String) -> ManifestError {
            ManifestError(file: file, key: key, message: message)
        }
        var out: [ContenderTier: TierSpec] = [:]
        for (name, value) in t.entries {
            guard let tier = ContenderTier(rawValue: name), tier != .idiomatic else {
                if name == ContenderTier.idiomatic.rawValue {
                    throw fail(
                        "tiers.idiomatic",
                        "the idiomatic tier is the manifest itself ([build] and [run]); remove [tiers.idiomatic] and keep its settings there"
                    )
                }
                throw fail(
                    "tiers.\(name)", "'\(name)' is not a tier; the tier beyond the manifest itself is [tiers.tuned]")
            }
            let key = "tiers.\(name)"
            guard let table = value.table else {
                throw fail(key, "must be a table ([\(key)]), not \(value.typeName)")
            }
            out[tier] = try parseTier(table, key: key, file: file, build: build, run: run)
        }
        return out
    }

    private static func parseTier(
        _ t: TOMLTable, key: String, file: String, build: Build, run: Run
    ) throws(ManifestError) -> TierSpec {
        func fail(_ k: String, _ message: String) -> ManifestError {
            ManifestError(file: file, key: k, message: message)
        }
        try t.rejectUnknownKeys(tierKeys, file: file, prefix: key + ".")
        var spec = TierSpec(summary: try t.optionalString("summary", file: file, prefix: key + "."))
        var buildSettings: [TierSetting] = []
        if let b = try t.optionalTable("build", file: file, prefix: key + ".") {
            let prefix = key + ".build."
            try b.rejectUnknownKeys(tierBuildKeys, file: file, prefix: prefix)
            spec.artifact = try b.optionalString("artifact", file: file, prefix: prefix)
            spec.clean = try b.optionalString("clean", file: file, prefix: prefix)
            if let env = try b.optionalTable("env", file: file, prefix: prefix) {
                buildSettings = try settings(env, key: prefix + "env", phase: .build, file: file)
            }
        }
        var runSettings: [TierSetting] = []
        if let r = try t.optionalTable("run", file: file, prefix: key + ".") {
            let prefix = key + ".run."
            try r.rejectUnknownKeys(tierRunKeys, file: file, prefix: prefix)
            if let c = try r.optionalString("command", file: file, prefix: prefix) {
                guard !c.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail(prefix + "command", "is empty; give the command that starts this tier's build")
                }
                spec.runCommand = c
            }
            if let env = try r.optionalTable("env", file: file, prefix: prefix) {
                runSettings = try settings(env, key: prefix + "env", phase: .run, file: file)
            }
        }
        spec.settings = buildSettings + runSettings
        guard !spec.settings.isEmpty else {
            throw fail(
                key,
                "declares no setting; a tier is a named set of settings: add [\(key).run.env] or [\(key).build.env] with NAME = { value = \"...\", source = \"where its experts document it\" }"
            )
        }
        // Build settings make another binary: it must not overwrite the idiomatic one,
        // nor may cleaning it delete the idiomatic build.
        guard !buildSettings.isEmpty else { return spec }
        let example = "for Cargo, CARGO_TARGET_DIR = { value = \"target/tuned\", ... } in [\(key).build.env]"
        guard let command = spec.runCommand else {
            throw fail(
                "\(key).run.command",
                "missing; build settings make another binary, which must not overwrite the idiomatic one: build it into its own folder (\(example)) and give the command that starts it here"
            )
        }
        guard command != run.command else {
            throw fail(
                "\(key).run.command",
                "is the idiomatic run.command; build settings make another binary: build it into its own folder (\(example)) and start it from there"
            )
        }
        if let artifact = build.artifact {
            guard let own = spec.artifact else {
                throw fail(
                    "\(key).build.artifact",
                    "missing; build.artifact is '\(artifact)', and this tier's build settings make another binary: give where it is built"
                )
            }
            guard own != artifact else {
                throw fail(
                    "\(key).build.artifact",
                    "is the idiomatic build.artifact '\(artifact)'; build this tier into its own folder (\(example))")
            }
        }
        if let clean = build.clean {
            guard let own = spec.clean else {
                throw fail(
                    "\(key).build.clean",
                    "missing; build.clean ('\(clean)') would delete the idiomatic build too: give a command that cleans only this tier's folder, like \"rm -rf target/tuned\""
                )
            }
            guard own != clean else {
                throw fail(
                    "\(key).build.clean",
                    "is the idiomatic build.clean, which would delete the idiomatic build too; clean only this tier's folder"
                )
            }
        }
        return spec
    }

    /// `NAME = { value = "...", source = "..." }` entries, in file order.
    private static func settings(
        _ env: TOMLTable, key: String, phase: TierSetting.Phase, file: String
    ) throws(ManifestError) -> [TierSetting] {
        var out: [TierSetting] = []
        for (name, value) in env.entries {
            let k = "\(key).\(name)"
            func fail(_ message: String) -> ManifestError { ManifestError(file: file, key: k, message: message) }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
                !(name.first?.isNumber ?? true)
            else {
                throw fail("is not an environment variable name; write letters, digits and '_', like GOGC")
            }
            guard !arenaVariables.contains(name) else {
                throw fail("\(name) is set by the arena (docs/SUITE.md §4); a tier cannot change it, remove it")
            }
            let form = "\(name) = { value = \"...\", source = \"where its experts document it\" }"
            guard let t = value.table else {
                throw fail("give the value with where its experts document it: \(form)")
            }
            try t.rejectUnknownKeys(settingKeys, file: file, prefix: k + ".")
            guard let v = t["value"] else { throw fail("has no value; write \(form)") }
            guard let text = v.string else {
                throw ManifestError(
                    file: file, key: k + ".value",
                    message: "must be a string in quotes, not \(v.typeName): value = \"\(v)\"")
            }
            let source = try t.optionalString("source", file: file, prefix: k + ".") ?? ""
            guard !source.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ManifestError(
                    file: file, key: k + ".source",
                    message:
                        "missing; name where the stack's experts document this setting (a document and section, or a reference implementation's file)"
                )
            }
            out.append(TierSetting(name: name, value: text, phase: phase, source: source))
        }
        return out
    }

    /// This contender configured for `tier`: itself for `idiomatic`; for
    /// `tuned`, a configuration named `NAME+tuned` ("… (tuned)" in reports)
    /// with the tier's settings added to the build's and the server's
    /// environment (a tier's setting wins over `run.env`) and its own build
    /// output; nil when the manifest declares no such tier.
    public func configured(for tier: ContenderTier) -> ContenderManifest? {
        guard tier != .idiomatic else { return self }
        guard let spec = tiers[tier] else { return nil }
        var m = self
        m.tier = tier
        m.tierSettings = spec.settings
        m.name = "\(baseName)+\(tier.rawValue)"
        m.displayName = "\(displayName) (\(tier.rawValue))"
        if let a = spec.artifact { m.build.artifact = a }
        if let c = spec.clean { m.build.clean = c }
        if let c = spec.runCommand { m.run.command = c }
        for s in spec.settings {
            switch s.phase {
            case .build: m.build.env[s.name] = s.value
            case .run: m.run.env[s.name] = s.value
            }
        }
        return m
    }
}
