import BattleCore
import BattleSuite
import Testing

/// A database that answers from a dictionary and counts nothing by itself.
final class FakeSuiteDatabase: SuiteDatabaseReader {
    var answers: [String: String]
    var stats: [StatementStat]
    var resets = 0
    var broken: String?

    init(answers: [String: String] = [:], stats: [StatementStat] = []) {
        self.answers = answers
        self.stats = stats
    }

    /// Whether `scalar` counts its own queries in `stats`, as pg_stat_statements would.
    var countsOwnQueries = false

    func scalar(_ sql: String) throws(SuiteDatabaseFailure) -> String? {
        if let broken { throw SuiteDatabaseFailure(broken) }
        if countsOwnQueries { stats.append(StatementStat(query: sql, calls: 1, rows: 1)) }
        return answers[sql]
    }

    func resetStatements() throws(SuiteDatabaseFailure) { resets += 1 }
    func statements() throws(SuiteDatabaseFailure) -> [StatementStat] { stats }
}

/// Every check kind passes on a correct response and fails on one that breaks it.
@Suite struct SuiteChecksTests {
    static let id7 = ParameterValues(["id": .integer(7), "sku": .string("SKU-00007")])

    static func product(
        _ body: String = #"{"id":7,"name":"Product 7","priceCents":700}"#, type: String = "application/json"
    )
        -> HTTPResponseRecord
    {
        Canned.response(body, type: type)
    }

    func check(_ c: ResponseCheck, _ r: HTTPResponseRecord, db: (any SuiteDatabaseReader)? = nil) -> SuiteOutcome {
        c.evaluate(r, parameters: Self.id7, database: db).outcome
    }

    @Test func status() {
        #expect(check(.status(200), Self.product()) == .pass)
        #expect(check(.status(200), Canned.response("{}", status: 500)) == .fail)
        #expect(check(.status(201), Self.product()) == .fail)
    }

    @Test func requiredHeaders() {
        #expect(check(.headers(["Server", "date"]), Self.product()) == .pass)
        #expect(check(.headers(["Server"]), Canned.response("{}", server: nil)) == .fail)
        #expect(check(.headers(["Server"]), Canned.response("{}", server: " ")) == .fail)
        let v = ResponseCheck.headers(["ETag", "Server"]).evaluate(Self.product(), parameters: Self.id7, database: nil)
        #expect(v.detail == "no ETag header")
    }

    @Test func headerValues() throws {
        let page = try Template.parse("{{id}}")
        var r = Self.product()
        r.headers.append((name: "X-Page", value: "7"))
        #expect(check(.headerValue(name: "x-page", value: page), r) == .pass)
        r.headers[r.headers.count - 1].value = "8"
        #expect(check(.headerValue(name: "X-Page", value: page), r) == .fail)
        #expect(check(.headerValue(name: "X-Page", value: page), Self.product()) == .fail)
    }

