import BattleCore
import BattleVerdict
import Foundation
import Testing

@testable import BattleReport

/// Language and stack side by side (StackComparison): made-up stacks whose
/// figures make the framework or the language the larger effect.
@Suite("Language and stack comparison")
struct StackComparisonTests {
    static let start = Date(timeIntervalSince1970: 1_795_946_400)

    /// A peak level whose trials scatter by `jitter` around `rps`.
    static func level(_ rps: Double, jitter: Double = 0.01, clientBound: Bool = false) -> LevelResult {
        let trials = [1 - jitter, 1, 1 + jitter].enumerated().map { i, f -> TrialResult in
            let r = rps * f
            let n = Int(r * 5)
            let latency = LatencySummary(
                count: n, minMicros: 10, meanMicros: 300, stdevMicros: 1, maxMicros: 3000,
                percentiles: [
                    PercentileValue(percentile: 50, micros: 250), PercentileValue(percentile: 99, micros: 1000),
                ])
            let load = LoadSummary(
                config: LoadConfigRecord(
                    targets: ["http://127.0.0.1:1/json"], connections: 64, threads: 1, pipeline: 1, durationSeconds: 5,
                    requestLimit: nil, warmupSeconds: 1, timeoutSeconds: 5, rate: nil),
                startedAt: start, durationSeconds: 5, requests: n, requestsPerSecond: r, bytesRead: n * 100,
                statusCodes: ["200": n], errors: ErrorCounts(), reconnects: 0, latency: latency, endpoints: [])
            let server = ResourceUsage(
                cpuSeconds: 2.5, cpuCores: 0.5, peakRSSBytes: 10 << 20, steadyRSSBytes: 10 << 20, maxThreads: 4,
                samples: [])
            return TrialResult(trial: i + 1, load: load, server: server, clientBound: clientBound)
        }
        return LevelResult(label: "c=64", connections: 64, trials: trials)
    }

    static func stack(
        _ name: String, _ language: String, _ rps: Double, jitter: Double = 0.01, clientBound: Bool = false,
        status: ContenderStatus = .ok, approach: String = "realistic"
    ) -> ContenderResult {
        ContenderResult(
            name: name, displayName: "\(language) · \(name)", language: language, framework: name, approach: approach,
            status: status,
            tests: [
                TestResult(test: .json, levels: [level(rps, jitter: jitter, clientBound: clientBound)])
            ])
    }

    static func run(_ contenders: [ContenderResult]) -> RunResults {
        RunResults(
            id: "20261129-100000", startedAt: start, status: .complete,
            environment: EnvironmentRecord(
                hostname: "test", os: "Linux", kernel: "6", cpuModel: "test cpu", logicalCPUs: 2, memoryBytes: 1 << 33),
            plan: PlanRecord(
                name: "quick", tests: [.json], trials: 3, levelSeconds: 5, warmupSeconds: 1, primerSeconds: 1,
                placement: CPUPlacementRecord(server: "0", client: "1", database: "1")),
            contenders: contenders)
    }

    func json(_ contenders: [ContenderResult]) throws -> StackComparison.Test {
        let c = StackComparison(Self.run(contenders))
        return try #require(c.tests.first { $0.test == .json })
    }

    @Test func frameworkSpreadLargerThanLanguageGap() throws {
        let t = try json([
            Self.stack("nethttp", "Go", 60_000), Self.stack("fasthttp", "Go", 100_000), Self.stack("gin", "Go", 40_000),
            Self.stack("axum", "Rust", 120_000), Self.stack("hyper", "Rust", 130_000),
        ])
        #expect(t.languages.map(\.language) == ["Rust", "Go"])
        let go = try #require(t.languages.last)
        #expect(go.stacks.map(\.name) == ["fasthttp", "nethttp", "gin"])
        #expect(abs((go.spread ?? 0) - 2.5) < 1e-9)
        #expect(abs((t.gap ?? 0) - 1.3) < 1e-9)
        #expect(t.widest?.language == "Go")
        let spread = try #require(go.spreadInterval)
        #expect(spread.low < 2.5 && spread.high > 2.5 && spread.low > 2.2 && spread.high < 2.8)
        #expect(t.finding == .frameworkMatters)
        let s = StackComparison.sentence(t)
        #expect(s.hasPrefix("json: frameworks differ 2.5× ("))
        #expect(s.contains("inside Go, Rust's best leads Go's best 1.30× ("))
        #expect(s.hasSuffix(": here the framework matters more than the language."))
    }

    @Test func languageGapLargerThanFrameworkSpread() throws {
        let t = try json([
            Self.stack("nethttp", "Go", 90_000), Self.stack("gin", "Go", 100_000), Self.stack("hyper", "Rust", 200_000),
        ])
        #expect(abs((t.gap ?? 0) - 2) < 1e-9)
        #expect(abs((t.widest?.spread ?? 0) - 100_000 / 90_000) < 1e-9)
        #expect(t.finding == .languageMatters)
        #expect(StackComparison.sentence(t).hasSuffix("here the language matters more than the framework."))
        // The Rust row says it has a single stack; the Go row is 2.0× behind the leader.
        let rows = StackComparison(tests: [t]).rows()
        #expect(rows[0][0] == "json" && rows[0][1] == "Rust" && rows[0][5] == "one stack" && rows[0][6] == "leads")
        #expect(rows[1][0] == "" && rows[1][1] == "Go" && rows[1][6].hasPrefix("2.0× behind ("))
    }

