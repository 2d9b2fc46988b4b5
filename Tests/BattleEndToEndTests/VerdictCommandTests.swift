import BattleCore
import Foundation
import Testing

/// Runs the built `battle verdict` on results files written here, and checks
/// its output and exit codes.
@Suite(.serialized) struct VerdictCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func battle(_ args: [String]) throws -> Outcome {
        let binary =
            ProcessInfo.processInfo.environment["BATTLE_BIN"] ?? root.appendingPathComponent(".build/debug/battle").path
        try #require(
            FileManager.default.isExecutableFile(atPath: binary), "build battle first (swift build): \(binary)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("battle-verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Made-up contenders in made-up languages, plus one in Go so built-in figures join.
    static func writeResults(in dir: URL, allFailed: Bool = false) throws -> String {
        func level(_ perCPU: Double, _ p99: Double) -> LevelResult {
            let n = Int(perCPU * 10)
            let load = LoadSummary(
                config: LoadConfigRecord(
                    targets: ["http://127.0.0.1:1/db"], connections: 64, threads: 1, pipeline: 1, durationSeconds: 10,
                    requestLimit: nil, warmupSeconds: 1, timeoutSeconds: 5, rate: nil),
                startedAt: Date(timeIntervalSince1970: 1_790_000_000), durationSeconds: 10, requests: n,
                requestsPerSecond: perCPU, bytesRead: n, statusCodes: ["200": n], errors: ErrorCounts(), reconnects: 0,
                latency: LatencySummary(
                    count: n, minMicros: 1, meanMicros: p99 / 3, stdevMicros: 1, maxMicros: p99 * 2,
                    percentiles: [PercentileValue(percentile: 99, micros: p99)]),
                endpoints: [])
            let usage = ResourceUsage(
                cpuSeconds: 10, cpuCores: 1, peakRSSBytes: 30 << 20, steadyRSSBytes: 30 << 20, maxThreads: 2,
                samples: [])
            return LevelResult(
                label: "c=64", connections: 64,
                trials: [TrialResult(trial: 1, load: load, server: usage, clientBound: false)])
        }
        func contender(
            _ name: String, _ language: String, _ perCPU: Double, status: ContenderStatus = .ok
        ) -> ContenderResult {
            ContenderResult(
                name: name, displayName: name.uppercased(), language: language, framework: "x", approach: "realistic",
                status: status, failure: status == .ok ? nil : "it broke",
                build: BuildRecord(cleanSeconds: 30, incrementalSeconds: 1, binaryBytes: 1 << 20, linesOfCode: 400),
                startup: StartupRecord(secondsToReady: 0.05, idleRSSBytes: 5 << 20),
                tests: status == .ok ? [TestResult(test: .db, levels: [level(perCPU, 2000)])] : [])
        }
        let contenders =
            allFailed
            ? [contender("zed", "zed", 0, status: .buildFailed)]
            : [
                contender("zed", "zed", 9000), contender("gopher", "Go", 4000),
                contender("gone", "quux", 0, status: .hung),
            ]
        let results = RunResults(
            id: "20260921-000000", startedAt: Date(timeIntervalSince1970: 1_790_000_000), status: .complete,
            environment: EnvironmentRecord(
                hostname: "h", os: "Linux", kernel: "6", cpuModel: "cpu", logicalCPUs: 2, memoryBytes: 1 << 33),
            plan: PlanRecord(
                name: "quick", tests: [.db], trials: 1, levelSeconds: 10, warmupSeconds: 1, primerSeconds: 1,
                placement: CPUPlacementRecord(server: "0", client: "1", database: "1")),
            contenders: contenders)
        let path = dir.appendingPathComponent("results.json").path
        try ResultsCoding.writeAtomically(results, to: path)
        return path
    }

