import BattleCore
import BattleTestSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `battle load` binary against a small loopback HTTP/1.1 server:
/// exit codes, the `--json` document, the text summary, `--hdr`, the targets
/// file, and one-line errors that name the flag.
@Suite("battle load (end to end)", .serialized)
struct LoadCommandTests {
    func load(_ arguments: [String]) throws -> ReportE2E.Result {
        try ReportE2E.battle(["load"] + arguments)
    }

    @Test func jsonDocumentIsALoadSummaryAndCountsWhatTheServerGot() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let r = try load([server.url + "/plaintext", "-n", "300", "-c", "4", "--json", "--no-progress"])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let summary = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        #expect(summary.format == "battle-load/1")
        #expect(summary.requests == 300)
        #expect(summary.statusCodes == ["200": 300])
        #expect(summary.errors.total == 0)
        #expect(summary.config.mode == .closed)
        #expect(summary.config.requestLimit == 300)
        #expect(summary.endpoints.map(\.name) == ["GET /plaintext"])
        #expect(summary.latency.count == 300)
        #expect(summary.latency.percentiles.count == LatencySummary.standardPercentiles.count)
        #expect(summary.client != nil)
        #expect(summary.openConnections == 4)
        #expect(summary.warnings == nil)
        #expect(server.requestLines().filter { $0 == "GET /plaintext HTTP/1.1" }.count == 300)
        #expect(r.stderr.isEmpty, "stderr: \(r.stderr)")
    }

    @Test func textSummaryHasThePercentileTable() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let r = try load([server.url + "/", "-d", "300ms", "-c", "2"])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        for text in ["p50", "p75", "p90", "p99", "p99.9", "p99.99", "max", "Requests/sec:", "Status: 200 x"] {
            #expect(r.stdout.contains(text), "missing \(text) in:\n\(r.stdout)")
        }
        #expect(!r.stderr.contains("\r"), "no progress line when stderr is not a terminal")
    }

    @Test func openLoopJsonHasScheduleAndUncorrectedLatency() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let hdr = NSTemporaryDirectory() + "battle-load-e2e-\(UUID().uuidString.prefix(8)).hdr"
        let uncorrectedHdr = hdr + ".uncorrected"
        defer {
            try? FileManager.default.removeItem(atPath: hdr)
            try? FileManager.default.removeItem(atPath: uncorrectedHdr)
        }
        let r = try load([
            server.url + "/", "-R", "200", "-d", "1s", "-c", "4", "--json", "--no-progress", "--hdr", hdr,
            "--hdr-uncorrected", uncorrectedHdr,
        ])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let summary = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        #expect(summary.config.mode == .open)
        #expect(summary.uncorrectedLatency != nil)
        let schedule = try #require(summary.schedule)
        #expect(abs(schedule.planned - 200) <= 2)
        let text = try String(contentsOfFile: hdr, encoding: .utf8)
        #expect(text.contains("Value"))
        #expect(text.contains("Percentile"))
        #expect(text.contains("#[Mean"))
        // The uncorrected file is a distribution of its own: same layout, and
        // its total count is that of the responses, like the corrected one.
        let uncorrected = try String(contentsOfFile: uncorrectedHdr, encoding: .utf8)
        #expect(uncorrected.contains("Percentile"))
        let total = { (t: String) in
            t.split(separator: "\n").first { $0.contains("Total count") }?
                .split(separator: "=").last?.trimmingCharacters(in: .whitespaces)
        }
        #expect(total(uncorrected) != nil)
        #expect(total(uncorrected) == total(text))
    }

    @Test func targetsFileSpreadsByWeightAndBreaksDownByEndpoint() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let dir = NSTemporaryDirectory() + "battle-load-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\"n\":1}\n{\"n\":2}\n".write(toFile: dir + "/bodies.jsonl", atomically: true, encoding: .utf8)
        try """
        [[target]]
        name = "orders"
        url = "\(server.url)/orders"
        method = "POST"
        weight = 3
        headers = { "Content-Type" = "application/json" }
        bodies_file = "bodies.jsonl"

        [[target]]
        url = "\(server.url)/plaintext"
        """.write(toFile: dir + "/targets.toml", atomically: true, encoding: .utf8)
        let r = try load(["--targets", dir + "/targets.toml", "-n", "400", "-c", "2", "-t", "1", "--json"])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let summary = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        #expect(summary.endpoints.map(\.name) == ["orders", "GET /plaintext"])
        #expect(summary.endpoints.map(\.requests) == [300, 100])
        let lines = server.requestLines()
        #expect(lines.filter { $0 == "POST /orders HTTP/1.1" }.count == 300)
        #expect(lines.filter { $0 == "GET /plaintext HTTP/1.1" }.count == 100)

        let text = try load(["--targets", dir + "/targets.toml", "-n", "40", "-c", "2"])
        #expect(text.stdout.contains("Endpoint"))
        #expect(text.stdout.contains("orders"))
    }

    @Test func unreachableTargetExitsThreeAtOnce() throws {
        let port = try LoopbackHTTPServer.unusedPort()
        let started = Date()
        let r = try load(["http://127.0.0.1:\(port)/", "-d", "10s", "--no-progress"])
        #expect(r.status == ExitStatus.nothingMeasured.rawValue)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(r.stderr.hasPrefix("battle load: error: cannot connect to 127.0.0.1:\(port)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func everyRequestFailingExitsThree() throws {
        let server = try LoopbackHTTPServer(status: 500)
        defer { server.stop() }
        let r = try load([server.url + "/", "-n", "50", "-c", "2", "--json"])
        #expect(r.status == ExitStatus.nothingMeasured.rawValue)
        #expect(r.stderr.contains("no request succeeded"))
        let summary = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        #expect(summary.statusCodes == ["500": 50])
    }

    @Test(
        "bad flags get one line naming the flag, and exit 64",
        arguments: [
            (["http://127.0.0.1:1/", "-H", "NoColon"], "-H: header 'NoColon' has no colon"),
            (["http://127.0.0.1:1/", "-R", "100"], "-R/--rate needs a duration"),
            (["http://127.0.0.1:1/", "--hdr-uncorrected", "u.hdr"], "--hdr-uncorrected needs -R/--rate"),
            (["127.0.0.1:8080/"], "write it as http://127.0.0.1:8080/"),
            (["https://127.0.0.1/"], "https is not supported"),
            (["http://127.0.0.1:1/", "-d", "ten"], "-d/--duration: 'ten' is not a duration"),
            (["http://127.0.0.1:1/", "-c", "0"], "--connections must be at least 1"),
            ([], "no target"),
            (["--targets", "/nonexistent/targets.toml"], "/nonexistent/targets.toml"),
        ])
    func badFlags(_ arguments: [String], _ message: String) throws {
        let r = try load(arguments)
        #expect(r.status == ExitStatus.usage.rawValue, "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasPrefix("battle load: error: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func unknownKeyInTargetsFileNamesFileAndKey() throws {
        let file = NSTemporaryDirectory() + "battle-load-e2e-\(UUID().uuidString.prefix(8)).toml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "[[target]]\nurl = \"http://127.0.0.1:1/\"\nwieght = 2\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let r = try load(["--targets", file])
        #expect(r.status == ExitStatus.usage.rawValue)
        #expect(r.stderr.contains("\(file): 'target[0].wieght': unknown key"), "\(r.stderr)")
    }
}

