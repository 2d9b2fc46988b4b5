import BattleCore
import BattleHTTPClient
import BattleSuite

extension VerifierRun {
    static let repeats = 5

    /// Sends the same request a few times; header and body checks over all.
    func checkSimple(_ test: SuiteTest, body: (HTTPResponseRecord) -> CheckVerdict, passDetail: String) {
        var headers: [CheckVerdict] = []
        var bodies: [CheckVerdict] = []
        for _ in 0..<Self.repeats {
            switch send(.get(test.path)) {
            case .response(let r):
                headers.append(HeaderChecks.check(r, test: test, now: Self.now()))
                bodies.append(body(r))
            case .failed(let v):
                headers.append(v)
                bodies.append(v)
            }
        }
        addHeaders(test, headers, count: Self.repeats)
        add(test, "body", .worst(bodies, passDetail: passDetail))
    }

    func checkPlaintext() {
        checkSimple(
            .plaintext, body: BodyChecks.plaintext, passDetail: "\(Self.repeats) bodies are exactly \"Hello, World!\"")
    }

    func checkJSON() {
        checkSimple(
            .json, body: BodyChecks.json, passDetail: "\(Self.repeats) bodies are {\"message\":\"Hello, World!\"}")
    }

    /// Every fixed order (good, generated, bad) against the reference.
    func checkOrders() {
        var headers: [CheckVerdict] = []
        var good: [CheckVerdict] = []
        var bad: [CheckVerdict] = []
        let cases = OrderFixtures.verifierCases
        for c in cases {
            let isGood = c.expected.status == 200
            switch send(.postJSON("/orders", c.body)) {
            case .response(let r):
                headers.append(HeaderChecks.check(r, test: .orders, expectedStatus: c.expected.status, now: Self.now()))
                let v = OrderChecks.answer(r, to: c)
                if isGood { good.append(v) } else { bad.append(v) }
            case .failed(let v):
                headers.append(v)
                if isGood { good.append(v) } else { bad.append(v) }
            }
        }
        addHeaders(.orders, headers, count: cases.count)
        add(
            .orders, "answers",
            .worst(good, passDetail: "\(good.count) valid orders answered as the reference computes"))
        add(
            .orders, "rejections",
            .worst(bad, passDetail: "\(bad.count) invalid orders answered 400 with the right field"))
    }
}
