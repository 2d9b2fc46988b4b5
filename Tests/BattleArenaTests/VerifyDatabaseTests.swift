import BattleCore
import BattleSuite
import BattleTestSupport
import Foundation
import Testing

@testable import BattleArena

/// A throwaway PostgreSQL from scripts/dev-postgres, stopped on every path.
enum DevPostgres {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/dev-postgres").path
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb") }
    /// In CI (CI set, as .ci/run is run) a missing PostgreSQL fails the tests instead of skipping them.
    static var runs: Bool { available || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } == true }

    /// A socket bound to a free loopback port, not listening, and the port.
    static func boundPort() -> (Int32, Int) { try! LoopbackSocket.bind() }

    static func freePort() -> Int {
        let (fd, port) = boundPort()
        close(fd)
        return port
    }

    @discardableResult
    static func run(_ argv: [String]) throws -> String {
        let out = try CapturedCommand.runBlocking(argv, timeout: 120)
        guard out.succeeded else {
            throw DevPostgresError(text: "\(argv.joined(separator: " ")): \(out.stdout)\(out.stderr)")
        }
        return out.stdout
    }

    struct DevPostgresError: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }

    /// Starts a cluster, runs `body` with its URL, and always stops it.
    static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        let dir = NSTemporaryDirectory() + "battle-verify-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let port = freePort()
        defer { _ = try? run([script, "stop", dir]) }
        try run([script, "start", dir, String(port)])
        return try await body("postgres://battle@127.0.0.1:\(port)/battle")
    }

    /// One SQL command through psql, output unaligned.
    static func psql(_ url: String, _ sql: String) -> String {
        (try? run(["psql", url, "-X", "-q", "-A", "-t", "-c", sql])) ?? ""
    }
}

/// The verifier's database-side checks against real PostgreSQL: honest fakes
/// pass, a /db that caches and a /queries that batches with IN (...) fail.
@Suite(.serialized, .enabled(if: DevPostgres.runs, "PostgreSQL 15 is not installed (scripts/bootstrap)"))
struct VerifyDatabaseTests {
    init() throws {
        try #require(DevPostgres.available, "PostgreSQL 15 is not installed (scripts/bootstrap)")
    }

    static func rowJSON(_ line: Substring) -> String {
        let f = line.split(separator: "|")
        return #"{"id":\#(f[0]),"randomNumber":\#(f[1])}"#
    }

    /// `/db` that reads a random row per request (honest), or one row read at
    /// start and answered for ever (cached).
    static func dbResponder(url: String, cached: Bool) -> FakeResponder {
        let startRow = rowJSON(
            DevPostgres.psql(url, "SELECT id, randomnumber FROM world WHERE id = 42").split(separator: "\n")[0])
        return { _, uri, _ in
            guard uri == "/db" else { return .ok("", type: "text/plain", status: 404) }
            if cached { return .ok(startRow, type: "application/json") }
            let id = Int.random(in: 1...10_000)
            let line = DevPostgres.psql(url, "SELECT id, randomnumber FROM world WHERE id = \(id)").split(
                separator: "\n")[0]
            return .ok(rowJSON(line), type: "application/json")
        }
    }

    /// `/queries` reading all its ids with one `IN (...)` statement.
    static func batchingResponder(url: String) -> FakeResponder {
        { _, uri, _ in
            guard uri.hasPrefix("/queries") else { return .ok("", type: "text/plain", status: 404) }
            let raw = uri.split(separator: "?").dropFirst().first?.split(separator: "&")
                .first { $0.hasPrefix("queries=") }.map { String($0.dropFirst(8)).removingPercentEncoding ?? "" }
            let n = QueryCount.clamp(raw)
            let ids = (0..<n).map { _ in Int.random(in: 1...10_000) }
            let out = DevPostgres.psql(
                url, "SELECT id, randomnumber FROM world WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
            let byID = Dictionary(
                out.split(separator: "\n").map { l in
                    let f = l.split(separator: "|")
                    return (Int(f[0])!, Int(f[1])!)
                }, uniquingKeysWith: { a, _ in a })
            let rows = ids.map { #"{"id":\#($0),"randomNumber":\#(byID[$0]!)}"# }
            return .ok("[" + rows.joined(separator: ",") + "]", type: "application/json")
        }
    }

    @Test func queryCountingCatchesCachingAndBatching() async throws {
        try await DevPostgres.with { url in
            let honest = try await FakeServer.with(Self.dbResponder(url: url, cached: false)) { port in
                await VerifyIntegrationTests.verify(port: port, tests: [.db], databaseURL: url)
            }
            #expect(VerifyIntegrationTests.outcome(honest, .db, "query-count") == .pass, "\(honest.checks)")
            #expect(VerifyIntegrationTests.outcome(honest, .db, "matches-table") == .pass)
            #expect(VerifyIntegrationTests.outcome(honest, .db, "random-rows") == .pass)

            let cached = try await FakeServer.with(Self.dbResponder(url: url, cached: true)) { port in
                await VerifyIntegrationTests.verify(port: port, tests: [.db], databaseURL: url)
            }
            #expect(VerifyIntegrationTests.outcome(cached, .db, "query-count") == .fail)
            #expect(VerifyIntegrationTests.outcome(cached, .db, "random-rows") == .fail)
            // the cached row is a real row: only counting and variety catch it
            #expect(VerifyIntegrationTests.outcome(cached, .db, "matches-table") == .pass)
            #expect(VerifyIntegrationTests.outcome(cached, .db, "body") == .pass)

            let batched = try await FakeServer.with(Self.batchingResponder(url: url)) { port in
                await VerifyIntegrationTests.verify(port: port, tests: [.queries], databaseURL: url)
            }
            #expect(VerifyIntegrationTests.outcome(batched, .queries, "query-count") == .fail, "\(batched.checks)")
            #expect(VerifyIntegrationTests.outcome(batched, .queries, "clamping") == .pass)
            #expect(VerifyIntegrationTests.outcome(batched, .queries, "matches-table") == .pass)
            #expect(VerifyIntegrationTests.outcome(batched, .queries, "tables-intact") == .pass)
        }
    }

    @Test func withoutDatabaseURLDatabaseChecksWarn() async throws {
        try await DevPostgres.with { url in
            let record = try await FakeServer.with(Self.dbResponder(url: url, cached: false)) { port in
                await VerifyIntegrationTests.verify(port: port, tests: [.db], databaseURL: nil)
            }
            #expect(VerifyIntegrationTests.outcome(record, .db, "query-count") == .warn)
            #expect(record.checks.contains { $0.detail.contains("no --database-url") })
            #expect(record.failures.isEmpty)
        }
    }
}
