import BattleArena
import BattleCore
import BattleSuite
import BattleTestSupport
import Foundation
import Testing

/// `battle verify --suite` against in-process servers: the example shop suite
/// (Tests/Fixtures/suites/shop, read from disk by `SuiteFolder`) against a
/// correct shop, a shop broken in one way per check kind, and a shop that
/// implements only part of the suite.
@Suite struct SuiteVerifyTests {
    static let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func suite() throws -> SuiteSpec { try SuiteFolder.load(repo + "/Tests/Fixtures/suites/shop") }

    enum Breakage: String, CaseIterable, Sendable {
        case status, header, contentType, schema, field, headerValue, body
    }

    /// The shop as the suite describes it, broken by `breakage`; `missing`
    /// paths answer 404.
    static func shop(_ breakage: Breakage?, missing: Set<String> = []) -> FakeResponder {
        { method, uri, _ in
            let path = String(uri.split(separator: "?").first ?? "")
            let query = uri.split(separator: "?").dropFirst().first.map(String.init) ?? ""
            if missing.contains(path) { return .ok("no", type: "text/plain", status: 404) }
            switch (method, path) {
            case ("GET", "/hello"):
                return .ok(breakage == .body ? "Hello World" : "Hello, World!", type: "text/plain")
            case ("GET", "/products") where query.hasPrefix("sku="):
                let sku = String(query.dropFirst(4))
                return .ok(#"[{"sku":"\#(sku)","name":"x"}]"#, type: "application/json")
            case ("GET", "/products") where query.hasPrefix("page="):
                var r = FakeResponse.ok("[]", type: "application/json")
                r.headers.append(("X-Page", breakage == .headerValue ? "1" : String(query.dropFirst(5))))
                return r
            case ("GET", _) where path.hasPrefix("/products/"):
                let id = Int(path.dropFirst(10)) ?? 0
                let name = breakage == .field ? "Product \(id + 1)" : "Product \(id)"
                let extra = breakage == .schema ? #","stock":3"# : ""
                return .ok(
                    #"{"id":\#(id),"name":"\#(name)","priceCents":\#(id * 100)\#(extra)}"#,
                    type: breakage == .contentType ? "text/plain" : "application/json",
                    status: breakage == .status ? 202 : 200, stripped: breakage == .header ? [.noServer] : [])
            case ("POST", "/orders"):
                return .ok(#"{"status":"accepted"}"#, type: "application/json", status: 201)
            default:
                return .ok("not found", type: "text/plain", status: 404)
            }
        }
    }

    static func verify(_ responder: @escaping FakeResponder) async throws -> SuiteVerification {
        let suite = try suite()
        return try await FakeServer.with(responder) { port in
            await SuiteVerifier.verify(suite, host: "127.0.0.1", port: port, databaseURL: nil, requestTimeout: 5)
        }
    }

    static func outcome(_ v: SuiteVerification, _ test: String, _ check: String) -> SuiteOutcome? {
        v.tests.first { $0.name == test }?.checks.first { $0.name == check }?.outcome
    }

    @Test func aCorrectServerPassesEveryCheckItCanRun() async throws {
        let v = try await Self.verify(Self.shop(nil))
        #expect(v.unreachable == nil)
        #expect(!v.failed, "\(v.tests.flatMap(\.checks).filter { $0.outcome == .fail })")
        #expect(v.tests.map(\.status) == [.checked, .checked, .checked, .checked])
        #expect(v.contentHash == (try Self.suite()).contentHash)
        // Database checks without --database-url: skipped, saying why.
        for (test, check) in [
            ("product", "field /priceCents"), ("product", "query-count select product"),
            ("order", "effect orders written"),
        ] {
            #expect(Self.outcome(v, test, check) == .skip, "\(test) \(check)")
        }
        let skipped = v.tests.flatMap(\.checks).filter { $0.outcome == .skip }
        #expect(skipped.count == 3)
        #expect(skipped.allSatisfy { $0.detail.contains("--database-url") }, "\(skipped)")
        let others = v.tests.flatMap(\.checks).filter { $0.outcome != .skip }
        #expect(others.allSatisfy { $0.outcome == .pass })
    }

    /// One server per breakage; the check that catches it, and only it, fails.
    @Test(arguments: [
        (Breakage.status, "product", "status"),
        (.header, "product", "headers"),
        (.contentType, "product", "content-type"),
        (.schema, "product", "schema"),
        (.field, "product", "field /name"),
        (.headerValue, "browse", "page: header X-Page"),
        (.body, "hello", "body"),
    ])
    func eachCheckKindCatchesItsBreakage(breakage: Breakage, test: String, check: String) async throws {
        let v = try await Self.verify(Self.shop(breakage))
        #expect(Self.outcome(v, test, check) == .fail, "\(v.tests.first { $0.name == test }?.checks ?? [])")
        let failing = v.tests.flatMap { t in t.checks.filter { $0.outcome == .fail }.map { "\(t.name) \($0.name)" } }
        #expect(failing == ["\(test) \(check)"], "\(failing)")
        #expect(v.failed)
    }

    @Test func aServerImplementingPartOfTheSuiteIsNotImplementedThereNotFailed() async throws {
        let v = try await Self.verify(Self.shop(nil, missing: ["/orders", "/hello"]))
        #expect(!v.failed, "\(v.tests)")
        let status = Dictionary(uniqueKeysWithValues: v.tests.map { ($0.name, $0.status) })
        #expect(
            status == ["product": .checked, "browse": .checked, "order": .notImplemented, "hello": .notImplemented])
        let text = SuiteVerificationText.render(v, target: "http://127.0.0.1:1")
        #expect(text.contains("NOT IMPLEMENTED"))
        #expect(text.contains("not implemented: order, hello"), "\(text)")
    }

    @Test func nothingListeningIsUnreachable() async throws {
        let suite = try Self.suite()
        // Bound but not listening, and held: no other test's server can take the port meanwhile.
        let (fd, port) = try LoopbackSocket.bind()
        defer { close(fd) }
        let v = await SuiteVerifier.verify(suite, host: "127.0.0.1", port: port, databaseURL: nil, requestTimeout: 2)
        #expect(v.unreachable != nil)
        #expect(v.tests.isEmpty)
    }

    @Test func theFolderReaderRefusesAMissingFolderNamingTheFix() {
        do {
            _ = try SuiteFolder.load("/nonexistent/suite")
            Issue.record("accepted")
        } catch {
            #expect(error.file == "/nonexistent/suite")
            #expect(error.message.contains("battle suite new"))
        }
    }
}
