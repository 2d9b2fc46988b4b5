import BattleArena
import BattleCore
import Foundation
import Testing

/// The equal-rate planner: the same offered rate for every contender.
struct EqualRateTests {
    /// A closed-loop run answering `rps` requests per second for 10 s.
    func load(rps: Double) -> LoadSummary {
        let n = Int(rps * 10)
        return LoadSummary(
            config: LoadConfigRecord(
                targets: ["http://127.0.0.1:1/x"], connections: 64, threads: 1, pipeline: 1, durationSeconds: 10,
                requestLimit: nil, warmupSeconds: 0, timeoutSeconds: 5, rate: nil),
            startedAt: Date(timeIntervalSince1970: 0), durationSeconds: 10, requests: n, requestsPerSecond: rps,
            bytesRead: n * 100, statusCodes: ["200": n], errors: ErrorCounts(), reconnects: 0, latency: .empty,
            endpoints: [])
    }

    func contender(_ name: String, _ levels: [(SuiteTest, LevelSpec, Double)], errors: Int = 0) -> ContenderResult {
        var tests: [SuiteTest: [LevelResult]] = [:]
        for (test, spec, rps) in levels {
            var l = spec.emptyResult()
            var load = self.load(rps: rps)
            load.errors.read = errors
            l.trials = [TrialResult(trial: 1, load: load, server: nil, clientBound: false)]
            l.summarize()
            tests[test, default: []].append(l)
        }
        return ContenderResult(
            name: name, displayName: name, language: "X", framework: "x", approach: "realistic", status: .ok,
            tests: tests.map { TestResult(test: $0.key, levels: $0.value) }.sorted { $0.test < $1.test })
    }

    @Test func defaultRateIsHalfTheSlowestPeakRoundedDown() {
        let quick = PlanProfile.named(.quick)
        let planner = EqualRatePlanner(profile: quick)
        let json = LevelSpec(test: .json, connections: 64)
        let fast = contender("fast", [(.json, json, 80_000)])
        let slow = contender("slow", [(.json, json, 8_345)])
        let rates = planner.rates(tests: [.json], contenders: [fast, slow])
        #expect(rates.count == 1)
        #expect(rates.first?.rate == 4_100)
        #expect(rates.first?.basis.contains("slow") == true)
        #expect(rates.first?.basis.contains("half") == true)
    }

    @Test func pipelinedAndUnhealthyPeaksDoNotSetTheRate() {
        let planner = EqualRatePlanner(profile: .named(.quick))
        let plain = LevelSpec(test: .plaintext, connections: 64)
        let piped = LevelSpec(test: .plaintext, connections: 64, pipeline: 16)
        let a = contender("a", [(.plaintext, plain, 40_000), (.plaintext, piped, 400_000)])
        let broken = contender("broken", [(.plaintext, plain, 1_000)], errors: 50)
        let rates = planner.rates(tests: [.plaintext], contenders: [a, broken])
        #expect(rates.map(\.rate) == [20_000])
    }

    @Test func queriesUseTheHeaviestCountOfThePlan() {
        let standard = PlanProfile.named(.standard)
        #expect(standard.equalRateQueries(for: .queries) == 20)
        #expect(standard.equalRateQueries(for: .updates) == 20)
        #expect(standard.equalRateQueries(for: .json) == nil)
        let q1 = LevelSpec(test: .queries, connections: 64, queries: 1)
        let q20 = LevelSpec(test: .queries, connections: 64, queries: 20)
        let c = contender("c", [(.queries, q1, 9_000), (.queries, q20, 1_200)])
        let rates = EqualRatePlanner(profile: standard).rates(tests: [.queries], contenders: [c])
        #expect(rates.map(\.rate) == [600])
        let level = standard.equalRateLevel(for: .queries, rate: 600)
        #expect(level.kind == .equalRate)
        #expect(level.path == "/queries?queries=20")
        #expect(level.label == "q=20 rate=600/s")
    }

    @Test func overridesAreUsedAsGivenAndNothingMeasuredGivesNoRate() throws {
        let overrides = try EqualRatePlanner.parseOverrides(["json=20000", "db=2000,4000"])
        #expect(overrides[.json] == [20_000])
        #expect(overrides[.db] == [2_000, 4_000])
        let planner = EqualRatePlanner(profile: .named(.quick), overrides: overrides)
        let rates = planner.rates(tests: [.plaintext, .json, .db], contenders: [])
        #expect(rates.map(\.test) == [.json, .db, .db])
        #expect(rates.allSatisfy { $0.basis == "--rate" })
    }

    @Test func badRateFlagsNameTheFlagAndTheFix() {
        for bad in ["json", "jsn=100", "json=fast", "json=0", "json="] {
            #expect(throws: PlanError.self, "\(bad)") { try EqualRatePlanner.parseOverrides([bad]) }
        }
        do {
            _ = try EqualRatePlanner.parseOverrides(["jsn=100"])
        } catch {
            #expect(error.description.contains("--rate 'jsn=100'"))
            #expect(error.description.contains("json=20000"))
        }
    }

    @Test func roundDownKeepsTwoSignificantDigits() {
        #expect(EqualRatePlanner.roundDown(4_163) == 4_100)
        #expect(EqualRatePlanner.roundDown(99.9) == 99)
        #expect(EqualRatePlanner.roundDown(123_456) == 120_000)
        #expect(EqualRatePlanner.roundDown(7.6) == 7)
        #expect(EqualRatePlanner.roundDown(0.3) == 1)
    }
}
