import BattleArena
import BattleCore
import BattleSuite
import Foundation
import Testing

/// The Battle Suite as data (`suite/battle`) against the built-in verifier:
/// on the same fake servers, correct and broken, `battle verify --suite
/// suite/battle` folded by `BattleSuiteMapping` gives the same checks with
/// the same outcomes as `battle verify`.
@Suite struct BattleSuiteEquivalenceTests {
    static let suite: SuiteSpec = try! SuiteFolder.load(
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/suite/battle")

    /// Both verifiers on one server, for `tests`: each check's outcome by `test name`.
    static func both(
        _ responder: @escaping FakeResponder, tests: [SuiteTest], databaseURL: String? = nil
    ) async throws -> (builtin: [String: CheckOutcome], data: [String: CheckOutcome], details: String) {
        try await FakeServer.with(responder) { port in
            let builtin = await VerifyIntegrationTests.verify(port: port, tests: tests, databaseURL: databaseURL)
            var spec = suite
            spec.tests = spec.tests.filter { t in tests.contains { $0.rawValue == t.name } }
            let data = await SuiteVerifier.verify(
                spec, host: "127.0.0.1", port: port, databaseURL: databaseURL, requestTimeout: 5)
            let folded = BattleSuiteMapping.fold(data)
            func key(_ c: CheckResult) -> String { "\(c.test?.rawValue ?? "server") \(c.name)" }
            let details =
                "built-in: \(builtin.checks.map { "\(key($0)) \($0.outcome): \($0.detail)" })\ndata: \(folded.map { "\(key($0)) \($0.outcome): \($0.detail)" })"
            return (
                Dictionary(uniqueKeysWithValues: builtin.checks.map { (key($0), $0.outcome) }),
                Dictionary(uniqueKeysWithValues: folded.map { (key($0), $0.outcome) }), details
            )
        }
    }

    static func plaintextAndJSON(_ stripped: Stripped) -> FakeResponder { VerifyIntegrationTests.responder(stripped) }

    @Test func aCorrectServerPassesBoth() async throws {
        let r = try await Self.both(Self.plaintextAndJSON([]), tests: [.plaintext, .json])
        #expect(r.builtin == r.data, "\(r.details)")
        #expect(r.builtin.count == 9)
        #expect(r.data.values.allSatisfy { $0 == .pass }, "\(r.details)")
    }

    @Test func theStrippedServerIsCaughtByBoth() async throws {
        let r = try await Self.both(Self.plaintextAndJSON([.noServer, .fixedDate]), tests: [.plaintext, .json])
        #expect(r.builtin == r.data, "\(r.details)")
        #expect(r.data["server date"] == .fail)
        #expect(r.data["plaintext headers"] == .fail)
        #expect(r.data["json headers"] == .fail)
        let noServer = try await Self.both(Self.plaintextAndJSON([.noServer]), tests: [.plaintext, .json])
        #expect(noServer.builtin == noServer.data, "\(noServer.details)")
        #expect(noServer.data["json headers"] == .fail)
        #expect(noServer.data["server date"] == .pass)
    }

    @Test func sloppyRoutingAndBodiesFailBoth() async throws {
        let sloppy: FakeResponder = { _, uri, _ in
            uri == "/json" ? .ok("Hello, World!", type: "application/json") : .ok("Hello, World!", type: "text/plain")
        }
        let r = try await Self.both(sloppy, tests: [.plaintext, .json])
        #expect(r.builtin == r.data, "\(r.details)")
        #expect(r.data["server not-found"] == .fail)
        #expect(r.data["json body"] == .fail)
        // a JSON body with the wrong message, or served as text
        let wrong: FakeResponder = { _, uri, _ in
            switch uri {
            case "/plaintext": .ok("Hello, World! ", type: "text/plain")
            case "/json": .ok(#"{"message":"Hello"}"#, type: "text/plain")
            default: .ok("", type: "text/plain", status: 404)
            }
        }
        let w = try await Self.both(wrong, tests: [.plaintext, .json])
        #expect(w.builtin == w.data, "\(w.details)")
        #expect(w.data["plaintext body"] == .warn)
        #expect(w.data["json headers"] == .fail)
        #expect(w.data["json body"] == .fail)
    }

    @Test func ordersAgreeOnACorrectAndABuggyServer() async throws {
        let good = try await Self.both(VerifyIntegrationTests.ordersResponder(freeShipping: false), tests: [.orders])
        #expect(good.builtin == good.data, "\(good.details)")
        #expect(good.data.values.allSatisfy { $0 == .pass }, "\(good.details)")
        let buggy = try await Self.both(VerifyIntegrationTests.ordersResponder(freeShipping: true), tests: [.orders])
        #expect(buggy.builtin == buggy.data, "\(buggy.details)")
        #expect(buggy.data["orders answers"] == .fail)
        #expect(buggy.data["orders rejections"] == .pass)
        // a server that accepts every order: the rejections fail
        let lax: FakeResponder = { _, _, body in
            guard case .success(let order) = OrderValidation.validate(body: body) else {
                return .ok(#"{"status":"ok"}"#, type: "application/json")
            }
            return .ok(OrderReference.summary(of: order).json.compactText, type: "application/json")
        }
        let l = try await Self.both(lax, tests: [.orders])
        #expect(l.builtin == l.data, "\(l.details)")
        #expect(l.data["orders rejections"] == .fail)
        #expect(l.data["orders headers"] == .fail)  // 200 where 400 was due
    }
}