    /// Noisy trials and a spread about equal to the gap: the interval of their ratio holds 1.
    @Test func neitherClearlyLarger() throws {
        let t = try json([
            Self.stack("a", "Go", 100_000, jitter: 0.25), Self.stack("b", "Go", 76_000, jitter: 0.25),
            Self.stack("c", "Rust", 130_000, jitter: 0.25),
        ])
        let r = try #require(t.ratioInterval)
        #expect(r.low < 1 && r.high > 1)
        #expect(t.finding == .comparable)
        #expect(StackComparison.sentence(t).contains("on this run neither is clearly larger"))
    }

    @Test func singleStacksCannotSeparateTheFramework() throws {
        let t = try json([Self.stack("hyper", "Rust", 130_000), Self.stack("nethttp", "Go", 60_000)])
        #expect(t.finding == .singleStacks)
        #expect(t.widest == nil && t.ratioInterval == nil)
        let s = StackComparison.sentence(t)
        #expect(s.contains("every language has a single ranked stack here"))
        #expect(s.contains("Rust's best leads Go's best 2.2×"))
        #expect(StackComparison(tests: [t]).rows().allSatisfy { $0[5] == "one stack" })
    }

    @Test func oneLanguageHasNoGap() throws {
        let t = try json([Self.stack("gin", "Go", 50_000), Self.stack("fasthttp", "go", 100_000)])
        // Grouped case-insensitively, spelled as the first contender spells it.
        #expect(t.languages.count == 1 && t.languages[0].language == "Go")
        #expect(t.gap == nil && t.finding == .singleLanguage)
        #expect(StackComparison.sentence(t).contains("frameworks differ 2.0×"))
        #expect(StackComparison.sentence(t).contains("there is no language gap"))
    }

    /// A client-bound figure is a lower bound: never the best, never in a spread.
    /// Failed and stripped contenders are left out.
    @Test func lowerBoundsFailuresAndStrippedAreNotRanked() throws {
        let t = try json([
            Self.stack("fasthttp", "Go", 150_000, clientBound: true), Self.stack("nethttp", "Go", 60_000),
            Self.stack("gin", "Go", 50_000, status: .crashed), Self.stack("raw", "Rust", 400_000, approach: "stripped"),
            Self.stack("hyper", "Rust", 130_000),
        ])
        let go = try #require(t.languages.first { $0.language == "Go" })
        #expect(go.best?.name == "nethttp")
        #expect(go.unranked == ["Go · fasthttp"])
        #expect(go.spread == nil)
        let rust = try #require(t.languages.first { $0.language == "Rust" })
        #expect(rust.stacks.map(\.name) == ["hyper"])
        #expect(t.finding == .singleStacks)
        let rows = StackComparison(tests: [t]).rows()
        #expect(rows[1][2] == "1 + 1 not ranked" && rows[1][5] == "one ranked stack")
    }

    @Test func oneStackAlone() throws {
        let t = try json([Self.stack("hyper", "Rust", 130_000), Self.stack("gin", "Go", 50_000, status: .crashed)])
        #expect(t.finding == .singleLanguage)
        #expect(
            StackComparison.sentence(t)
                == "json: only one stack could be ranked (Rust · hyper), so there is neither a framework spread nor a language gap to compare."
        )
    }

    @Test func nothingRankable() throws {
        let t = try json([Self.stack("fasthttp", "Go", 150_000, clientBound: true)])
        #expect(t.finding == .nothing)
        #expect(StackComparison.sentence(t).contains("no stack could be ranked"))
        #expect(StackSection.isEmpty(StackComparison(tests: [t])))
    }

    /// The chart is drawn only when some language has two ranked stacks, with a bar for each effect.
    @Test func chart() throws {
        let several = StackComparison(
            Self.run([
                Self.stack("nethttp", "Go", 60_000), Self.stack("fasthttp", "Go", 100_000),
                Self.stack("hyper", "Rust", 130_000),
            ]))
        let f = try #require(StackChart.chart(several))
        #expect(f.svg.contains("inside Go") && f.svg.contains("Rust vs Go"))
        #expect(f.svg.contains("class=\"whisker\""))
        let single = StackComparison(
            Self.run([Self.stack("nethttp", "Go", 60_000), Self.stack("hyper", "Rust", 130_000)]))
        #expect(StackChart.chart(single) == nil)
    }

    /// Every format carries the section: table rows and the sentence.
    @Test func everyFormatShowsIt() throws {
        let r = Self.run([
            Self.stack("nethttp", "Go", 60_000), Self.stack("fasthttp", "Go", 100_000),
            Self.stack("hyper", "Rust", 130_000),
        ])
        let sentence = "inside Go, Rust's best leads Go's best 1.30×"
        let text = TextReport.render(r)
        #expect(text.contains("language and stack (peak req/s at the CPU budget, grouped by language)"))
        #expect(text.contains(sentence))
        let md = MarkdownReport.render(r, verdict: "")
        #expect(md.contains("## Language and stack"))
        #expect(md.contains("| json | Rust | 1 | Rust · hyper (c=64) | 130k | one stack | leads |"))
        #expect(md.contains(sentence))
        let html = HTMLReport.render(r, verdict: "")
        #expect(html.contains("<section id=\"stacks\">"))
        #expect(html.contains("id=\"chart-stacks\""))
        #expect(html.contains(Escape.html(sentence)))
    }
}
