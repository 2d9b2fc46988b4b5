import BattleCore
import Testing

@testable import BattleArena

/// Issue 11's arena side: longer large-heap levels, the pause probe's command
/// line, interval logs per trial, bounded samples and runtime knobs.
@Suite struct RuntimeLevelTests {
    static let goManifest = ManifestTests.example.replacingOccurrences(of: "name = \"rust\"", with: "name = \"go\"")
        .replacingOccurrences(of: "env = { RUST_LOG = \"error\" }", with: "knobs = [\"GOGC\", \"GOMEMLIMIT\"]")

    func manifests() throws -> [ContenderManifest] {
        [
            try ContenderManifest.parse(
                ManifestTests.example, file: "contenders/rust/contender.toml", folder: "/r/c/rust"),
            try ContenderManifest.parse(Self.goManifest, file: "contenders/go/contender.toml", folder: "/r/c/go"),
        ]
    }

    @Test func standardAndFullRunTheLargeHeapLevelLonger() throws {
        let heap = try #require(PlanProfile.named(.standard).heapLevel(for: [.orders]))
        #expect(PlanProfile.named(.standard).seconds(heap) == 25)
        #expect(PlanProfile.named(.full).seconds(heap) == 30)
        #expect(PlanProfile.named(.quick).seconds(heap) == PlanProfile.named(.quick).levelSeconds)
        let peak = LevelSpec(test: .orders, connections: 64)
        #expect(PlanProfile.named(.standard).seconds(peak) == 4)
        // --duration sets every level; --heap-duration the large-heap level alone.
        #expect(PlanProfile.named(.standard).overriding(levelSeconds: 2).seconds(heap) == 2)
        let custom = PlanProfile.named(.quick).overriding(heapSeconds: 20)
        #expect(custom.seconds(heap) == 20 && custom.seconds(peak) == 1.5 && custom.name == "quick+custom")
        // The estimate counts the longer level.
        let e = PlanEstimate(profile: .named(.standard))
        #expect(e.heapSession(tests: [.orders]) > 25)
    }

    @Test func theProbeIsOneConnectionOpenLoopOnPlaintext() {
        let p = LoadRequest.probe(
            port: 8080, path: "/plaintext", rate: 500, durationSeconds: 25, warmupSeconds: 0.5, intervalSeconds: 1,
            hdrLog: "/r/results/x/hdr/go-orders-c64_heap512MB-t1-probe.hlog")
        #expect(
            p.arguments == [
                "load", "--json", "--no-progress", "-c", "1", "-d", "25000ms", "--warmup", "500ms", "-R", "500",
                "--interval",
                "1000ms", "--hdr-log", "/r/results/x/hdr/go-orders-c64_heap512MB-t1-probe.hlog",
                "http://127.0.0.1:8080/plaintext",
            ])
        // One connection at open-loop levels; a saturated closed-loop level gets as many as it has.
        #expect(
            LoadRequest.probeConnections(for: LevelSpec(test: .json, connections: 64, rate: 5000, kind: .equalRate))
                == 1)
        #expect(LoadRequest.probeConnections(for: LevelSpec(test: .orders, connections: 64, liveHeapMB: 512)) == 64)
        let wide = LoadRequest.probe(
            port: 1, path: "/plaintext", rate: 500, durationSeconds: 1, warmupSeconds: 0, intervalSeconds: nil,
            hdrLog: nil,
            connections: 64)
        #expect(wide.arguments.contains("64") && wide.connections == 64)
        #expect(ProbePlan().probes(.largeHeap) && ProbePlan().probes(.equalRate) && !ProbePlan().probes(.peak))
        #expect(!ProbePlan(kinds: []).probes(.largeHeap))
    }

    @Test func trialFilesAreNamedByContenderTestLevelAndTrial() {
        #expect(
            ArenaRun.fileStem("go", LevelSpec(test: .orders, connections: 64, liveHeapMB: 512), trial: 2)
                == "go-orders-c64_heap512MB-t2")
        #expect(
            ArenaRun.fileStem("rust", LevelSpec(test: .json, connections: 64, rate: 5000, kind: .equalRate), trial: 1)
                == "rust-json-rate5000_s-t1")
        #expect(
            ArenaRun.fileStem("swift", LevelSpec(test: .queries, connections: 64, queries: 20), trial: 3)
                == "swift-queries-q20-t3")
    }

    @Test func samplesAreBounded() {
        let samples = (0..<5_000).map {
            ResourceSample(t: Double($0) / 10, cpuSeconds: Double($0), rssBytes: $0, threads: 1)
        }
        let thin = ResourceUsage.thinned(samples)
        #expect(thin.count <= ResourceUsage.sampleCap)
        #expect(thin.first == samples.first && thin.last == samples.last)
        #expect(zip(thin, thin.dropFirst()).allSatisfy { $0.t < $1.t })
        #expect(ResourceUsage.thinned(Array(samples.prefix(300))).count == 300)
    }

    @Test func knobsAreCheckedAgainstTheManifest() throws {
        let ms = try manifests()
        #expect(ms[1].run.knobs == ["GOGC", "GOMEMLIMIT"])
        let env = try RuntimeKnobs.parse(["go:GOGC=200", "go:GOMEMLIMIT=256MiB"], manifests: ms)
        #expect(env == ["go": ["GOGC": "200", "GOMEMLIMIT": "256MiB"]])
        #expect(try RuntimeKnobs.parse([], manifests: ms).isEmpty)
        func message(_ v: String) -> String {
            do {
                _ = try RuntimeKnobs.parse([v], manifests: ms)
                return ""
            } catch { return error.description }
        }
        #expect(message("java:GOGC=1").contains("--env 'java:GOGC=1': no contender named 'java'"))
        #expect(message("java:GOGC=1").contains("rust, go"))
        #expect(message("go:GOMAXPROCS=1").contains("GOMAXPROCS is not a runtime knob of go"))
        #expect(message("go:GOMAXPROCS=1").contains("run.knobs of contenders/go/contender.toml"))
        #expect(message("rust:GOGC=1").contains("it declares none"))
        #expect(message("GOGC=200").contains("write CONTENDER:KNOB=VALUE"))
        #expect(message("go:GOGC=").contains("give a value"))
    }

    @Test func knobsReachTheServerAndDefaultRunsDropThem() throws {
        let go = try manifests()[1]
        func env(_ knobs: [String: String]) -> [String: String] {
            ContenderServer.environment(
                base: ["PATH": "/usr/bin", "GOGC": "off"], manifest: go, port: 1,
                database: DatabaseEndpoint(port: 5432), workers: 1,
                pool: 1, liveHeapMB: 0, root: "/r", tools: "/t", knobs: knobs)
        }
        #expect(env([:])["GOGC"] == nil, "battle's own GOGC must not leak into a default run")
        #expect(env(["GOGC": "200"])["GOGC"] == "200")
        #expect(env([:])["PATH"] == "/usr/bin")
    }

    @Test func badKnobNamesAreRefused() {
        for bad in ["gogc", "BATTLE_X", "1X", ""] {
            let text = Self.goManifest.replacingOccurrences(
                of: "knobs = [\"GOGC\", \"GOMEMLIMIT\"]", with: "knobs = [\"\(bad)\"]")
            #expect(throws: ManifestError.self) {
                try ContenderManifest.parse(text, file: "contenders/go/contender.toml", folder: "/r/c/go")
            }
        }
    }
}
