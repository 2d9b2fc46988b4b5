import BattleCore
import Foundation

/// Builds the fixed results files in Tests/Fixtures/results/ from code, so
/// their numbers are realistic, consistent (req/s, latency, CPU and memory
/// agree with each other) and reproducible. `FixtureTests` checks that the
/// committed files are exactly what this produces; BATTLE_UPDATE_GOLDEN=1
/// rewrites them.
enum FixtureFactory {

    struct LevelSpec {
        var label: String
        var connections: Int
        var pipeline = 1
        var queries: Int? = nil
        var heapMB: Int? = nil
        /// Median req/s the trials scatter around.
        var rps: Double
        /// Relative scatter of req/s between trials.
        var jitter = 0.02
        /// p99 / p50 and p99.9 / p99.
        var tail = 2.6
        var extreme = 1.8
        var rssMB: Double
        var cores = 0.97
        var clientBoundTrials = 0
        var trials = 3
        /// Latency multiplier on top of Little's law (1 = p50 from c / rps).
        var latencyScale = 0.85
        /// Resource samples kept per second (the arena takes about 10; 1 keeps fixtures small, 0 keeps none).
        var sampleHz = 1.0
    }

    static let start = Date(timeIntervalSince1970: 1_795_946_400)  // 2026-11-29 10:00:00 UTC
    static let levelSeconds = 5.0

    static let percentileShape: [(Double, Double)] = [
        (0, 0.12), (10, 0.55), (25, 0.78), (50, 1), (75, 1.3), (90, 1.7), (95, 2.0),
    ]

    static func level(_ s: LevelSpec, path: String, offset: inout Double, random: inout SplitMix64) -> LevelResult {
        var trials: [TrialResult] = []
        for n in 1...s.trials {
            let rps = (s.rps * (1 + s.jitter * random.unit())).rounded(toPlaces: 2)
            let p50 = Double(s.connections * s.pipeline) / rps * 1e6 * s.latencyScale * (1 + 0.02 * random.unit())
            let p99 = p50 * s.tail * (1 + 0.04 * random.unit())
            let p999 = p99 * s.extreme * (1 + 0.06 * random.unit())
            var points = percentileShape.map { PercentileValue(percentile: $0.0, micros: (p50 * $0.1).rounded()) }
            points += [
                PercentileValue(percentile: 99, micros: p99.rounded()),
                PercentileValue(percentile: 99.5, micros: (p99 * 1.15).rounded()),
                PercentileValue(percentile: 99.9, micros: p999.rounded()),
                PercentileValue(percentile: 99.95, micros: (p999 * 1.15).rounded()),
                PercentileValue(percentile: 99.99, micros: (p999 * 1.5).rounded()),
                PercentileValue(percentile: 99.999, micros: (p999 * 2.2).rounded()),
                PercentileValue(percentile: 100, micros: (p999 * 3).rounded()),
            ]
            let requests = Int(rps * levelSeconds)
            let latency = LatencySummary(
                count: requests, minMicros: points[0].micros, meanMicros: (p50 * 1.12).rounded(toPlaces: 1),
                stdevMicros: (p50 * 0.7).rounded(toPlaces: 1), maxMicros: points.last!.micros, percentiles: points)
            let target = "http://127.0.0.1:8080" + path + (s.queries.map { "?queries=\($0)" } ?? "")
            let config = LoadConfigRecord(
                targets: [target], connections: s.connections, threads: 1, pipeline: s.pipeline,
                durationSeconds: levelSeconds,
                requestLimit: nil, warmupSeconds: 2, timeoutSeconds: 8, rate: nil)
            let clientBound = n <= s.clientBoundTrials
            let clientCPU = levelSeconds * (clientBound ? 0.97 : 0.55 + 0.1 * random.unit())
            let load = LoadSummary(
                config: config, startedAt: start.addingTimeInterval(offset.rounded()), durationSeconds: levelSeconds,
                requests: requests,
                requestsPerSecond: rps, bytesRead: requests * 160, statusCodes: ["200": requests],
                errors: ErrorCounts(), reconnects: 0,
                latency: latency, endpoints: [],
                client: ClientUsage(
                    userSeconds: (clientCPU * 0.7).rounded(toPlaces: 3),
                    systemSeconds: (clientCPU * 0.3).rounded(toPlaces: 3), peakRSSBytes: 24_117_248))
            let cores = s.cores * (1 + 0.01 * random.unit())
            var samples: [ResourceSample] = []
            let base = s.rssMB * 1_048_576
            let perSecond = max(s.sampleHz, 1)
            for i in 0...Int(levelSeconds * perSecond) {
                let t = Double(i) / perSecond
                let rss = base * (1 + 0.015 * t / levelSeconds + 0.004 * random.unit())
                let busy = i == 0 ? 0 : min(cores * (1 + 0.04 * random.unit()), 1) / perSecond
                let cpu = (samples.last?.cpuSeconds ?? 0) + busy
                samples.append(
                    ResourceSample(
                        t: t, cpuSeconds: cpu.rounded(toPlaces: 3), rssBytes: Int(rss / 4096) * 4096, threads: 4))
            }
            let rssValues = samples.map(\.rssBytes).sorted()
            let usage = ResourceUsage(
                cpuSeconds: samples.last!.cpuSeconds,
                cpuCores: (samples.last!.cpuSeconds / levelSeconds).rounded(toPlaces: 4),
                peakRSSBytes: rssValues.last!, steadyRSSBytes: rssValues[rssValues.count / 2], maxThreads: 4,
                samples: s.sampleHz > 0 ? samples : [])
            trials.append(TrialResult(trial: n, load: load, server: usage, clientBound: clientBound))
            offset += levelSeconds + 3
        }
        return LevelResult(
            label: s.label, connections: s.connections, pipeline: s.pipeline, queries: s.queries, liveHeapMB: s.heapMB,
            trials: trials)
    }

