import BattleCore
import BattleHTTPClient
import BattleSuite
import Foundation

extension VerifierRun {
    /// A cheap request for a test and what its answer must look like.
    static func probe(_ test: SuiteTest) -> (ClientRequest, @Sendable (HTTPResponseRecord) -> Bool) {
        switch test {
        case .plaintext: (.get("/plaintext"), { $0.status == 200 && $0.bodyText == BodyChecks.plaintextBody })
        case .json: (.get("/json"), { $0.status == 200 && BodyChecks.json($0).outcome != .fail })
        case .db: (.get("/db"), { $0.status == 200 && WorldChecks.single($0).1.outcome != .fail })
        case .queries:
            (
                .get("/queries?queries=3"),
                { $0.status == 200 && WorldChecks.array($0, expectedCount: 3).1.outcome != .fail }
            )
        case .fortunes: (.get("/fortunes"), { $0.status == 200 && FortunesCheck.page($0).outcome != .fail })
        case .updates:
            (
                .get("/updates?queries=2"),
                { $0.status == 200 && WorldChecks.array($0, expectedCount: 2).1.outcome != .fail }
            )
        case .orders:
            (
                .postJSON("/orders", OrderFixtures.good[0].body),
                { $0.status == 200 && OrderChecks.answer($0, to: OrderFixtures.good[0]).outcome != .fail }
            )
        default: (.get(test.path), { $0.status == 200 })
        }
    }

    /// Routing (404) and pipelining.
    func checkServer(_ tests: [SuiteTest]) {
        switch send(.get(ServerChecks.unknownPath)) {
        case .response(let r): add(nil, "not-found", ServerChecks.notFound(r))
        case .failed(let v): add(nil, "not-found", v)
        }
        // Pipelining: two test requests around an unknown path, in one write.
        let cheap = tests.filter { !$0.usesDatabase || $0 == .db }
        let picks = cheap.isEmpty ? Array(tests.prefix(1)) : Array(cheap.prefix(2))
        guard let first = picks.first else { return }
        let a = Self.probe(first)
        let b = Self.probe(picks.count > 1 ? picks[1] : first)
        let notFound = ClientRequest.get(ServerChecks.unknownPath)
        let expected: [(label: String, matches: @Sendable (HTTPResponseRecord) -> Bool)] = [
            ("\(a.0.method) \(a.0.target)", a.1), ("GET \(notFound.target) (404)", { $0.status == 404 }),
            ("\(b.0.method) \(b.0.target)", b.1),
        ]
        do {
            let responses = try client.pipelined([a.0, notFound, b.0])
            add(nil, "pipelining", ServerChecks.pipelining(responses, expected: expected))
        } catch {
            add(nil, "pipelining", .fail("3 requests sent in one write: \(error.description)"))
        }
    }

    /// Date must change within `dateWindow` seconds: polls the cheapest test
    /// until it does, after whatever time the other checks already took.
    func checkDate(_ tests: [SuiteTest]) {
        guard let test = tests.first(where: { !$0.usesDatabase }) ?? tests.first else { return }
        let (request, _) = Self.probe(test)
        guard let first = firstDate else {
            add(nil, "date", .fail("no response carried a Date header"))
            return
        }
        var dates: [String?] = [first.value]
        var elapsed = MonotonicClock.seconds - first.at
        while true {
            if case .response(let r) = send(request) { dates.append(r.header("Date")) }
            elapsed = MonotonicClock.seconds - first.at
            if dates.last! != first.value || elapsed >= target.dateWindow { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        add(nil, "date", ServerChecks.dateChanges(dates, over: elapsed))
    }

    func checkKeepAlive() {
        if let first = client.closes.first {
            let more = client.closes.count > 1 ? " (\(client.closes.count) times)" : ""
            add(nil, "keep-alive", .fail("keep-alive does not hold: \(first)\(more)"))
        } else {
            add(nil, "keep-alive", .pass("\(client.responses) requests answered on kept-alive connections"))
        }
    }
}
