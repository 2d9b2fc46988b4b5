import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// `[tiers.tuned]` and `driver` in contender.toml (docs/MANIFEST.md,
/// "Tiers"), and `battle run --tier`'s expansion of the contenders.
@Suite struct TierManifestTests {
    static let base = """
        schema = 1
        name = "rust"
        display_name = "Rust · hyper"
        language = "Rust"
        framework = "hyper 0.14"
        driver = "tokio-postgres 0.7.7"
        approach = "realistic"
        tests = ["plaintext", "db"]

        [build]
        command = "./build.sh"
        clean = "rm -rf target"
        artifact = "target/release/battle-rust"
        sources = ["src/*.rs"]

        [run]
        command = "target/release/battle-rust"
        env = { RUST_LOG = "error", BOTH = "run" }

        """

    static let tuned = """
        [tiers.tuned]
        summary = "TechEmpower's release profile and hyper's pipeline flush"

        [tiers.tuned.build]
        artifact = "target/tuned/release/battle-rust"
        clean = "rm -rf target/tuned"

        [tiers.tuned.build.env]
        CARGO_TARGET_DIR = { value = "target/tuned", source = "The Cargo Book, Environment variables" }
        CARGO_PROFILE_RELEASE_LTO = { value = "fat", source = "The Cargo Book, Profiles: lto" }

        [tiers.tuned.run]
        command = "target/tuned/release/battle-rust"

        [tiers.tuned.run.env]
        BATTLE_HYPER_PIPELINE_FLUSH = { value = "1", source = "hyper 0.14 docs, Builder::http1_pipeline_flush" }
        BOTH = { value = "tier", source = "s" }
        """

    func parse(_ text: String) throws(ManifestError) -> ContenderManifest {
        try ContenderManifest.parse(text, file: "contenders/rust/contender.toml", folder: "/r/contenders/rust")
    }

    /// The error `text` is refused with; fails the test when it parses.
    func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ManifestError? {
        do {
            _ = try parse(text)
            Issue.record("parsed, expected an error", sourceLocation: sourceLocation)
            return nil
        } catch { return error }
    }