    static func test(_ t: SuiteTest, _ specs: [LevelSpec], offset: inout Double, random: inout SplitMix64) -> TestResult
    {
        TestResult(test: t, levels: specs.map { level($0, path: t.path, offset: &offset, random: &random) })
    }

    static let environment = EnvironmentRecord(
        hostname: "bench-01", os: "Debian GNU/Linux 12 (bookworm)", kernel: "6.1.0-28-amd64", cpuModel: "AMD EPYC 7B13",
        logicalCPUs: 2, memoryBytes: 8_338_591_744, governor: nil,
        toolchains: [
            "go": "go1.27.3", "postgres": "PostgreSQL 15.10", "rustc": "rustc 1.63.0", "swift": "Swift 6.3.1",
        ],
        battleCommit: "d412f99", database: "PostgreSQL 15.10 (Debian 15.10-0+deb12u1)")

    static func checks(_ warn: String? = nil) -> VerificationRecord {
        var checks = SuiteTest.allCases.map {
            CheckResult(test: $0, name: "\($0.rawValue)-body", outcome: .pass, detail: "matches the reference")
        }
        checks.append(CheckResult(test: nil, name: "date-header", outcome: .pass, detail: "Date changes after 3 s"))
        if let warn { checks.append(CheckResult(test: .json, name: "json-extra-bytes", outcome: .warn, detail: warn)) }
        return VerificationRecord(skipped: false, checks: checks)
    }

    // MARK: small.json

