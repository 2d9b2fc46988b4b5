import BattleArena
import BattleCore
import BattleSuite
import Foundation
import Logging
import Testing

/// The verifier against in-process servers: a correct one passes, stripped ones fail.
@Suite struct VerifyIntegrationTests {
    static let logger = Logger(label: "test.verify")

    /// plaintext and json as the suite asks, anything else 404.
    static func responder(_ stripped: Stripped) -> FakeResponder {
        { method, uri, _ in
            switch (method, uri) {
            case ("GET", "/plaintext"): .ok("Hello, World!", type: "text/plain", stripped: stripped)
            case ("GET", "/json"): .ok(#"{"message":"Hello, World!"}"#, type: "application/json", stripped: stripped)
            default: .ok("not found", type: "text/plain", status: 404, stripped: stripped)
            }
        }
    }

    static func verify(port: Int, tests: [SuiteTest], databaseURL: String? = nil) async -> VerificationRecord {
        await Verifier.verify(
            VerifyTarget(host: "127.0.0.1", port: port, databaseURL: databaseURL, tests: tests, requestTimeout: 5),
            logger: logger)
    }

    static func outcome(_ r: VerificationRecord, _ test: SuiteTest?, _ name: String) -> CheckOutcome? {
        r.checks.first { $0.test == test && $0.name == name }?.outcome
    }

    @Test func correctServerPasses() async throws {
        let record = try await FakeServer.with(Self.responder([])) { port in
            await Self.verify(port: port, tests: [.plaintext, .json])
        }
        #expect(record.failures.isEmpty, "\(record.failures)")
        #expect(record.passed)
        for name in ["reachable", "not-found", "pipelining", "date", "keep-alive"] {
            #expect(Self.outcome(record, nil, name) == .pass, "\(name)")
        }
        #expect(Self.outcome(record, .plaintext, "body") == .pass)
        #expect(Self.outcome(record, .json, "body") == .pass)
    }

    @Test func fixedDateAndMissingServerFail() async throws {
        let record = try await FakeServer.with(Self.responder([.fixedDate, .noServer])) { port in
            await Self.verify(port: port, tests: [.plaintext, .json])
        }
        #expect(!record.passed)
        #expect(Self.outcome(record, nil, "date") == .fail)
        #expect(Self.outcome(record, .plaintext, "headers") == .fail)
        #expect(record.checks.contains { $0.test == .json && $0.name == "headers" && $0.detail.contains("Server") })
        // what a stripped server still gets right passes
        #expect(Self.outcome(record, .plaintext, "body") == .pass)
    }

    @Test func wrongRoutingAndBodiesFail() async throws {
        let sloppy: FakeResponder = { _, uri, _ in
            // answers every path with 200, and json with a text body
            uri == "/json"
                ? .ok("Hello, World!", type: "application/json") : .ok("Hello, World!", type: "text/plain")
        }
        let record = try await FakeServer.with(sloppy) { port in
            await Self.verify(port: port, tests: [.plaintext, .json])
        }
        #expect(Self.outcome(record, nil, "not-found") == .fail)
        #expect(Self.outcome(record, .json, "body") == .fail)
        #expect(Self.outcome(record, .plaintext, "body") == .pass)
    }

    @Test func unreachableServerIsReported() async throws {
        // A port bound but not listening refuses connections, and no other test can take it meanwhile.
        let (fd, port) = DevPostgres.boundPort()
        defer { close(fd) }
        let record = await Self.verify(port: port, tests: [.json])
        #expect(Verifier.unreachable(record))
        #expect(record.checks.count == 1)
    }

    /// `/orders` by the reference itself; `freeShipping` makes it ship everything free (a bug).
    static func ordersResponder(freeShipping: Bool) -> FakeResponder {
        { method, uri, body in
            guard method == "POST", uri == "/orders" else { return .ok("", type: "text/plain", status: 404) }
            switch OrderValidation.validate(body: body) {
            case .failure(let rejection):
                return .ok(rejection.json.compactText, type: "application/json", status: 400)
            case .success(let order):
                var summary = OrderReference.summary(of: order)
                if freeShipping {
                    summary.totalCents -= summary.shippingCents
                    summary.shippingCents = 0
                }
                return .ok(summary.json.compactText, type: "application/json")
            }
        }
    }

    @Test func ordersAreCheckedAgainstTheReference() async throws {
        let good = try await FakeServer.with(Self.ordersResponder(freeShipping: false)) { port in
            await Self.verify(port: port, tests: [.orders])
        }
        #expect(good.failures.isEmpty, "\(good.failures)")
        let buggy = try await FakeServer.with(Self.ordersResponder(freeShipping: true)) { port in
            await Self.verify(port: port, tests: [.orders])
        }
        #expect(Self.outcome(buggy, .orders, "rejections") == .pass)
        #expect(Self.outcome(buggy, .orders, "answers") == .fail)
        #expect(buggy.checks.contains { $0.name == "answers" && $0.detail.contains("shippingCents") })
    }
}