    @Test func parsesTheTunedTierAndTheDriver() throws {
        let m = try parse(Self.base + Self.tuned)
        #expect(m.driver == "tokio-postgres 0.7.7")
        #expect(m.tier == .idiomatic)
        #expect(m.baseName == "rust")
        let spec = try #require(m.tiers[.tuned])
        #expect(spec.summary == "TechEmpower's release profile and hyper's pipeline flush")
        #expect(spec.artifact == "target/tuned/release/battle-rust")
        #expect(spec.clean == "rm -rf target/tuned")
        #expect(spec.runCommand == "target/tuned/release/battle-rust")
        // Build settings first, then run settings, each in file order.
        #expect(
            spec.settings.map(\.name) == [
                "CARGO_TARGET_DIR", "CARGO_PROFILE_RELEASE_LTO", "BATTLE_HYPER_PIPELINE_FLUSH", "BOTH",
            ])
        #expect(
            spec.settings[1]
                == TierSetting(
                    name: "CARGO_PROFILE_RELEASE_LTO", value: "fat", phase: .build,
                    source: "The Cargo Book, Profiles: lto"))
        #expect(spec.settings[2].phase == .run)
    }

    @Test func aManifestWithoutTiersOrDriverStillParses() throws {
        let m = try parse(
            Self.base.replacingOccurrences(of: "driver = \"tokio-postgres 0.7.7\"\n", with: ""))
        #expect(m.driver == nil)
        #expect(m.tiers.isEmpty)
        #expect(m.configured(for: .tuned) == nil)
        #expect(m.configured(for: .idiomatic) == m)
    }

    @Test func theTunedConfigurationIsTheSameContenderWithTheSettings() throws {
        let m = try parse(Self.base + Self.tuned)
        let t = try #require(m.configured(for: .tuned))
        #expect(t.name == "rust+tuned")
        #expect(t.baseName == "rust")
        #expect(t.displayName == "Rust · hyper (tuned)")
        #expect(t.tier == .tuned)
        #expect(t.tierSettings == m.tiers[.tuned]?.settings)
        #expect(t.build.artifact == "target/tuned/release/battle-rust")
        #expect(t.build.clean == "rm -rf target/tuned")
        #expect(t.build.command == m.build.command)
        #expect(t.build.env == ["CARGO_TARGET_DIR": "target/tuned", "CARGO_PROFILE_RELEASE_LTO": "fat"])
        #expect(t.run.command == "target/tuned/release/battle-rust")
        // A tier's setting wins over run.env; the rest of run.env stays.
        #expect(t.run.env == ["RUST_LOG": "error", "BOTH": "tier", "BATTLE_HYPER_PIPELINE_FLUSH": "1"])
        #expect(t.folder == m.folder && t.tests == m.tests && t.driver == m.driver)
    }

    @Test func aTierWithRunSettingsOnlyKeepsTheIdiomaticBuild() throws {
        let m = try parse(
            Self.base + """
                [tiers.tuned.run.env]
                GOGC = { value = "200", source = "A Guide to the Go Garbage Collector, GOGC" }
                """)
        let t = try #require(m.configured(for: .tuned))
        #expect(t.build == m.build)
        #expect(t.run.command == m.run.command)
        #expect(t.run.env["GOGC"] == "200")
    }

    @Test func theBuildAndServerGetTheSettings() throws {
        let t = try #require(try parse(Self.base + Self.tuned).configured(for: .tuned))
        let builder = Builder(
            root: "/r", tools: "/t", logFolder: "/tmp", skipCleanBuild: true,
            environment: ["PATH": "/bin", "CARGO_PROFILE_RELEASE_LTO": "off"], logs: LogAppender { _ in })
        let env = builder.buildEnvironment(t)
        #expect(env["CARGO_PROFILE_RELEASE_LTO"] == "fat")
        #expect(env["CARGO_TARGET_DIR"] == "target/tuned")
        #expect(env["BATTLE_ROOT"] == "/r")
        let server = ContenderServer.environment(
            base: [:], manifest: t, port: 1, database: DatabaseEndpoint(port: 5432), workers: 1, pool: 1,
            liveHeapMB: 0, root: "/r", tools: "/t")
        #expect(server["BATTLE_HYPER_PIPELINE_FLUSH"] == "1")
        #expect(server["CARGO_PROFILE_RELEASE_LTO"] == nil)
    }

    // MARK: every refusal names the file, the key and the fix

    @Test func refusesTheIdiomaticAndUnknownTiers() {
        let idiomatic = error(Self.base + "[tiers.idiomatic]\nsummary = \"x\"\n")
        #expect(idiomatic?.file == "contenders/rust/contender.toml")
        #expect(idiomatic?.key == "tiers.idiomatic")
        #expect(idiomatic?.message.contains("the manifest itself") == true)
        let fast = error(Self.base + "[tiers.fast]\nsummary = \"x\"\n")
        #expect(fast?.key == "tiers.fast")
        #expect(fast?.message.contains("[tiers.tuned]") == true)
        #expect(error(Self.base.replacingOccurrences(of: "[build]", with: "tiers = 1\n[build]"))?.key == "tiers")
        #expect(error(Self.base + "[tiers]\ntuned = \"yes\"\n")?.key == "tiers.tuned")
    }

    @Test func refusesUnknownKeysInATier() {
        let e = error(Self.base + Self.tuned.replacingOccurrences(of: "summary =", with: "sumary ="))
        #expect(e?.key == "tiers.tuned.sumary")
        #expect(e?.message.contains("known keys here: build, run, summary") == true)
        #expect(
            error(Self.base + Self.tuned.replacingOccurrences(of: "clean = \"rm", with: "clear = \"rm"))?.key
                == "tiers.tuned.build.clear")
        #expect(
            error(
                Self.base
                    + Self.tuned.replacingOccurrences(
                        of: "[tiers.tuned.run]\n", with: "[tiers.tuned.run]\nready_path = \"/json\"\n"))?.key
                == "tiers.tuned.run.ready_path")
        #expect(
            error(Self.base + Self.tuned.replacingOccurrences(of: "source = \"s\"", with: "source = \"s\", why = 1"))?
                .key == "tiers.tuned.run.env.BOTH.why")
    }

    @Test func refusesATierWithoutSettings() {
        let e = error(Self.base + "[tiers.tuned]\nsummary = \"nothing\"\n")
        #expect(e?.key == "tiers.tuned")
        #expect(e?.message.contains("declares no setting") == true)
        #expect(e?.message.contains("source =") == true)
    }

    @Test func everySettingNeedsAValueAndASource() {
        let bare = error(Self.base + "[tiers.tuned.run.env]\nGOGC = \"200\"\n")
        #expect(bare?.key == "tiers.tuned.run.env.GOGC")
        #expect(bare?.message.contains("GOGC = { value = \"...\", source = ") == true)
        let noValue = error(Self.base + "[tiers.tuned.run.env]\nGOGC = { source = \"gc guide\" }\n")
        #expect(noValue?.key == "tiers.tuned.run.env.GOGC")
        #expect(noValue?.message.contains("has no value") == true)
        let number = error(Self.base + "[tiers.tuned.run.env]\nGOGC = { value = 200, source = \"gc guide\" }\n")
        #expect(number?.key == "tiers.tuned.run.env.GOGC.value")
        #expect(number?.message.contains("string in quotes") == true)
        let noSource = error(Self.base + "[tiers.tuned.run.env]\nGOGC = { value = \"200\" }\n")
        #expect(noSource?.key == "tiers.tuned.run.env.GOGC.source")
        #expect(noSource?.message.contains("experts document") == true)
        let emptySource = error(Self.base + "[tiers.tuned.run.env]\nGOGC = { value = \"200\", source = \" \" }\n")
        #expect(emptySource?.key == "tiers.tuned.run.env.GOGC.source")
    }

    @Test func refusesBadNamesAndTheArenasVariables() {
        let bad = error(Self.base + "[tiers.tuned.run.env]\n\"A-B\" = { value = \"1\", source = \"s\" }\n")
        #expect(bad?.key == "tiers.tuned.run.env.A-B")
        #expect(bad?.message.contains("not an environment variable name") == true)
        let port = error(Self.base + "[tiers.tuned.run.env]\nBATTLE_PORT = { value = \"1\", source = \"s\" }\n")
        #expect(port?.key == "tiers.tuned.run.env.BATTLE_PORT")
        #expect(port?.message.contains("set by the arena") == true)
        let tools = error(Self.base + "[tiers.tuned.build.env]\nBATTLE_TOOLS = { value = \"1\", source = \"s\" }\n")
        #expect(tools?.key == "tiers.tuned.build.env.BATTLE_TOOLS")
    }

    @Test func buildSettingsNeedTheirOwnOutput() {
        let noCommand = error(
            Self.base
                + Self.tuned.replacingOccurrences(
                    of: "[tiers.tuned.run]\ncommand = \"target/tuned/release/battle-rust\"\n", with: ""))
        #expect(noCommand?.key == "tiers.tuned.run.command")
        #expect(noCommand?.message.contains("must not overwrite the idiomatic one") == true)
        #expect(noCommand?.message.contains("CARGO_TARGET_DIR") == true)
        let sameCommand = error(
            Self.base
                + Self.tuned.replacingOccurrences(
                    of: "[tiers.tuned.run]\ncommand = \"target/tuned/release/battle-rust\"",
                    with: "[tiers.tuned.run]\ncommand = \"target/release/battle-rust\""))
        #expect(sameCommand?.key == "tiers.tuned.run.command")
        #expect(sameCommand?.message.contains("is the idiomatic run.command") == true)
        let noArtifact = error(
            Self.base
                + Self.tuned.replacingOccurrences(of: "artifact = \"target/tuned/release/battle-rust\"\n", with: ""))
        #expect(noArtifact?.key == "tiers.tuned.build.artifact")
        let sameArtifact = error(
            Self.base
                + Self.tuned.replacingOccurrences(
                    of: "artifact = \"target/tuned/release/battle-rust\"",
                    with: "artifact = \"target/release/battle-rust\""))
        #expect(sameArtifact?.key == "tiers.tuned.build.artifact")
        let noClean = error(
            Self.base + Self.tuned.replacingOccurrences(of: "clean = \"rm -rf target/tuned\"\n", with: ""))
        #expect(noClean?.key == "tiers.tuned.build.clean")
        #expect(noClean?.message.contains("would delete the idiomatic build too") == true)
        let sameClean = error(
            Self.base
                + Self.tuned.replacingOccurrences(
                    of: "clean = \"rm -rf target/tuned\"", with: "clean = \"rm -rf target\""))
        #expect(sameClean?.key == "tiers.tuned.build.clean")
        let emptyCommand = error(
            Self.base
                + Self.tuned.replacingOccurrences(
                    of: "command = \"target/tuned/release/battle-rust\"", with: "command = \" \""))
        #expect(emptyCommand?.key == "tiers.tuned.run.command")
    }

    @Test func refusesAnEmptyDriver() {
        let e = error(Self.base.replacingOccurrences(of: "\"tokio-postgres 0.7.7\"", with: "\"\""))
        #expect(e?.key == "driver")
        #expect(e?.message.contains("name the database driver") == true)
        #expect(error(Self.base.replacingOccurrences(of: "\"tokio-postgres 0.7.7\"", with: "7"))?.key == "driver")
    }

    // MARK: --tier

    func discovered() throws -> [DiscoveredContender] {
        let rust = try parse(Self.base + Self.tuned)
        var go = try parse(
            Self.base.replacingOccurrences(of: "name = \"rust\"", with: "name = \"go\"")
                .replacingOccurrences(of: "display_name = \"Rust · hyper\"", with: "display_name = \"Go\""))
        go.folder = "/r/contenders/go"
        return [.valid(rust), .valid(go), .invalid(name: "broken", folder: "/r/contenders/broken", error: "bad")]
    }

    @Test func idiomaticKeepsTheContendersAsTheyAre() throws {
        let d = try discovered()
        let plan = TierPlan.expand(d, .idiomatic)
        #expect(plan.contenders == d)
        #expect(plan.notes.isEmpty)
        #expect(TierSelection.idiomatic.tiers == [.idiomatic])
    }

    @Test func bothRunsEachContenderTwice() throws {
        let plan = TierPlan.expand(try discovered(), .both)
        #expect(plan.contenders.map(\.name) == ["rust", "rust+tuned", "go", "broken"])
        #expect(plan.contenders.compactMap(\.manifest).map(\.tier) == [.idiomatic, .tuned, .idiomatic])
        #expect(
            plan.contenders.compactMap(\.manifest).map(\.displayName) == ["Rust · hyper", "Rust · hyper (tuned)", "Go"])
        #expect(plan.notes.count == 1)
        #expect(plan.notes.first?.contains("go declares no tuned tier") == true)
        #expect(TierSelection.both.tiers == [.idiomatic, .tuned])
    }

    @Test func tunedRunsTheTunedConfigurationWhereThereIsOne() throws {
        let plan = TierPlan.expand(try discovered(), .tuned)
        #expect(plan.contenders.map(\.name) == ["rust+tuned", "go", "broken"])
        #expect(plan.notes.first?.contains("--tier tuned: go declares no tuned tier") == true)
    }

    @Test func knobsGivenByNameReachEveryTierOfTheContender() throws {
        let m = try parse(
            Self.base.replacingOccurrences(of: "env = {", with: "knobs = [\"GOGC\"]\nenv = {") + Self.tuned)
        let knobs = try RuntimeKnobs.parse(["rust:GOGC=50"], manifests: [m])
        let t = try #require(m.configured(for: .tuned))
        let env = ContenderServer.environment(
            base: [:], manifest: t, port: 1, database: DatabaseEndpoint(port: 5432), workers: 1, pool: 1,
            liveHeapMB: 0, root: "/r", tools: "/t", knobs: knobs[t.baseName] ?? [:])
        #expect(env["GOGC"] == "50")
    }

    /// Every real contender names its driver, and declares a tuned tier whose settings all name a source.
    @Test func theRealContendersDeclareDriverAndTiers() throws {
        let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let found = ContenderDiscovery.discover(root: repo, extra: [])
        #expect(!found.isEmpty)
        for c in found {
            let m = try #require(c.manifest, "\(c.name): \(c)")
            #expect(m.driver != nil, "\(m.name) names no driver")
            let tuned = m.configured(for: .tuned)
            #expect(tuned != nil, "\(m.name) declares no tuned tier")
            for s in tuned?.tierSettings ?? [] { #expect(!s.source.isEmpty) }
        }
    }
}

