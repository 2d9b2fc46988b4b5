import BattleCore
import Foundation
import Testing

@Suite("Fixture results files")
struct FixtureTests {
    /// The committed fixtures (compact JSON: the generator is the readable
    /// source) are exactly what FixtureFactory builds, and
    /// they read back through the same reader `battle report` uses.
    @Test(arguments: FixtureFactory.names)
    func fixtureMatchesItsGenerator(_ name: String) throws {
        let generated = try #require(FixtureFactory.make(name))
        let data = try ResultsCoding.encoder(pretty: false).encode(generated) + Data("\n".utf8)
        Golden.check(String(decoding: data, as: UTF8.self), name, in: Repo.fixtures)
        let read = try ResultsCoding.readResults(at: Repo.fixture(name))
        #expect(read == generated)
    }

    @Test func smallFixtureHasWhatTheReportMustShow() throws {
        let r = try ResultsCoding.readResults(at: Repo.fixture("small.json"))
        #expect(r.contenders.count == 3)
        #expect(r.contenders.contains { $0.status != .ok && $0.failure != nil })
        #expect(r.contenders.contains { $0.approach == "stripped" })
        #expect(r.contenders.contains { !$0.capacity.isEmpty })
        #expect(r.contenders.contains { c in c.tests.contains { t in t.levels.contains { ($0.liveHeapMB ?? 0) > 0 } } })
        #expect(
            r.contenders.flatMap(\.tests).flatMap(\.levels).allSatisfy {
                $0.trials.allSatisfy { !($0.server?.samples.isEmpty ?? true) }
            })
    }
}