    /// Three contenders: rust (realistic), swift (stripped), go (realistic,
    /// crashed in the large-heap level of /orders); four tests; a capacity
    /// search under p99<=10ms; a large-live-heap level of /orders.
    static func small() -> RunResults {
        var random = SplitMix64(seed: 20_261_129)  // deterministic: fixtures never change by accident
        var offset = 0.0

        func contender(_ name: String, _ specs: [(SuiteTest, [LevelSpec])]) -> [TestResult] {
            specs.map { test($0.0, $0.1, offset: &offset, random: &random) }
        }

        let rust = contender(
            "rust",
            [
                (
                    .json,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 68_200, rssMB: 5.9),
                        LevelSpec(label: "c=256", connections: 256, rps: 66_900, rssMB: 6.4, clientBoundTrials: 2),
                    ]
                ),
                (
                    .queries,
                    [
                        LevelSpec(
                            label: "c=256 q=1", connections: 256, queries: 1, rps: 11_400, tail: 2.2, rssMB: 9.1,
                            cores: 0.82),
                        LevelSpec(
                            label: "c=256 q=5", connections: 256, queries: 5, rps: 3_080, tail: 2.1, rssMB: 9.6,
                            cores: 0.71),
                        LevelSpec(
                            label: "c=256 q=20", connections: 256, queries: 20, rps: 842, tail: 2.0, rssMB: 9.8,
                            cores: 0.66),
                    ]
                ),
                (
                    .fortunes,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 9_750, tail: 2.3, rssMB: 8.1, cores: 0.88)
                    ]
                ),
                (
                    .orders,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 14_200, tail: 2.5, rssMB: 14),
                        LevelSpec(
                            label: "c=64 heap=512MB", connections: 64, heapMB: 512, rps: 13_900, tail: 2.7, rssMB: 560),
                    ]
                ),
            ])
        let go = contender(
            "go",
            [
                (
                    .json,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 23_600, tail: 3.2, rssMB: 15),
                        LevelSpec(label: "c=256", connections: 256, rps: 23_100, tail: 3.4, rssMB: 17),
                    ]
                ),
                (
                    .queries,
                    [
                        LevelSpec(
                            label: "c=256 q=1", connections: 256, queries: 1, rps: 6_600, tail: 2.8, rssMB: 19,
                            cores: 0.86),
                        LevelSpec(
                            label: "c=256 q=5", connections: 256, queries: 5, rps: 1_610, tail: 2.7, rssMB: 20,
                            cores: 0.8),
                        LevelSpec(
                            label: "c=256 q=20", connections: 256, queries: 20, rps: 418, tail: 2.6, rssMB: 21,
                            cores: 0.77),
                    ]
                ),
                (
                    .fortunes,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 5_880, tail: 2.9, rssMB: 18, cores: 0.93)
                    ]
                ),
                (
                    .orders,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 9_300, tail: 3.0, rssMB: 32),
                        // Crashed during trial 2: one trial was measured.
                        LevelSpec(
                            label: "c=64 heap=512MB", connections: 64, heapMB: 512, rps: 8_100, tail: 9.5, extreme: 2.4,
                            rssMB: 1150, cores: 0.99, trials: 1),
                    ]
                ),
            ])
        let swift = contender(
            "swift",
            [
                (
                    .json,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 36_800, tail: 2.4, rssMB: 23),
                        LevelSpec(label: "c=256", connections: 256, rps: 35_900, tail: 2.6, rssMB: 25),
                    ]
                ),
                (
                    .queries,
                    [
                        LevelSpec(
                            label: "c=256 q=1", connections: 256, queries: 1, rps: 4_300, tail: 2.5, rssMB: 36,
                            cores: 0.9),
                        LevelSpec(
                            label: "c=256 q=5", connections: 256, queries: 5, rps: 1_020, tail: 2.4, rssMB: 37,
                            cores: 0.88),
                        LevelSpec(
                            label: "c=256 q=20", connections: 256, queries: 20, rps: 276, tail: 2.4, rssMB: 38,
                            cores: 0.86),
                    ]
                ),
                (
                    .fortunes,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 3_540, tail: 2.6, rssMB: 33, cores: 0.95)
                    ]
                ),
                (
                    .orders,
                    [
                        LevelSpec(label: "c=64", connections: 64, rps: 6_150, tail: 2.6, rssMB: 52),
                        LevelSpec(
                            label: "c=64 heap=512MB", connections: 64, heapMB: 512, rps: 5_900, tail: 3.1, rssMB: 640),
                    ]
                ),
            ])

        func steps(_ list: [(Double, Double, Bool)]) -> [CapacityStep] {
            list.map { CapacityStep(rate: $0.0, latencyMicros: $0.1, errorRate: 0, met: $0.2) }
        }

        let contenders = [
            ContenderResult(
                name: "rust", displayName: "Rust · hyper + tokio-postgres", language: "Rust",
                framework: "hyper 0.14, tokio 1.24, tokio-postgres 0.7",
                approach: "realistic", status: .ok,
                build: BuildRecord(
                    cleanSeconds: 48.2, incrementalSeconds: 1.9, binaryBytes: 1_987_000, linesOfCode: 412,
                    linesByLanguage: ["Rust": 398, "TOML": 14],
                    directDependencies: 7, totalDependencies: 58, toolchainVersion: "rustc 1.63.0", locTool: "cloc 1.96"
                ),
                startup: StartupRecord(secondsToReady: 0.012, idleRSSBytes: 3_260_416), verification: checks(),
                tests: rust,
                capacity: [
                    CapacityResult(
                        test: .json, slo: "p99<=10ms", sustainedRate: 50_000, latencyMicrosAtRate: 6_100,
                        cpuCoresAtRate: 0.78,
                        peakRSSBytesAtRate: 6_291_456,
                        steps: steps([
                            (10_000, 900, true), (20_000, 1_150, true), (40_000, 2_300, true),
                            (80_000, 1_840_000, false), (60_000, 45_000, false), (50_000, 6_100, true),
                            (55_000, 14_200, false),
                        ]))
                ],
                exit: ExitRecord(status: 0, signal: nil, killed: false, unexpected: false)),
            ContenderResult(
                name: "go", displayName: "Go · net/http + lib/pq", language: "Go",
                framework: "net/http (Go 1.27), database/sql, lib/pq 1.10",
                approach: "realistic", status: .crashed,
                failure: """
                    exited unexpectedly with status 2 during orders c=64 heap=512MB (trial 2)
                    --- last lines of its standard error ---
                    fatal error: concurrent map read and map write

                    goroutine 2231 [running]:
                    main.(*Catalog).Lookup(...)
                    \t/work/contenders/go/orders.go:88 +0x1c5
                    """,
                build: BuildRecord(
                    cleanSeconds: 31.7, incrementalSeconds: 0.9, binaryBytes: 11_272_192, linesOfCode: 486,
                    linesByLanguage: ["Go": 472, "make": 14],
                    directDependencies: 1, totalDependencies: 1, toolchainVersion: "go1.27.3", locTool: "cloc 1.96"),
                startup: StartupRecord(secondsToReady: 0.021, idleRSSBytes: 9_142_272), verification: checks(),
                tests: go,
                capacity: [
                    CapacityResult(
                        test: .json, slo: "p99<=10ms", sustainedRate: 19_000, latencyMicrosAtRate: 7_400,
                        cpuCoresAtRate: 0.93,
                        peakRSSBytesAtRate: 16_777_216,
                        steps: steps([
                            (10_000, 1_900, true), (20_000, 12_800, false), (15_000, 3_900, true),
                            (17_500, 5_200, true), (19_000, 7_400, true), (19_500, 10_900, false),
                        ]))
                ],
                exit: ExitRecord(status: 2, signal: nil, killed: false, unexpected: true)),
            ContenderResult(
                name: "swift", displayName: "Swift · plain SwiftNIO", language: "Swift",
                framework: "swift-nio 2.101 (NIOHTTP1), precomputed headers",
                approach: "stripped", status: .ok,
                build: BuildRecord(
                    cleanSeconds: 121.4, incrementalSeconds: 9.8, binaryBytes: 9_646_080, linesOfCode: 655,
                    linesByLanguage: ["Swift": 655],
                    directDependencies: 2, totalDependencies: 5, toolchainVersion: "Swift 6.3.1", locTool: "cloc 1.96"),
                startup: StartupRecord(secondsToReady: 0.045, idleRSSBytes: 14_352_384),
                verification: checks("the body has 1 byte of trailing whitespace"), tests: swift,
                capacity: [
                    CapacityResult(
                        test: .json, slo: "p99<=10ms", sustainedRate: 30_000, latencyMicrosAtRate: 5_600,
                        cpuCoresAtRate: 0.88,
                        peakRSSBytesAtRate: 24_117_248,
                        steps: steps([
                            (10_000, 1_200, true), (20_000, 2_400, true), (40_000, 310_000, false),
                            (30_000, 5_600, true), (35_000, 21_000, false),
                        ]))
                ],
                exit: ExitRecord(status: 0, signal: nil, killed: false, unexpected: false)),
        ]

        return RunResults(
            id: "20261129-100000", battleVersion: "0.1.0", suiteVersion: 1, startedAt: start,
            finishedAt: start.addingTimeInterval(1_260), status: .complete, environment: environment,
            plan: PlanRecord(
                name: "standard", tests: [.json, .queries, .fortunes, .orders], trials: 3, levelSeconds: levelSeconds,
                warmupSeconds: 2,
                primerSeconds: 2, placement: CPUPlacementRecord(server: "0", client: "1", database: "1"),
                slo: "p99<=10ms"),
            contenders: contenders,
            notes: ["rust json c=256: the load generator was CPU-bound in 2 of 3 trials."])
    }

    // MARK: compare fixtures

    enum CompareVariant { case old, regressed, noise }

    /// Two contenders, two tests, five trials per level. `regressed` makes
    /// rust's /json 12% slower with a 30% worse p99; `noise` moves every
    /// figure by less than its trials scatter.
    static func compare(_ variant: CompareVariant) -> RunResults {
        var random = SplitMix64(seed: variant == .noise ? 77 : 42)
        var offset = 0.0
        let slow = variant == .regressed ? 0.88 : variant == .noise ? 0.996 : 1
        let tailScale = variant == .regressed ? 1.3 : 1
        func spec(_ label: String, _ c: Int, _ rps: Double, _ rss: Double, _ extraSlow: Double = 1) -> LevelSpec {
            var s = LevelSpec(
                label: label, connections: c, rps: rps * extraSlow, jitter: 0.01, rssMB: rss, trials: 5, sampleHz: 0)
            if extraSlow != 1 { s.latencyScale *= tailScale }
            return s
        }
        let rust = [
            test(
                .json, [spec("c=64", 64, 68_200, 5.9, slow), spec("c=256", 256, 66_900, 6.4, slow)], offset: &offset,
                random: &random),
            test(
                .fortunes, [spec("c=64", 64, 9_750, 8.1, variant == .noise ? 1.003 : 1)], offset: &offset,
                random: &random),
        ]
        let go = [
            test(
                .json, [spec("c=64", 64, 23_600, 15, variant == .noise ? 1.004 : 1), spec("c=256", 256, 23_100, 17)],
                offset: &offset, random: &random),
            test(.fortunes, [spec("c=64", 64, 5_880, 18)], offset: &offset, random: &random),
        ]
        let day = variant == .old ? 0.0 : 86_400
        return RunResults(
            id: variant == .old ? "20261128-100000" : "20261129-100000", battleVersion: "0.1.0", suiteVersion: 1,
            startedAt: start.addingTimeInterval(day - 86_400), finishedAt: start.addingTimeInterval(day - 86_400 + 600),
            status: .complete,
            environment: environment,
            plan: PlanRecord(
                name: "custom", tests: [.json, .fortunes], trials: 5, levelSeconds: levelSeconds, warmupSeconds: 2,
                primerSeconds: 2,
                placement: CPUPlacementRecord(server: "0", client: "1", database: "1")),
            contenders: [
                ContenderResult(
                    name: "rust", displayName: "Rust · hyper", language: "Rust", framework: "hyper 0.14",
                    approach: "realistic", status: .ok,
                    verification: checks(), tests: rust),
                ContenderResult(
                    name: "go", displayName: "Go · net/http", language: "Go", framework: "net/http",
                    approach: "realistic", status: .ok,
                    verification: checks(), tests: go),
            ])
    }

    static let names = ["small.json", "compare-old.json", "compare-new-regressed.json", "compare-new-noise.json"]

    static func make(_ name: String) -> RunResults? {
        switch name {
        case "small.json": small()
        case "compare-old.json": compare(.old)
        case "compare-new-regressed.json": compare(.regressed)
        case "compare-new-noise.json": compare(.noise)
        default: nil
        }
    }
}

extension Double {
    func rounded(toPlaces n: Int) -> Double {
        var scale = 1.0
        for _ in 0..<n { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}

extension SplitMix64 {
    /// Uniform in -1...1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) * 2 - 1 }
}
