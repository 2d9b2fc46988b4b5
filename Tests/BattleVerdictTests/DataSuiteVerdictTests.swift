import BattleCore
import Testing

@testable import BattleVerdict

/// The verdict on a data suite's run: tests it has never heard of are
/// compared like any test, each with the default weight of one test, and
/// the verdict says so; a profile's Battle Suite tests do not empty it.
@Suite struct DataSuiteVerdictTests {
    static func run() -> RunResults {
        let mix = SuiteTest("mix")
        let list = SuiteTest("list")
        return Synthetic.run([
            Synthetic.contender(
                "fast", language: "zed",
                tests: [
                    TestResult(test: mix, levels: [Synthetic.level(rps: 900, perCPU: 900, p99: 800)]),
                    TestResult(test: list, levels: [Synthetic.level(rps: 500, perCPU: 500, p99: 900)]),
                ]),
            Synthetic.contender(
                "slow", language: "quux",
                tests: [
                    TestResult(test: mix, levels: [Synthetic.level(rps: 300, perCPU: 300, p99: 2000)]),
                    TestResult(test: list, levels: [Synthetic.level(rps: 200, perCPU: 200, p99: 3000)]),
                ]),
        ])
    }

    @Test func unknownTestsAreComparedWithTheDefaultWeightAndItIsSaid() throws {
        let v = Synthetic.verdict(Self.run(), [.throughputPerCore: 1, .tailLatency: 1])
        #expect(v.ranking.first?.candidate.name == "fast")
        let throughput = try #require(v.criteria.first { $0.criterion == .throughputPerCore })
        #expect(throughput.components.map(\.key) == ["mix", "list"], "in the order the results list them")
        #expect(
            v.notes.contains {
                $0.contains("Tests outside the Battle Suite (mix, list)") && $0.contains("default weight of one test")
            }, "\(v.notes)")
    }

    @Test func aProfileNamingBattleSuiteTestsStillJudgesADataSuiteRun() {
        let r = Self.run()
        let tests = Evidence.testsToCompare(
            r.contenders, profile: Synthetic.profile([.throughputPerCore: 1], tests: [.db, .orders]))
        #expect(tests == [SuiteTest("mix"), SuiteTest("list")])
        // In a Battle Suite run the profile's tests still choose.
        let battle = Synthetic.run([Synthetic.simple("a", language: "zed", perCPU: 10, test: .json)])
        #expect(
            Evidence.testsToCompare(battle.contenders, profile: Synthetic.profile([:], tests: [.db])).isEmpty)
    }
}
