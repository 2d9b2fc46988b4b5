import BattleCore
import BattleHTTPClient
import BattleSuite
import Foundation

/// A data suite's `server_checks` (routing, pipelining, Date, keep-alive):
/// the I/O around `ServerChecks`' pure verdicts, on the verifier's one client.
final class SuiteServerChecks {
    let client: VerifyClient
    let dateWindow: Double
    /// The first Date seen and when (monotonic seconds).
    private var firstDate: (value: String, at: Double)?

    init(client: VerifyClient, dateWindow: Double) {
        self.client = client
        self.dateWindow = dateWindow
    }

    /// Sends one sampled request; notes the first Date seen.
    func send(_ request: SampledRequest) -> Result<HTTPResponseRecord, SuiteTestRun.SendFailure> {
        do {
            let r = try client.send(Self.clientRequest(request))
            if firstDate == nil, let d = r.header("Date") { firstDate = (d, MonotonicClock.seconds) }
            return .success(r)
        } catch {
            return .failure(SuiteTestRun.SendFailure(String(describing: error)))
        }
    }

    static func clientRequest(_ request: SampledRequest) -> ClientRequest {
        var r = ClientRequest(method: request.method, target: request.target, body: request.body)
        r.headers = request.headers.map { ClientRequest.HeaderField(name: $0.name, value: $0.value) }
        return r
    }

    /// The checks named, in the order named, after the tests ran.
    func run(_ checks: [ServerBuiltinCheck], suite: SuiteSpec, tests: [TestVerification]) -> [SuiteCheckResult] {
        // The probes: the first request of the first two implemented tests that read no database
        // (else of the first implemented test), and what their answers must pass.
        let implemented = suite.tests.filter { t in tests.contains { $0.name == t.name && $0.status == .checked } }
        let cheap = implemented.filter { !$0.readsDatabase }
        let picks = cheap.isEmpty ? Array(implemented.prefix(1)) : Array(cheap.prefix(2))
        let probes = picks.map(Self.probe)
        var out: [SuiteCheckResult] = []
        for check in checks {
            switch check {
            case .notFound:
                switch send(Self.notFoundRequest) {
                case .success(let r):
                    out.append(SuiteCheckResult(name: check.rawValue, SuiteVerdict(ServerChecks.notFound(r))))
                case .failure(let e): out.append(SuiteCheckResult(name: check.rawValue, .fail(e.description)))
                }
            case .pipelining: out.append(SuiteCheckResult(name: check.rawValue, pipelining(probes)))
            case .date: out.append(SuiteCheckResult(name: check.rawValue, date(probes.first?.request)))
            case .keepAlive: break
            }
        }
        // keep-alive last: it judges every connection the verification used
        if checks.contains(.keepAlive) {
            let v: SuiteVerdict
            if let first = client.closes.first {
                let more = client.closes.count > 1 ? " (\(client.closes.count) times)" : ""
                v = .fail("keep-alive does not hold: \(first)\(more)")
            } else {
                v = .pass("\(client.responses) requests answered on kept-alive connections")
            }
            out.append(SuiteCheckResult(name: ServerBuiltinCheck.keepAlive.rawValue, v))
        }
        return out
    }

    static let notFoundRequest = SampledRequest(
        kind: 0, parameters: ParameterValues([:]), method: "GET", target: ServerChecks.unknownPath, headers: [],
        body: [])

    /// A test's first request (drawn as the verifier draws it) and whether an
    /// answer is its answer: its status and body checks pass (header checks
    /// are the test's own to judge, as in the built-in verifier).
    static func probe(
        _ test: SuiteTestSpec
    ) -> (request: SampledRequest, matches: @Sendable (HTTPResponseRecord) -> Bool) {
        let request = SuiteTestRun(test: test, database: nil).requests[0]
        let checks = test.requests[request.kind].checks.filter(\.judgesTheAnswer)
        return (
            request,
            { r in
                checks.allSatisfy {
                    $0.evaluate(r, parameters: request.parameters, database: nil, request: request).outcome != .fail
                }
            }
        )
    }

    func pipelining(
        _ probes: [(request: SampledRequest, matches: @Sendable (HTTPResponseRecord) -> Bool)]
    )
        -> SuiteVerdict
    {
        guard let a = probes.first else { return .skip("no implemented test to pipeline") }
        let b = probes.count > 1 ? probes[1] : a
        let expected: [(label: String, matches: @Sendable (HTTPResponseRecord) -> Bool)] = [
            ("\(a.request.method) \(a.request.target)", a.matches),
            ("GET \(ServerChecks.unknownPath) (404)", { $0.status == 404 }),
            ("\(b.request.method) \(b.request.target)", b.matches),
        ]
        do {
            let responses = try client.pipelined([
                Self.clientRequest(a.request), Self.clientRequest(Self.notFoundRequest), Self.clientRequest(b.request),
            ])
            return SuiteVerdict(ServerChecks.pipelining(responses, expected: expected))
        } catch {
            return .fail("3 requests sent in one write: \(error.description)")
        }
    }

    /// Date must change within `dateWindow` seconds: polls `request` until it does.
    func date(_ request: SampledRequest?) -> SuiteVerdict {
        guard let first = firstDate else { return .fail("no response carried a Date header") }
        guard let request else { return .skip("no implemented test to poll") }
        var dates: [String?] = [first.value]
        var elapsed = MonotonicClock.seconds - first.at
        while true {
            if case .success(let r) = send(request) { dates.append(r.header("Date")) }
            elapsed = MonotonicClock.seconds - first.at
            if dates.last! != first.value || elapsed >= dateWindow { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return SuiteVerdict(ServerChecks.dateChanges(dates, over: elapsed))
    }
}

extension ResponseCheck {
    /// Whether the check is about which answer this is (status, body), not
    /// about its headers: what pipelining matches responses by.
    var judgesTheAnswer: Bool {
        switch self {
        case .headers, .headerValue, .contentType: false
        case .builtin(let b): b != .dateHeader && b != .framing
        case .status, .body, .schema, .field: true
        }
    }
}
