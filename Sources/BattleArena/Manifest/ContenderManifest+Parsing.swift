import BattleCore
import BattleSuite
import Foundation

/// Why a manifest was refused: the file, the key or line when there is one,
/// and the fix. A TOML file error, like every TOML file battle reads.
public typealias ManifestError = TOMLFileError

extension ContenderManifest {
    static let topKeys: Set<String> = [
        "schema", "name", "display_name", "language", "framework", "driver", "approach", "tests", "description",
        "default", "suites", "toolchain", "build", "run", "tiers",
    ]
    static let toolchainKeys: Set<String> = ["requires", "version", "install_hint"]
    static let buildKeys: Set<String> = ["command", "clean", "artifact", "lockfile", "manifest", "sources"]
    static let runKeys: Set<String> = ["command", "env", "knobs", "ready_path", "startup_timeout", "stop_grace"]

    /// Parses and validates a manifest's text. `file` names it in errors;
    /// `folder` is where its relative paths start.
    public static func parse(_ text: String, file: String, folder: String) throws(ManifestError) -> ContenderManifest {
        try fields(
            TOMLReader.parse(text, file: file, syntaxHelp: "TOML syntax; see docs/MANIFEST.md"), file: file,
            folder: folder)
    }

    private static func fields(_ t: TOMLTable, file: String, folder: String) throws(ManifestError) -> ContenderManifest
    {
        try t.rejectUnknownKeys(topKeys, file: file)
        func fail(_ key: String, _ message: String) -> ManifestError {
            ManifestError(file: file, key: key, message: message)
        }

        guard let schemaValue = t["schema"] else { throw fail("schema", "missing; add `schema = 1` as the first line") }
        guard schemaValue.integer == Self.schemaVersion else {
            throw fail(
                "schema",
                "is \(schemaValue), but this battle reads manifest schema \(Self.schemaVersion); write `schema = 1` (docs/MANIFEST.md)"
            )
        }
        let name = try t.requiredString("name", file: file)
        guard !name.isEmpty, name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            throw fail(
                "name", "'\(name)' must be lower case letters, digits and '-' only, like \"rust\" or \"go-fasthttp\"")
        }
        let language = try t.requiredString("language", file: file)
        let framework = try t.requiredString("framework", file: file)
        let approachText = try t.requiredString("approach", file: file)
        guard let approach = Approach(rawValue: approachText) else {
            throw fail(
                "approach",
                "'\(approachText)' is not an approach; write \"realistic\" or \"stripped\" (docs/SUITE.md §5)")
        }
        guard let testNames = try t.optionalStrings("tests", file: file) else {
            throw fail("tests", "missing; list the tests implemented, e.g. tests = [\"plaintext\", \"json\"]")
        }
        var tests: [SuiteTest] = []
        for n in testNames {
            guard let test = SuiteTest.builtin(named: n) else {
                let known = SuiteTest.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("tests", "'\(n)' is not a suite test; use any of \(known)")
            }
            if !tests.contains(test) { tests.append(test) }
        }
        guard !tests.isEmpty else { throw fail("tests", "is empty; list at least one test, e.g. [\"plaintext\"]") }

        var inDefaultSet = true
        if let v = t["default"] {
            guard let b = v.bool else {
                throw fail(
                    "default",
                    "must be true or false without quotes, not \(v.typeName); `default = false` leaves the contender out of a plain `battle run`"
                )
            }
            inDefaultSet = b
        }

        var toolchain = Toolchain()
        if let tc = try t.optionalTable("toolchain", file: file) {
            try tc.rejectUnknownKeys(toolchainKeys, file: file, prefix: "toolchain.")
            toolchain.requires = try tc.optionalStrings("requires", file: file, prefix: "toolchain.") ?? []
            toolchain.versionCommand = try tc.optionalString("version", file: file, prefix: "toolchain.")
            toolchain.installHint = try tc.optionalString("install_hint", file: file, prefix: "toolchain.")
        }

        guard let b = try t.optionalTable("build", file: file) else {
            throw fail("build", "missing; add a [build] table with command and sources (docs/MANIFEST.md)")
        }
        try b.rejectUnknownKeys(buildKeys, file: file, prefix: "build.")
        guard let sources = try b.optionalStrings("sources", file: file, prefix: "build.") else {
            throw fail("build.sources", "missing; list globs of the source files, e.g. sources = [\"src/**/*.rs\"]")
        }
        guard !sources.isEmpty else {
            throw fail("build.sources", "is empty; list at least one glob, e.g. [\"src/**/*.rs\"]")
        }
        let build = Build(
            command: try nonEmpty(
                b.requiredString("command", file: file, prefix: "build."), key: "build.command", file: file),
            clean: try b.optionalString("clean", file: file, prefix: "build."),
            artifact: try b.optionalString("artifact", file: file, prefix: "build."),
            lockfile: try b.optionalString("lockfile", file: file, prefix: "build."),
            manifest: try b.optionalString("manifest", file: file, prefix: "build."),
            sources: sources)

