import BattleCore
import Foundation
import Testing

@testable import BattleSuite

/// suite/battle, the Battle Suite as data: it parses; its /orders requests
/// are OrderFixtures' verifier cases (written here, as suite/orders is:
/// `BATTLE_UPDATE_GOLDEN=1 swift test --filter BattleSuiteDataTests`); its
/// /queries and /updates requests are the verifier's `queries` values; its
/// seed is suite/schema.sql; and every check maps to a built-in check.
@Suite struct BattleSuiteDataTests {
    static let folder = SuiteFixtures.repo + "/suite/battle"
    static let manifest = folder + "/suite.toml"
    static let begin = "# BEGIN orders (written by BattleSuiteDataTests from OrderFixtures; do not edit)\n"
    static let end = "# END orders\n"

    static func load() throws -> SuiteSpec { try SuiteParser.parse(try files()) }

    static func files() throws -> SuiteFiles { try SuiteFixtures.files(in: folder, named: "suite/battle") }

    /// A request name from a case name (`bad-item-quantity-3.0` → `bad-item-quantity-3_0`).
    static func kindName(_ caseName: String) -> String {
        String(caseName.lowercased().map { SuiteParser.isName(String($0)) ? $0 : "_" })
    }

    /// The /orders requests: one per fixed order, in the verifier's order; valid orders
    /// weigh 1 in a load, invalid ones 0 (verify only).
    static func ordersBlock() -> String {
        var out = begin
        for c in OrderFixtures.verifierCases {
            let body = String(decoding: c.body, as: UTF8.self)
            precondition(!body.contains("{{"), "\(c.name): a body with {{ cannot be a template")
            let status: Int
            var field = ""
            switch c.expected {
            case .accepted: status = 200
            case .rejected(let f):
                status = 400
                field = "fields = [{ pointer = \"/field\", equals = \(TOMLString.quoted(f)) }]\n"
            }
            out += """

                # \(c.note)
                [[tests.orders.requests]]
                name = "\(kindName(c.name))"
                weight = \(status == 200 ? 1 : 0)
                method = "POST"
                path = "/orders"
                headers = { Content-Type = "application/json" }
                body = \(TOMLString.quoted(body))

                [tests.orders.requests.expect]
                status = \(status)
                headers = ["Server"]
                content_type = "application/json"
                \(field)builtin = ["date-header", "framing", "order-answer"]

                """
        }
        return out + end
    }

    @Test func theOrdersRequestsAreTheFixedOrders() throws {
        let text = try String(contentsOfFile: Self.manifest, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "suite.toml has no \(Self.begin)")
        let stop = try #require(text.range(of: Self.end), "suite.toml has no \(Self.end)")
        let current = String(text[start.lowerBound..<stop.upperBound])
        let wanted = Self.ordersBlock()
        if ProcessInfo.processInfo.environment["BATTLE_UPDATE_GOLDEN"] == "1", current != wanted {
            try (text.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: wanted))
                .write(toFile: Self.manifest, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            current == wanted,
            "suite/battle/suite.toml is out of date: BATTLE_UPDATE_GOLDEN=1 swift test --filter BattleSuiteDataTests")
        // and the parsed bodies are the verifier's, byte for byte
        let orders = try #require(try Self.load().test(named: "orders"))
        let bodies = SuiteTestRun(test: orders, database: nil).requests.map(\.body)
        #expect(bodies == OrderFixtures.verifierCases.map(\.body))
    }

    @Test func theSuiteParsesWithTheBuiltinVerifiersTests() throws {
        let s = try Self.load()
        #expect(s.name == "battle")
        #expect(s.tests.map(\.name) == SuiteTest.allCases.map(\.rawValue))
        #expect(s.serverChecks == [.notFound, .pipelining, .date, .keepAlive])
        // as many requests of each test as the built-in verifier sends
        let sent = Dictionary(
            uniqueKeysWithValues: s.tests.map { ($0.name, SuiteTestRun(test: $0, database: nil).requests.count) })
        #expect(
            sent == [
                "plaintext": 5, "json": 5, "db": 20, "queries": 21, "fortunes": 10, "updates": 21,
                "orders": OrderFixtures.verifierCases.count,
            ])
    }

    @Test func queriesAndUpdatesTryTheVerifiersValues() throws {
        let s = try Self.load()
        for name in ["queries", "updates"] {
            let t = try #require(s.test(named: name))
            let targets = t.requests.map { $0.path.description }
            #expect(targets == QueryCount.verifierCases.map { "/\(name)" + ($0.query.map { "?" + $0 } ?? "") })
            let counts = t.databaseChecks.compactMap { if case .queryCount(let q) = $0 { q } else { nil } }
            guard let perKind = counts.first?.perKind else {
                throw BuiltinChecksTests.Failure("\(name): no per-kind select count")
            }
            // one SELECT per row the clamped value asks for
            for (r, c) in zip(t.requests, QueryCount.verifierCases) {
                #expect(perKind[r.name] == c.expected, "\(r.name)")
            }
            #expect(t.requests.filter { $0.weight > 0 }.map(\.name) == ["q20"])
        }
    }

    @Test func theSeedIsTheSuitesSchema() throws {
        let copy = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/sql/schema.sql"))
        let original = try Data(contentsOf: URL(fileURLWithPath: SuiteFixtures.repo + "/suite/schema.sql"))
        #expect(
            copy == original,
            "suite/battle/sql/schema.sql differs from suite/schema.sql: cp suite/schema.sql suite/battle/sql/")
    }

    /// Every data check of suite/battle folds into a built-in check, and the fold gives the 34.
    @Test func everyCheckMapsAndTheFoldGivesTheBuiltinChecks() throws {
        let s = try Self.load()
        let tests = s.tests.map { t in
            TestVerification(
                name: t.name, status: .checked,
                checks: SuiteTestRun(test: t, database: nil).run { _ in .success(Canned.json) }.checks)
        }
        let v = SuiteVerification(
            suite: s, tests: tests, server: s.serverChecks.map { SuiteCheckResult(name: $0.rawValue, .pass("ok")) })
        #expect(BattleSuiteMapping.unmapped(v) == [])
        let folded = BattleSuiteMapping.fold(v)
        #expect(folded.count == 34)
        #expect(!folded.contains { $0.detail == "no data check makes this check" })
    }
}
