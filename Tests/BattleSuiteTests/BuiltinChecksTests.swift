import BattleCore
import Testing

@testable import BattleSuite

/// The named built-in checks added for the Battle Suite as data: each passes
/// on a correct answer and fails on one that breaks it.
@Suite struct BuiltinChecksTests {
    static func eval(
        _ b: BuiltinCheck, _ r: HTTPResponseRecord, target: String? = nil, body: [UInt8] = [], now: Int? = nil
    ) -> SuiteOutcome {
        b.evaluate(r, target: target, body: body, now: now).outcome
    }

    @Test func dateHeader() {
        #expect(Self.eval(.dateHeader, Canned.json, now: Canned.now) == .pass)
        #expect(Self.eval(.dateHeader, Canned.json, now: Canned.now + 60) == .fail)  // not current
        #expect(Self.eval(.dateHeader, Canned.json) == .pass)  // no clock: the format only
        #expect(Self.eval(.dateHeader, Canned.response("{}", date: "yesterday")) == .fail)
        let noDate = HTTPResponseRecord(status: 200, headers: [("Server", "x"), ("Content-Length", "2")], body: "{}")
        #expect(Self.eval(.dateHeader, noDate) == .fail)
    }

    @Test func framing() {
        #expect(Self.eval(.framing, Canned.json) == .pass)
        let wrongLength = HTTPResponseRecord(status: 200, headers: [("Content-Length", "3")], body: "{}")
        #expect(Self.eval(.framing, wrongLength) == .fail)
        let none = HTTPResponseRecord(status: 200, headers: [], body: "{}")
        #expect(Self.eval(.framing, none) == .fail)
        let gzip = HTTPResponseRecord(
            status: 200, headers: [("Content-Length", "2"), ("Content-Encoding", "gzip")], body: "{}")
        #expect(Self.eval(.framing, gzip) == .fail)
    }

    static func rows(_ n: Int) -> HTTPResponseRecord {
        Canned.response(
            "[" + (1...max(n, 1)).prefix(n).map { #"{"id":\#($0),"randomNumber":7}"# }.joined(separator: ",") + "]")
    }

    @Test func queriesClampingFollowsTheClampRule() {
        #expect(Self.eval(.queriesClamping, Self.rows(20), target: "/queries?queries=20") == .pass)
        #expect(Self.eval(.queriesClamping, Self.rows(1), target: "/queries?queries=foo") == .pass)
        #expect(Self.eval(.queriesClamping, Self.rows(1), target: "/queries") == .pass)
        #expect(Self.eval(.queriesClamping, Self.rows(1), target: "/queries?queries=") == .pass)
        #expect(Self.eval(.queriesClamping, Self.rows(1), target: "/queries?queries=1%3BDROP%20TABLE%20world") == .pass)
        #expect(Self.eval(.queriesClamping, Self.rows(500), target: "/updates?queries=501") == .pass)
        // a server that does not clamp
        #expect(Self.eval(.queriesClamping, Self.rows(0), target: "/queries?queries=0") == .fail)
        #expect(Self.eval(.queriesClamping, Self.rows(5), target: "/queries?queries=5abc") == .fail)
        #expect(Self.eval(.queriesClamping, Canned.response("{}"), target: "/queries?queries=2") == .fail)
        // the length only: bad rows are world-rows'
        #expect(Self.eval(.queriesClamping, Canned.response(#"[{"id":"x"}]"#), target: "/queries") == .pass)
        #expect(Self.eval(.worldRows, Canned.response(#"[{"id":"x"}]"#), target: "/queries") == .fail)
        #expect(Self.eval(.worldRows, Self.rows(2), target: "/queries?queries=2") == .pass)
        #expect(Self.eval(.worldRows, Self.rows(3), target: "/queries?queries=2") == .fail)
    }

    @Test func queriesParameterIsReadFromTheTarget() {
        #expect(QueryCount.parameter(in: "/queries?queries=20") == "20")
        #expect(QueryCount.parameter(in: "/queries?a=1&queries=%2D3") == "-3")
        #expect(QueryCount.parameter(in: "/queries?queries") == "")
        #expect(QueryCount.parameter(in: "/queries") == nil)
        #expect(QueryCount.parameter(in: nil) == nil)
    }

    @Test func orderAnswerComparesWithTheReference() throws {
        let good = OrderFixtures.good[0]
        guard case .accepted(let summary) = good.expected else { throw Failure("good[0] is not accepted") }
        #expect(Self.eval(.orderAnswer, Canned.response(summary.json.compactText), body: good.body) == .pass)
        var wrong = summary
        wrong.totalCents += 1
        #expect(Self.eval(.orderAnswer, Canned.response(wrong.json.compactText), body: good.body) == .fail)
        let bad = try #require(OrderFixtures.bad.first { if case .rejected = $0.expected { true } else { false } })
        guard case .rejected(let field) = bad.expected else { return }
        let rejection = #"{"error":"no","field":"\#(field)"}"#
        #expect(Self.eval(.orderAnswer, Canned.response(rejection, status: 400), body: bad.body) == .pass)
        #expect(Self.eval(.orderAnswer, Canned.response(rejection, status: 200), body: bad.body) == .fail)
        // a body that is not one of the fixed orders has no reference
        #expect(Self.eval(.orderAnswer, Canned.response("{}"), body: Array("{}".utf8)) == .fail)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
