/// How a stack is configured (docs/MANIFEST.md, "Tiers"): `idiomatic` is the
/// manifest as written, what a competent team writes from the framework's own
/// documentation; `tuned` adds the named settings the stack's experts publish
/// (`[tiers.tuned]`), each with where they document it.
public enum ContenderTier: String, Codable, Sendable, CaseIterable, Comparable {
    case idiomatic, tuned

    public static func < (a: ContenderTier, b: ContenderTier) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// One setting of a tier: an environment variable given to the build or to
/// the server, and where the stack's experts document it.
public struct TierSetting: Codable, Sendable, Equatable {
    public enum Phase: String, Codable, Sendable {
        /// Given to the build commands (`CARGO_PROFILE_RELEASE_LTO`).
        case build
        /// Given to the server (`GOGC`, `BATTLE_HYPER_PIPELINE_FLUSH`).
        case run
    }

    public var name: String
    public var value: String
    public var phase: Phase
    /// Where the stack's experts document it: a document and section, a file of a reference implementation.
    public var source: String

    public init(name: String, value: String, phase: Phase, source: String) {
        self.name = name
        self.value = value
        self.phase = phase
        self.source = source
    }

    /// `NAME=VALUE`
    public var assignment: String { "\(name)=\(value)" }
}

extension ContenderResult {
    /// The framework with the database driver when the manifest names one:
    /// `gin 1.8.1 ...; driver: pgx v4.18.1`. Reports show this wherever they show the framework.
    public var frameworkAndDriver: String {
        guard let driver, !driver.isEmpty else { return framework }
        return framework + "; driver: " + driver
    }
}

extension RunResults {
    /// Which tier the run's entries are, for every report's header and the
    /// verdict's notes; nil for files written before tiers were recorded.
    public var tierLine: String? {
        let tiers = contenders.compactMap(\.tier)
        guard !tiers.isEmpty else { return nil }
        let tuned = tiers.filter { $0 == .tuned }.count
        let idiomatic = tiers.count - tuned
        if tuned == 0 {
            return "Tier: idiomatic (every stack as its framework's documentation writes it, defaults kept)"
        }
        if idiomatic == 0 {
            return
                "Tier: tuned (every stack with the settings its experts publish; each entry's settings and their sources are in results.json)"
        }
        return
            "Tiers mixed: \(idiomatic) idiomatic and \(tuned) tuned entr\(tuned == 1 ? "y" : "ies") (marked \"(tuned)\"); a comparison between entries of different tiers compares configurations as well as stacks"
    }

    /// Whether the entries are of more than one tier.
    public var mixesTiers: Bool { Set(contenders.compactMap(\.tier)).count > 1 }
}
