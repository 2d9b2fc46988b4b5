import BattleCore

/// A contender's `contender.toml` (docs/MANIFEST.md), validated.
public struct ContenderManifest: Sendable, Equatable {
    public static let schemaVersion = 1

    /// The folder holding the manifest; commands run here and paths are relative to it.
    public var folder: String
    /// The manifest file, for error messages.
    public var file: String
    public var name: String
    public var displayName: String
    public var language: String
    public var framework: String
    public var approach: Approach
    public var tests: [SuiteTest]
    public var description: String?
    public var toolchain: Toolchain
    public var build: Build
    public var run: Run
    /// `default = false` leaves the contender out of a plain `battle run`;
    /// `--all`, `--only` or `--contender` still take it.
    public var inDefaultSet: Bool = true
    /// The database driver, shown with the framework (`pgx v4.18.1`, `lib/pq 1.10.7`).
    public var driver: String?
    /// The tiers the manifest declares beyond the idiomatic one (`[tiers.tuned]`).
    public var tiers: [ContenderTier: TierSpec] = [:]
    /// The tier this manifest is configured for: `idiomatic` as parsed,
    /// `tuned` once `configured(for:)` has applied `[tiers.tuned]`.
    public var tier: ContenderTier = .idiomatic
    /// The settings `configured(for:)` applied, build ones first.
    public var tierSettings: [TierSetting] = []
    /// The manifest's own `name`: the same for every tier of the contender
    /// (`name` of a tuned configuration is `NAME+tuned`).
    public var baseName: String = ""
    /// The suites the contender implements, by name (`suites`; absent means `["battle"]`).
    /// `battle run --suite DIR` runs the contenders that list that suite's `name`.
    public var suites: [String] = ["battle"]

    public enum Approach: String, Sendable, CaseIterable { case realistic, stripped }

    public struct Toolchain: Sendable, Equatable {
        public var requires: [String] = []
        public var versionCommand: String?
        public var installHint: String?
    }

    public struct Build: Sendable, Equatable {
        public var command: String
        public var clean: String?
        public var artifact: String?
        public var lockfile: String?
        public var manifest: String?
        public var sources: [String]
        /// Extra environment of the build commands (a tier's build settings).
        public var env: [String: String] = [:]
    }

    public struct Run: Sendable, Equatable {
        public var command: String
        public var env: [String: String] = [:]
        /// Runtime knobs users commonly change (`GOGC`, `GOMEMLIMIT`): environment
        /// variables `battle run --env NAME:KNOB=VALUE` may set. A run without
        /// `--env` removes them from the environment, so the runtime's defaults apply.
        public var knobs: [String] = []
        public var readyPath: String = "/plaintext"
        public var startupTimeout: Double = 30
        public var stopGrace: Double = 10
    }

    /// A tier beyond the idiomatic one (`[tiers.tuned]`): settings with their
    /// sources, and where its build goes when it has build settings.
    public struct TierSpec: Sendable, Equatable {
        /// One line on what the tier changes.
        public var summary: String?
        /// The build's artifact, when build settings make another binary (`tiers.T.build.artifact`).
        public var artifact: String?
        /// The clean command of that build (`tiers.T.build.clean`).
        public var clean: String?
        /// The command starting that build's server (`tiers.T.run.command`).
        public var runCommand: String?
        /// Build settings, then run settings, each in file order.
        public var settings: [TierSetting] = []
    }
}
