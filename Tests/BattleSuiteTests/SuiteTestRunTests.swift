import BattleCore
import BattleSuite
import Testing

/// One test of a data suite against canned servers: what is sent, checked,
/// skipped and reported as not implemented.
@Suite struct SuiteTestRunTests {
    static func shop() throws -> SuiteSpec { try SuiteParser.parse(try SuiteFixtures.shop()) }

    /// A correct shop for the product test.
    static func product(_ request: SampledRequest) -> Result<HTTPResponseRecord, SuiteTestRun.SendFailure> {
        guard case .integer(let id)? = request.parameters["id"] else { return .failure(.init("no id")) }
        return .success(Canned.response(#"{"id":\#(id),"name":"Product \#(id)","priceCents":\#(id * 100)}"#))
    }

    @Test func aCorrectServerPassesAndDatabaseChecksAreSkippedWithoutADatabase() throws {
        let test = try #require(try Self.shop().test(named: "product"))
        var sent = 0
        let v = SuiteTestRun(test: test, database: nil).run { r in
            sent += 1
            return Self.product(r)
        }
        #expect(sent == 4)
        #expect(v.status == .checked)
        let outcomes = Dictionary(uniqueKeysWithValues: v.checks.map { ($0.name, $0.outcome) })
        #expect(outcomes["schema"] == .pass && outcomes["field /id"] == .pass && outcomes["field /name"] == .pass)
        #expect(outcomes["field /priceCents"] == .skip)
        #expect(outcomes["query-count select product"] == .skip)
        #expect(!v.failed)
    }

    @Test func withADatabaseItsChecksRun() throws {
        let test = try #require(try Self.shop().test(named: "product"))
        var answers: [String: String] = [:]
        for id in 1...50 { answers["SELECT price_cents FROM product WHERE id = \(id)"] = String(id * 100) }
        let db = FakeSuiteDatabase(
            answers: answers, stats: [StatementStat(query: "SELECT * FROM product WHERE id = $1", calls: 4, rows: 4)])
        let v = SuiteTestRun(test: test, database: db).run(send: Self.product)
        #expect(db.resets == 1)
        #expect(v.checks.allSatisfy { $0.outcome == .pass }, "\(v.checks)")
        // A cache: the server runs no statement. The verifier's own reads for
        // the sql field must not count for it (statements are read before the checks run).
        db.stats = []
        db.countsOwnQueries = true
        let cached = SuiteTestRun(test: test, database: db).run(send: Self.product)
        #expect(cached.checks.first { $0.name == "query-count select product" }?.outcome == .fail, "\(cached.checks)")
        #expect(cached.checks.first { $0.name == "field /priceCents" }?.outcome == .pass)
    }

    @Test func effectsAreReadBeforeAndAfter() throws {
        let test = try #require(try Self.shop().test(named: "order"))
        let db = FakeSuiteDatabase(answers: ["SELECT count(*) FROM orders": "3"])
        let writes = SuiteTestRun(test: test, database: db).run { _ in
            db.answers["SELECT count(*) FROM orders"] = String(Int(db.answers["SELECT count(*) FROM orders"]!)! + 1)
            return .success(Canned.response(#"{"status":"accepted"}"#, status: 201))
        }
        #expect(writes.checks.allSatisfy { $0.outcome == .pass }, "\(writes.checks)")
        let forgets = SuiteTestRun(test: test, database: db).run { _ in
            .success(Canned.response(#"{"status":"accepted"}"#, status: 201))
        }
        #expect(forgets.checks.first { $0.name == "effect orders written" }?.outcome == .fail)
    }

    @Test func aMixChecksEveryKindUnderItsName() throws {
        let test = try #require(try Self.shop().test(named: "browse"))
        let v = SuiteTestRun(test: test, database: nil).run { r in
            if let sku = r.parameters["sku"], r.kind == 0 {
                return .success(Canned.response(#"[{"sku":"\#(sku.text)"}]"#))
            }
            var page = Canned.response("[]")
            page.headers.append((name: "X-Page", value: "1"))
            return .success(page)
        }
        let names = v.checks.map(\.name)
        #expect(
            names == [
                "by-sku: status", "by-sku: content-type", "by-sku: field /0/sku", "page: status", "page: header X-Page",
                "page: content-type",
            ])
        // X-Page is always 1, so pages 2 and 3 fail that check, and only it.
        #expect(v.checks.filter { $0.outcome == .fail }.map(\.name) == ["page: header X-Page"])
    }

    @Test func a404OnTheFirstRequestIsNotImplementedNotFailed() throws {
        let test = try #require(try Self.shop().test(named: "hello"))
        var sent = 0
        let v = SuiteTestRun(test: test, database: nil).run { _ in
            sent += 1
            return .success(Canned.response("not found", type: "text/plain", status: 404))
        }
        #expect(sent == 1)
        #expect(v.status == .notImplemented)
        #expect(!v.failed)
        let broken = SuiteTestRun(test: test, database: nil).run { _ in .failure(.init("connection reset")) }
        #expect(broken.status == .checked && broken.failed)
    }
}
