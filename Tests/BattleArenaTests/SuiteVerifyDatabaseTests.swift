import BattleCore
import BattleSuite
import Foundation
import Testing

@testable import BattleArena

/// `battle verify --suite` with `--database-url` against real PostgreSQL
/// (scripts/dev-postgres, seeded with the shop suite's own seed): the `sql`
/// field, the query count and the effect pass on an honest shop and each
/// fails on the shop that breaks it.
@Suite(.serialized, .enabled(if: DevPostgres.runs, "PostgreSQL 15 is not installed (scripts/bootstrap)"))
struct SuiteVerifyDatabaseTests {
    enum Shop: Sendable {
        case honest, cachedProducts, wrongPrice, ordersNotWritten
    }

    static func responder(url: String, _ shop: Shop) -> FakeResponder {
        let cache = DevPostgres.psql(url, "SELECT id, name, price_cents FROM product ORDER BY id")
            .split(separator: "\n").map(String.init)
        return { method, uri, _ in
            if method == "POST", uri == "/orders" {
                if shop != .ordersNotWritten { _ = DevPostgres.psql(url, "INSERT INTO orders (body) VALUES ('{}')") }
                return .ok(#"{"status":"accepted"}"#, type: "application/json", status: 201)
            }
            guard uri.hasPrefix("/products/"), let id = Int(uri.dropFirst(10)) else {
                return .ok("no", type: "text/plain", status: 404)
            }
            let row =
                shop == .cachedProducts
                ? cache[id - 1]
                : DevPostgres.psql(url, "SELECT id, name, price_cents FROM product WHERE id = \(id)")
                    .split(separator: "\n").first.map(String.init) ?? ""
            let f = row.split(separator: "|")
            let price = Int(f[2])! + (shop == .wrongPrice ? 1 : 0)
            return .ok(#"{"id":\#(f[0]),"name":"\#(f[1])","priceCents":\#(price)}"#, type: "application/json")
        }
    }

    static func verify(url: String, _ shop: Shop) async throws -> SuiteVerification {
        var suite = try SuiteVerifyTests.suite()
        suite.tests = suite.tests.filter { ["product", "order"].contains($0.name) }
        return try await FakeServer.with(responder(url: url, shop)) { port in
            await SuiteVerifier.verify(suite, host: "127.0.0.1", port: port, databaseURL: url, requestTimeout: 10)
        }
    }

    @Test func databaseChecksCatchCachesWrongValuesAndMissingWrites() async throws {
        try await DevPostgres.with { url in
            for seed in try SuiteVerifyTests.suite().seed {
                _ = try DevPostgres.run(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", seed.sql])
            }

            let honest = try await Self.verify(url: url, .honest)
            let all = honest.tests.flatMap(\.checks)
            #expect(all.allSatisfy { $0.outcome == .pass }, "\(all.filter { $0.outcome != .pass })")
            #expect(all.contains { $0.name == "field /priceCents" })

            let cached = try await Self.verify(url: url, .cachedProducts)
            #expect(SuiteVerifyTests.outcome(cached, "product", "query-count select product") == .fail)
            #expect(SuiteVerifyTests.outcome(cached, "product", "field /priceCents") == .pass)

            let wrong = try await Self.verify(url: url, .wrongPrice)
            #expect(SuiteVerifyTests.outcome(wrong, "product", "field /priceCents") == .fail)
            #expect(SuiteVerifyTests.outcome(wrong, "product", "query-count select product") == .pass)

            let lazy = try await Self.verify(url: url, .ordersNotWritten)
            #expect(SuiteVerifyTests.outcome(lazy, "order", "effect orders written") == .fail)
            #expect(SuiteVerifyTests.outcome(lazy, "order", "status") == .pass)
        }
    }
}
