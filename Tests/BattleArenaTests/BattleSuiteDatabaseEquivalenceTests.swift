import BattleArena
import BattleCore
import BattleSuite
import Foundation
import Testing

/// The Battle Suite as data against the built-in verifier with a real
/// PostgreSQL (scripts/dev-postgres): a fake server implementing all seven
/// tests honestly gets 34/34 from both; a cached /db, a batching /queries and
/// an /updates that writes nothing fail the same checks in both.
@Suite(.serialized, .enabled(if: DevPostgres.runs, "PostgreSQL 15 is not installed (scripts/bootstrap)"))
struct BattleSuiteDatabaseEquivalenceTests {
    /// How a fake breaks the rules.
    struct Faults: OptionSet, Sendable {
        let rawValue: Int
        static let cachedDB = Faults(rawValue: 1)
        static let batchedQueries = Faults(rawValue: 2)
        static let updatesNotWritten = Faults(rawValue: 4)
    }

    static func rows(_ out: String) -> [(Int, Int)] {
        out.split(separator: "\n").compactMap { l in
            let f = l.split(separator: "|")
            guard f.count == 2, let id = Int(f[0]), let n = Int(f[1]) else { return nil }
            return (id, n)
        }
    }

    static func json(_ rows: [(Int, Int)]) -> String {
        rows.map { #"{"id":\#($0.0),"randomNumber":\#($0.1)}"# }.joined(separator: ",")
    }

    /// All seven tests: world reads one statement per row (in one psql call), fortunes read, updates written.
    static func responder(url: String, faults: Faults) -> FakeResponder {
        let cachedRow = rows(DevPostgres.psql(url, "SELECT id, randomnumber FROM world WHERE id = 42"))
        let orders = VerifyIntegrationTests.ordersResponder(freeShipping: false)
        return { method, uri, body in
            let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
            let n = QueryCount.clamp(QueryCount.parameter(in: uri))
            func read(_ ids: [Int]) -> [(Int, Int)] {
                if faults.contains(.batchedQueries) && path == "/queries" {
                    let byID = Dictionary(
                        rows(
                            DevPostgres.psql(
                                url,
                                "SELECT id, randomnumber FROM world WHERE id IN (\(ids.map(String.init).joined(separator: ",")))"
                            )), uniquingKeysWith: { a, _ in a })
                    return ids.map { ($0, byID[$0]!) }
                }
                return rows(
                    DevPostgres.psql(
                        url, ids.map { "SELECT id, randomnumber FROM world WHERE id = \($0);" }.joined(separator: " ")))
            }
            switch path {
            case "/plaintext": return .ok("Hello, World!", type: "text/plain")
            case "/json": return .ok(#"{"message":"Hello, World!"}"#, type: "application/json")
            case "/db":
                if faults.contains(.cachedDB) { return .ok(json(cachedRow), type: "application/json") }
                return .ok(json(read([Int.random(in: 1...10_000)])), type: "application/json")
            case "/queries":
                return .ok(
                    "[" + json(read((0..<n).map { _ in Int.random(in: 1...10_000) })) + "]", type: "application/json")
            case "/updates":
                var ids: [Int] = []
                while ids.count < n {
                    let id = Int.random(in: 1...10_000)
                    if !ids.contains(id) { ids.append(id) }
                }
                let updated = read(ids).map { ($0.0, Int.random(in: 1...10_000)) }
                if !faults.contains(.updatesNotWritten) {
                    _ = DevPostgres.psql(
                        url,
                        updated.map { "UPDATE world SET randomnumber = \($0.1) WHERE id = \($0.0);" }.joined(
                            separator: " "))
                }
                return .ok("[" + json(updated) + "]", type: "application/json")
            case "/fortunes":
                _ = DevPostgres.psql(url, "SELECT id, message FROM fortune")
                return .ok(Fortunes.expectedPage, type: "text/html; charset=utf-8")
            case "/orders": return orders(method, uri, body)
            default: return .ok("not found", type: "text/plain", status: 404)
            }
        }
    }

    static let all = SuiteTest.allCases

    @Test func anHonestServerPassesAll34InBoth() async throws {
        try await DevPostgres.with { url in
            let r = try await BattleSuiteEquivalenceTests.both(
                Self.responder(url: url, faults: []), tests: Self.all, databaseURL: url)
            #expect(r.builtin == r.data, "\(r.details)")
            #expect(r.builtin.count == 34 && r.data.count == 34)
            #expect(r.data.values.allSatisfy { $0 == .pass }, "\(r.details)")
        }
    }

    @Test func cachingBatchingAndUnwrittenUpdatesFailTheSameChecks() async throws {
        try await DevPostgres.with { url in
            let r = try await BattleSuiteEquivalenceTests.both(
                Self.responder(url: url, faults: [.cachedDB, .batchedQueries, .updatesNotWritten]),
                tests: [.db, .queries, .updates], databaseURL: url)
            #expect(r.builtin == r.data, "\(r.details)")
            for check in [
                "db query-count", "db random-rows", "queries query-count", "updates query-count", "updates persisted",
                "updates table-changed",
            ] {
                #expect(r.data[check] == .fail, "\(check)")
            }
            #expect(r.data["queries matches-table"] == .pass)
            #expect(r.data["queries tables-intact"] == .pass)
        }
    }
}
