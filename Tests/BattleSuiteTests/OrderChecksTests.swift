import BattleCore
import BattleSuite
import Testing

@Suite struct OrderChecksTests {
    static let good = OrderFixtures.good[0]

    static func summaryText(_ c: OrderCase) -> String {
        guard case .accepted(let s) = c.expected else { return "" }
        return s.json.compactText
    }

    @Test func referenceAnswerPassesInAnyKeyOrder() throws {
        #expect(OrderChecks.answer(Canned.response(Self.summaryText(Self.good)), to: Self.good).outcome == .pass)
        guard case .accepted(let s) = Self.good.expected, case .object(let members) = s.json else {
            Issue.record("the good order's reference answer is not an accepted JSON object: \(Self.good.expected)")
            return
        }
        #expect(members.count > 1, "a reversed order needs two keys at least")
        let reversed = JSONValue.object(members.reversed()).prettyText
        #expect(OrderChecks.answer(Canned.response(reversed), to: Self.good).outcome == .pass)
    }

    @Test func wrongFigureFails() {
        let wrong = Self.summaryText(Self.good).replacingOccurrences(
            of: "\"shippingCents\":3172", with: "\"shippingCents\":3173")
        let v = OrderChecks.answer(Canned.response(wrong), to: Self.good)
        #expect(v.outcome == .fail)
        #expect(v.detail.contains("shippingCents"))
    }

    @Test func extraKeyWarns() {
        let extra = Self.summaryText(Self.good).replacingOccurrences(
            of: "{\"orderId\"", with: "{\"debug\":1,\"orderId\"")
        #expect(OrderChecks.answer(Canned.response(extra), to: Self.good).outcome == .warn)
    }

    @Test func badOrders() throws {
        let bad = try #require(OrderFixtures.bad.first { $0.name == "bad-customer-id-3.0" })
        #expect(
            OrderChecks.answer(Canned.response(#"{"error":"x","field":"customer.id"}"#, status: 400), to: bad).outcome
                == .pass)
        #expect(
            OrderChecks.answer(Canned.response(#"{"error":"x","field":"customer"}"#, status: 400), to: bad).outcome
                == .fail)
        #expect(OrderChecks.answer(Canned.response(#"{"field":"customer.id"}"#, status: 400), to: bad).outcome == .warn)
        // accepting 3.0 as an integer is a failure
        #expect(OrderChecks.answer(Canned.response("{}", status: 200), to: bad).outcome == .fail)
        #expect(OrderChecks.answer(Canned.response("bad", status: 400), to: bad).outcome == .fail)
    }
}