/// What results.json records of an entry's tier, settings and driver, and the
/// note of a run that mixes tiers.
@Suite struct TierResultsTests {
    func manifests() throws -> (ContenderManifest, ContenderManifest) {
        let m = try ContenderManifest.parse(
            TierManifestTests.base + TierManifestTests.tuned, file: "contenders/rust/contender.toml",
            folder: "/r/contenders/rust")
        return (m, try #require(m.configured(for: .tuned)))
    }

    @Test func anEntryRecordsItsTierSettingsAndDriver() throws {
        let (idiomatic, tuned) = try manifests()
        let a = ArenaRun.initialResult(idiomatic)
        #expect(a.name == "rust" && a.tier == .idiomatic && a.tierSettings == nil)
        #expect(a.driver == "tokio-postgres 0.7.7")
        let b = ArenaRun.initialResult(tuned)
        #expect(b.name == "rust+tuned" && b.displayName == "Rust · hyper (tuned)" && b.tier == .tuned)
        #expect(
            b.tierSettings?.map(\.assignment) == [
                "CARGO_TARGET_DIR=target/tuned", "CARGO_PROFILE_RELEASE_LTO=fat", "BATTLE_HYPER_PIPELINE_FLUSH=1",
                "BOTH=tier",
            ])
        #expect(b.tierSettings?.allSatisfy { !$0.source.isEmpty } == true)
        // Through results.json and back.
        let data = try JSONEncoder().encode(b)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"tier\":\"tuned\"") && text.contains("\"phase\":\"build\""))
        #expect(try JSONDecoder().decode(ContenderResult.self, from: data) == b)
        // A file written before tiers decodes with none.
        var old = a
        old.tier = nil
        old.driver = nil
        #expect(!String(decoding: try JSONEncoder().encode(old), as: UTF8.self).contains("tier"))
    }

    func run(_ results: [ContenderResult]) -> RunResults {
        RunResults(
            id: "x", startedAt: Date(timeIntervalSince1970: 0), status: .running,
            environment: EnvironmentRecord(
                hostname: "h", os: "o", kernel: "k", cpuModel: "c", logicalCPUs: 2, memoryBytes: 1),
            plan: PlanRecord(
                name: "quick", tests: [.json], trials: 1, levelSeconds: 1, warmupSeconds: 0, primerSeconds: 0,
                placement: CPUPlacementRecord(server: "0", client: "1", database: "1")),
            contenders: results)
    }

    @Test func aRunMixingTiersGetsANote() throws {
        let (idiomatic, tuned) = try manifests()
        #expect(ArenaRun.mixedTierNote(run([ArenaRun.initialResult(idiomatic)])) == nil)
        #expect(ArenaRun.mixedTierNote(run([ArenaRun.initialResult(tuned)])) == nil)
        let note = try #require(
            ArenaRun.mixedTierNote(run([ArenaRun.initialResult(idiomatic), ArenaRun.initialResult(tuned)])))
        #expect(note.hasPrefix("this run mixes tiers: entries marked (tuned)"))
        #expect(note.contains("compares configurations as well as stacks"))
    }

    @Test func aTierWithoutBuildSettingsSharesItsIdiomaticBuild() throws {
        let (rust, rustTuned) = try manifests()
        let go = try ContenderManifest.parse(
            TierManifestTests.base.replacingOccurrences(of: "name = \"rust\"", with: "name = \"go\"")
                + "[tiers.tuned.run.env]\nGOGC = { value = \"200\", source = \"gc guide\" }\n",
            file: "contenders/go/contender.toml", folder: "/r/contenders/go")
        let goTuned = try #require(go.configured(for: .tuned))
        let entries: [ContenderManifest?] = [rust, rustTuned, go, goTuned, nil]
        #expect(ArenaRun.sharedBuild(0, entries) == nil)
        #expect(ArenaRun.sharedBuild(1, entries) == nil)  // build settings: its own build
        #expect(ArenaRun.sharedBuild(2, entries) == nil)
        #expect(ArenaRun.sharedBuild(3, entries) == 2)  // run settings only: go's binary
        #expect(ArenaRun.sharedBuild(4, entries) == nil)
        // --tier tuned: no idiomatic entry to share with, it builds.
        #expect(ArenaRun.sharedBuild(0, [goTuned]) == nil)
    }
}