    @Test func rankedVerdictForAProfile() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.writeResults(in: dir)
        let r = try Self.battle(["verdict", dir.path, "--profile", "cost-driven", "--target-rps", "20000"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Verdict: Cost-driven high-traffic service"))
        #expect(r.stdout.contains("Recommended: ZED."))
        #expect(r.stdout.contains("GONE (hung): stopped answering during a level: it broke"))
        // No capacity was measured: cost rests on CPU per request, so that is not scored a second time.
        #expect(r.stdout.contains("ZED costs less: "), "\(r.stdout)")
        #expect(r.stdout.contains("throughput per core is not also scored"))
        #expect(r.stdout.contains("ZED is first in 100% of 400 resamples"))
        #expect(r.stdout.contains("What serving 20.0k req/s of db"))
        // zed is a made-up language: its published criteria say so, and Go's figures are still cited.
        #expect(r.stdout.contains("no data for ZED"))
        #expect(!r.stdout.contains("**"))
        _ = file
    }

    @Test func jsonAndMarkdownForEveryProfile() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.writeResults(in: dir)
        let json = try Self.battle(["verdict", file, "--all-profiles", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["format"] as? String == "battle-verdicts/1")
        let verdicts = try #require(doc["verdicts"] as? [[String: Any]])
        #expect(verdicts.count >= 5)
        #expect(verdicts.allSatisfy { ($0["ranking"] as? [Any])?.count == 2 })

        let one = try Self.battle(["verdict", file, "--profile", "startup", "--json"])
        let single = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(single["format"] as? String == "battle-verdict/1")
        #expect((single["reasons"] as? [String])?.isEmpty == false)

        let md = try Self.battle(["verdict", file, "--all-profiles", "--markdown"])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Verdicts for every profile"))
        for name in ["startup", "platform", "edge-api", "data-pipeline", "cost-driven"] {
            #expect(md.stdout.contains("(`\(name)`)"))
        }
    }

    @Test func customWeightsAndDatasetFiles() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.writeResults(in: dir)
        let weights = dir.appendingPathComponent("team.toml")
        try "name = \"Ours\"\n[weights]\nthroughput-per-core = 1\nvibes = 2\n".write(
            to: weights, atomically: true, encoding: .utf8)
        let bad = try Self.battle(["verdict", file, "--weights", weights.path])
        #expect(bad.status == ExitStatus.usage.rawValue)
        #expect(bad.stderr.contains("\(weights.path): 'weights.vibes': unknown criterion"))

        try "name = \"Ours\"\n[weights]\nhiring-pool = 1\n".write(to: weights, atomically: true, encoding: .utf8)
        let dataset = dir.appendingPathComponent("figures.toml")
        try """
        [figure.zed.so-used-2025]
        value = 99
        year = "2026"
        source = "our own count"
        tag = "P"
        """.write(to: dataset, atomically: true, encoding: .utf8)
        let hiring = try Self.battle(["verdict", file, "--weights", weights.path, "--dataset", dataset.path])
        #expect(hiring.status == 0, "\(hiring.stderr)")
        #expect(hiring.stdout.contains("Verdict: Ours"))
        // Only the SO figure exists for zed, so the SlashData measure is left out and SO decides.
        #expect(hiring.stdout.contains("Recommended: ZED."))
        #expect(hiring.stdout.contains("our own count, 2026, primary source"))

        try "[figure.go.so-used-2025]\ndrop = true\n".write(to: dataset, atomically: true, encoding: .utf8)
        let dropped = try Self.battle(["verdict", file, "--weights", weights.path, "--dataset", dataset.path])
        #expect(dropped.status == 3)  // nothing left to score hiring from
        #expect(dropped.stdout.contains("Nothing could be scored"))
    }

    @Test func errorsAndExitCodes() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.writeResults(in: dir)
        let unknown = try Self.battle(["verdict", file, "--profile", "unicorn"])
        #expect(unknown.status == ExitStatus.usage.rawValue)
        #expect(unknown.stderr.contains("unknown profile 'unicorn'"))
        let slo = try Self.battle(["verdict", file, "--slo", "fast"])
        #expect(slo.status == ExitStatus.usage.rawValue)
        #expect(slo.stderr.contains("p99=10ms"))
        let missing = try Self.battle(["verdict", dir.appendingPathComponent("nope.json").path])
        #expect(missing.status == ExitStatus.failure.rawValue)
        #expect(missing.stderr.contains("nope.json"))

        let failedDir = try Self.tempDir()

        defer { try? FileManager.default.removeItem(at: failedDir) }
        let failed = try Self.writeResults(in: failedDir, allFailed: true)
        let none = try Self.battle(["verdict", failed])
        #expect(none.status == ExitStatus.nothingMeasured.rawValue)
        #expect(none.stdout.contains("no contender could be ranked"))
        #expect(none.stdout.contains("ZED (build-failed): did not build: it broke"))

        let list = try Self.battle(["verdict", "--list-profiles"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("balanced (default)"))
    }

    @Test func everyProfileOnTheReportFixture() throws {
        let fixture = Self.root.appendingPathComponent("Tests/Fixtures/results/small.json").path
        try #require(FileManager.default.fileExists(atPath: fixture), "Tests/Fixtures/results/small.json is missing")
        let r = try Self.battle(["verdict", fixture, "--all-profiles"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Verdicts for every profile"))
    }
}
