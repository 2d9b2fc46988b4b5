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
}