/// A blocking-socket HTTP/1.1 server with keep-alive, a thread per
/// connection: every request gets `status` and the body "ok"; request lines
/// are kept for the test to read.
final class LoopbackHTTPServer: Sendable {
    let port: Int
    private let listener: Int32
    private let lines = Mutex<[String]>([])

    var url: String { "http://127.0.0.1:\(port)" }

    init(status: Int) throws {
        let (fd, port) = try Self.listen()
        listener = fd
        self.port = port
        let response = Array("HTTP/1.1 \(status) X\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok".utf8)
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                Thread.detachNewThread { [self] in serve(client, response) }
            }
        }
    }

    func requestLines() -> [String] { lines.withLock { $0 } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A port nothing listens on (bound, then released).
    static func unusedPort() throws -> Int { try LoopbackSocket.unusedPort() }

    private static func listen() throws -> (Int32, Int) { try LoopbackSocket.bind(listening: 512) }

    private func serve(_ fd: Int32, _ response: [UInt8]) {
        defer { close(fd) }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            pending += chunk[..<n]
            while let headEnd = Self.find(end, in: pending) {
                let head = String(decoding: pending[..<headEnd], as: UTF8.self)
                var length = 0
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
                let total = headEnd + 4 + length
                guard pending.count >= total else { break }
                let requestLine = String(head.split(separator: "\r\n").first ?? "")
                lines.withLock { $0.append(requestLine) }
                pending.removeFirst(total)
                _ = response.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