        guard let r = try t.optionalTable("run", file: file) else {
            throw fail("run", "missing; add a [run] table with the command that starts the server")
        }
        try r.rejectUnknownKeys(runKeys, file: file, prefix: "run.")
        var run = Run(
            command: try nonEmpty(
                r.requiredString("command", file: file, prefix: "run."), key: "run.command", file: file))
        if let env = try r.optionalTable("env", file: file, prefix: "run.") {
            for (k, v) in env.entries {
                guard let s = v.string else {
                    throw fail("run.env.\(k)", "must be a string in quotes, not \(v.typeName): \(k) = \"...\"")
                }
                guard !k.hasPrefix("BATTLE_") else {
                    throw fail("run.env.\(k)", "BATTLE_ variables are set by the arena (docs/SUITE.md §4); remove it")
                }
                run.env[k] = s
            }
        }
        for k in try r.optionalStrings("knobs", file: file, prefix: "run.") ?? [] {
            guard !k.isEmpty, k.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }),
                !(k.first?.isNumber ?? true)
            else {
                throw fail(
                    "run.knobs",
                    "'\(k)' is not an environment variable name; write upper case letters, digits and '_', like \"GOGC\""
                )
            }
            guard !k.hasPrefix("BATTLE_") else {
                throw fail("run.knobs", "'\(k)': BATTLE_ variables are set by the arena (docs/SUITE.md §4); remove it")
            }
            if !run.knobs.contains(k) { run.knobs.append(k) }
        }
        if let p = try r.optionalString("ready_path", file: file, prefix: "run.") {
            guard p.hasPrefix("/") else {
                throw fail("run.ready_path", "'\(p)' must start with '/', like \"/plaintext\"")
            }
            run.readyPath = p
        }
        if let s = try r.optionalNumber("startup_timeout", file: file, prefix: "run.") {
            guard s > 0, s <= 600 else { throw fail("run.startup_timeout", "\(s) must be between 0 and 600 seconds") }
            run.startupTimeout = s
        }
        if let s = try r.optionalNumber("stop_grace", file: file, prefix: "run.") {
            guard s >= 0, s <= 120 else { throw fail("run.stop_grace", "\(s) must be between 0 and 120 seconds") }
            run.stopGrace = s
        }

        var driver: String?
        if let d = try t.optionalString("driver", file: file) {
            guard !d.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(
                    "driver",
                    "is empty; name the database driver and its version, like \"pgx v4.18.1\", or remove the key when there is none"
                )
            }
            driver = d
        }
        var tiers: [ContenderTier: TierSpec] = [:]
        if let tt = try t.optionalTable("tiers", file: file) {
            tiers = try parseTiers(tt, file: file, build: build, run: run)
        }

        var suites = [SuiteRecord.battleName]
        if let names = try t.optionalStrings("suites", file: file) {
            guard !names.isEmpty else {
                throw fail(
                    "suites",
                    "is empty; list the suites the contender implements, e.g. suites = [\"battle\", \"helpdesk\"], or remove the key (it means [\"battle\"])"
                )
            }
            suites = []
            for n in names {
                guard SuiteParser.isName(n) else {
                    throw fail(
                        "suites",
                        "'\(n)' is not a suite name; a suite's name is its suite.toml `name`: lower-case letters, digits, '-' and '_', like \"helpdesk\""
                    )
                }
                guard !suites.contains(n) else { throw fail("suites", "names '\(n)' twice; list each suite once") }
                suites.append(n)
            }
        }

        var manifest = ContenderManifest(
            folder: folder, file: file, name: name,
            displayName: try t.optionalString("display_name", file: file) ?? name,
            language: language, framework: framework, approach: approach, tests: tests.sorted(),
            description: try t.optionalString("description", file: file),
            toolchain: toolchain, build: build, run: run, inDefaultSet: inDefaultSet, driver: driver, tiers: tiers,
            baseName: name)
        manifest.suites = suites
        return manifest
    }

    private static func nonEmpty(_ s: String, key: String, file: String) throws(ManifestError) -> String {
        guard !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ManifestError(file: file, key: key, message: "is empty; give the command to run")
        }
        return s
    }
}