    @Test func contentType() {
        #expect(check(.contentType("application/json"), Self.product()) == .pass)
        #expect(check(.contentType("application/json"), Self.product(type: "Application/JSON; charset=UTF-8")) == .pass)
        #expect(check(.contentType("application/json"), Self.product(type: "text/json")) == .fail)
        #expect(
            check(.contentType("application/json"), Self.product(type: "application/json; charset=latin1")) == .fail)
        #expect(check(.contentType("text/html; charset=utf-8"), Self.product(type: "text/html")) == .fail)
        #expect(
            check(.contentType("text/html; charset=utf-8"), Self.product(type: "text/html;charset=\"utf-8\"")) == .pass)
    }

    @Test func body() throws {
        let t = try Template.parse("Hello, {{sku}}!")
        #expect(check(.body(t), Canned.response("Hello, SKU-00007!", type: "text/plain")) == .pass)
        #expect(check(.body(t), Canned.response("Hello, SKU-00007!\n", type: "text/plain")) == .fail)
    }

    @Test func schema() throws {
        let schema = try JSONSchema(
            try JSONParser.parse(
                #"{"type":"object","properties":{"id":{"type":"integer","minimum":1},"name":{"type":"string"}},"required":["id","name"],"additionalProperties":false}"#
            ))
        let c = ResponseCheck.schema(file: "p.json", schema)
        #expect(check(c, Self.product(#"{"id":7,"name":"x"}"#)) == .pass)
        #expect(check(c, Self.product(#"{"id":"7","name":"x"}"#)) == .fail)
        #expect(check(c, Self.product(#"{"id":7}"#)) == .fail)
        #expect(check(c, Self.product(#"{"id":7,"name":"x","extra":1}"#)) == .fail)
        #expect(check(c, Self.product(#"{"id":7,"name":"x""#)) == .fail)
        let v = c.evaluate(Self.product(#"{"id":0,"name":"x"}"#), parameters: Self.id7, database: nil)
        #expect(v.detail == "body breaks p.json: /id: 0 is below the minimum 1")
    }

    @Test func fieldEqualsAValueOrAParameter() throws {
        let name = FieldCheck(
            pointer: try JSONPointer("/name"), expected: .value(.string(try Template.parse("Product {{id}}"))))
        #expect(check(.field(name), Self.product()) == .pass)
        #expect(check(.field(name), Self.product(#"{"id":7,"name":"Product 8"}"#)) == .fail)
        #expect(check(.field(name), Self.product(#"{"id":7}"#)) == .fail)
        let id = FieldCheck(pointer: try JSONPointer("/id"), expected: .parameter("id"))
        #expect(check(.field(id), Self.product()) == .pass)
        #expect(check(.field(id), Self.product(#"{"id":7.0}"#)) == .pass)  // the same number
        #expect(check(.field(id), Self.product(#"{"id":"7"}"#)) == .fail)  // a string is not the integer parameter
        let nested = FieldCheck(pointer: try JSONPointer("/lines/1/sku"), expected: .parameter("sku"))
        #expect(check(.field(nested), Self.product(#"{"lines":[{},{"sku":"SKU-00007"}]}"#)) == .pass)
        #expect(check(.field(nested), Self.product(#"{"lines":[{"sku":"SKU-00007"}]}"#)) == .fail)
    }

    @Test func fieldEqualsTheDatabase() throws {
        let sql = FieldCheck(
            pointer: try JSONPointer("/priceCents"),
            expected: .sql(try Template.parse("SELECT price_cents FROM product WHERE id = {{id}}")))
        let db = FakeSuiteDatabase(answers: ["SELECT price_cents FROM product WHERE id = 7": "700"])
        #expect(check(.field(sql), Self.product(), db: db) == .pass)
        #expect(check(.field(sql), Self.product(#"{"priceCents":701}"#), db: db) == .fail)
        #expect(check(.field(sql), Self.product(), db: FakeSuiteDatabase()) == .fail)  // no row
        db.broken = "connection refused"
        #expect(check(.field(sql), Self.product(), db: db) == .fail)
        let skipped = ResponseCheck.field(sql).evaluate(Self.product(), parameters: Self.id7, database: nil)
        #expect(skipped.outcome == .skip)
        #expect(skipped.detail.contains("--database-url"))
    }

    @Test func builtins() {
        #expect(BuiltinCheck.plaintextBody.evaluate(Canned.plaintext).outcome == .pass)
        #expect(BuiltinCheck.plaintextBody.evaluate(Canned.response("Hello", type: "text/plain")).outcome == .fail)
        #expect(BuiltinCheck.jsonMessage.evaluate(Canned.json).outcome == .pass)
        #expect(BuiltinCheck.jsonMessage.evaluate(Canned.response("{}")).outcome == .fail)
        #expect(BuiltinCheck.worldRow.evaluate(Canned.response(#"{"id":1,"randomNumber":2}"#)).outcome == .pass)
        #expect(BuiltinCheck.worldRow.evaluate(Canned.response(#"[{"id":1,"randomNumber":2}]"#)).outcome == .fail)
        #expect(
            BuiltinCheck.fortunesPage.evaluate(Canned.response("<html></html>", type: "text/html")).outcome == .fail)
    }

    @Test func effects() {
        let perRequest = EffectCheck(name: "rows", query: "SELECT count(*) FROM orders", change: .perRequest(1))
        #expect(perRequest.evaluate(before: 10, after: 15, requests: 5).outcome == .pass)
        #expect(perRequest.evaluate(before: 10, after: 14, requests: 5).outcome == .fail)
        #expect(perRequest.evaluate(before: 10, after: 10, requests: 5).outcome == .fail)
        let changed = EffectCheck(name: "c", query: "q", change: .changed)
        #expect(changed.evaluate(before: 1, after: 2, requests: 5).outcome == .pass)
        #expect(changed.evaluate(before: 1, after: 1, requests: 5).outcome == .fail)
        let unchanged = EffectCheck(name: "u", query: "q", change: .unchanged)
        #expect(unchanged.evaluate(before: 1, after: 1, requests: 5).outcome == .pass)
        #expect(unchanged.evaluate(before: 1, after: 0, requests: 5).outcome == .fail)
        #expect(perRequest.read(FakeSuiteDatabase(answers: ["SELECT count(*) FROM orders": "12"])) == .success(12))
        #expect((try? perRequest.read(FakeSuiteDatabase(answers: ["SELECT count(*) FROM orders": "x"])).get()) == nil)
    }

    @Test func queryCounts() {
        let q = QueryCountCheck(statement: .select, table: "product", perRequest: 1)
        let enough = [
            StatementStat(query: "SELECT id, name FROM product WHERE id = $1", calls: 5, rows: 5),
            StatementStat(query: "SELECT 1 FROM productx", calls: 100, rows: 100),
            StatementStat(query: "UPDATE product SET x = 1", calls: 100, rows: 100),
        ]
        #expect(q.evaluate(statements: enough, requests: 5).outcome == .pass)
        #expect(q.evaluate(statements: enough, requests: 6).outcome == .fail)  // a cache, or batching
        #expect(q.evaluate(statements: [], requests: 1).outcome == .fail)
        let hidden = [StatementStat(query: "<insufficient privilege>", calls: 5, rows: 5)]
        #expect(q.evaluate(statements: hidden, requests: 5).outcome == .warn)
        let insert = QueryCountCheck(statement: .insert, table: "orders", perRequest: 1)
        #expect(
            insert.evaluate(
                statements: [StatementStat(query: "insert into orders (body) values ($1)", calls: 2, rows: 2)],
                requests: 2
            ).outcome == .pass)
    }
}
