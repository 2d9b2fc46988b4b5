import Foundation
import Testing

/// `battle suite new`, `battle suite check` and `battle verify --suite`, the
/// built binary end to end: a team's first steps (docs/SUITE.md §6) against
/// the Python service in Tests/Fixtures/suites/item-server.py.
@Suite(.serialized) struct SuiteCommandTests {
    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "battle-e2e-suite-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs the item server until `body` returns; stopped by its PID.
    static func withItemServer<T>(broken: Bool = false, _ body: (Int) throws -> T) throws -> T {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments =
            ["python3", ReportE2E.repo + "/Tests/Fixtures/suites/item-server.py", dir + "/port"]
            + (broken ? ["broken"] : [])
        try p.run()
        defer {
            // SIGKILL by its PID: a child of the test runner may start with
            // SIGTERM blocked, and then terminate() would wait forever.
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        var port: Int?
        for _ in 0..<100 where port == nil {
            port = (try? String(contentsOfFile: dir + "/port", encoding: .utf8)).flatMap { Int($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        return try body(try #require(port, "the item server did not start"))
    }

    @Test func fromAnEmptyFolderToAFirstVerify() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let new = try ReportE2E.battle(["suite", "new", "myapi"], in: dir)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/myapi/suite.toml"))
        #expect(FileManager.default.fileExists(atPath: dir + "/myapi/schemas/item.json"))

        let again = try ReportE2E.battle(["suite", "new", "myapi"], in: dir)
        #expect(again.status == 64)
        #expect(again.stderr.hasPrefix("battle suite new: error: myapi already exists"), "\(again.stderr)")

        let check = try ReportE2E.battle(["suite", "check", "myapi"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("suite myapi, version 1, content hash "))
        #expect(check.stdout.contains("GET /items/{{id}}"))

        try Self.withItemServer { port in
            let v = try ReportE2E.battle(["verify", "http://127.0.0.1:\(port)", "--suite", "myapi", "--json"], in: dir)
            #expect(v.status == 0, "\(v.stdout)\n\(v.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as? [String: Any])
            #expect(json["suite"] as? String == "myapi")
            let tests = try #require(json["tests"] as? [[String: Any]])
            #expect(tests.count == 1)
            #expect(tests[0]["status"] as? String == "checked")
            let outcomes = (tests[0]["checks"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
            #expect(outcomes == Array(repeating: "pass", count: 6), "\(v.stdout)")
        }
        try Self.withItemServer(broken: true) { port in
            let v = try ReportE2E.battle(["verify", "http://127.0.0.1:\(port)", "--suite", "myapi"], in: dir)
            #expect(v.status == 2, "\(v.stdout)\n\(v.stderr)")
            #expect(v.stdout.contains("field /name"))
            #expect(v.stdout.contains("failing tests: item"), "\(v.stdout)")
        }
    }

    @Test func aBrokenSuiteIsAUsageErrorNamingFileKeyAndFix() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportE2E.battle(["suite", "new", "s"], in: dir)
        let path = dir + "/s/suite.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "verify_samples = 5", with: "verify_sample = 5")
            .write(toFile: path, atomically: true, encoding: .utf8)
        for args in [["suite", "check", "s"], ["verify", "http://127.0.0.1:1", "--suite", "s"]] {
            let r = try ReportE2E.battle(args, in: dir)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains("s/suite.toml: 'tests.item.verify_sample': unknown key"), "\(r.stderr)")
        }
    }

    @Test func nothingListeningIsExit3() throws {
        let r = try ReportE2E.battle([
            "verify", "http://127.0.0.1:1", "--suite", ReportE2E.repo + "/Tests/Fixtures/suites/shop",
        ])
        #expect(r.status == 3, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("unreachable"))
    }

    /// The shipped example suite (suite/helpdesk) checks, and the table says
    /// which tests a run loads at which levels and which are verify-only.
    @Test func theHelpdeskSuiteChecks() throws {
        let r = try ReportE2E.battle(["suite", "check", ReportE2E.repo + "/suite/helpdesk"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("mix ") && $0.contains("16,64,256 conns, equal-rate, capacity") })
        #expect(lines.contains { $0.hasPrefix("list ") && $0.contains("16,64 conns, equal-rate") })
        for test in ["unauthorized", "forbidden", "invalid", "bad-query"] {
            #expect(lines.contains { $0.hasPrefix(test + " ") && $0.contains("verify only") }, "\(test)")
        }
    }

    /// The Battle Suite as data checks, with its hash and its verify-only requests counted.
    @Test func theBattleSuiteFolderChecks() throws {
        let check = try ReportE2E.battle(
            ["suite", "check", ReportE2E.repo + "/suite/battle"], in: NSTemporaryDirectory())
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("suite battle, version 1, content hash "), "\(check.stdout)")
        #expect(check.stdout.contains("GET /queries?queries=20 (+10 verify-only)"), "\(check.stdout)")
        #expect(check.stdout.contains("server checks: not-found, pipelining, date, keep-alive"), "\(check.stdout)")
    }
}
