import BattleCore
import BattleTestSupport
import Glibc
import Testing

@testable import BattleHTTPClient

@Suite struct HTTPProbeTests {
    @Test func statusOfAWholeResponse() throws {
        let server = try CannedServer(
            reply: Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nwait".utf8))
        #expect(HTTPProbe.get(port: server.port, path: "/ready", timeout: 2) == .status(503))
    }

    @Test func notHTTPFailsWithTheReason() throws {
        let server = try CannedServer(reply: Array("SSH-2.0-OpenSSH\r\n".utf8))
        guard case .failed(let why) = HTTPProbe.get(port: server.port, path: "/", timeout: 2) else {
            Issue.record("an SSH banner is not an HTTP response")
            return
        }
        #expect(why.contains("malformed HTTP response"))
    }

    @Test func closedWithoutAnAnswer() throws {
        let server = try CannedServer(reply: [])
        #expect(
            HTTPProbe.get(port: server.port, path: "/", timeout: 2)
                == .failed("the connection closed without a response"))
    }

    @Test func silenceTimesOut() throws {
        let server = try CannedServer(reply: [], silent: true)
        let start = MonotonicClock.seconds
        #expect(HTTPProbe.get(port: server.port, path: "/", timeout: 0.3) == .timedOut)
        #expect(MonotonicClock.seconds - start < 2)
    }

    @Test func aFullAcceptQueueTimesOut() throws {
        // Nobody accepts, and the queue (backlog 0: one connection) is full.
        let (fd, port) = try LoopbackSocket.bind(listening: 0)
        defer { close(fd) }
        var held: [BlockingHTTPConnection] = []
        for _ in 0..<2 {
            if let c = try? BlockingHTTPConnection(host: "127.0.0.1", port: port, timeout: 0.3) { held.append(c) }
        }
        #expect(HTTPProbe.get(port: port, path: "/", timeout: 0.3) == .timedOut)
        #expect(!held.isEmpty)
    }

    @Test func nothingListeningIsRefused() throws {
        // A port bound and released: nothing listens on it now.
        let port = try CannedServer(reply: [], connections: 0).port
        #expect(HTTPProbe.get(port: port, path: "/", timeout: 1) == .refused)
    }

    @Test func aPipelinedPairOnOneConnection() throws {
        let reply = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno!"
        let server = try CannedServer(reply: Array(reply.utf8))
        let c = try BlockingHTTPConnection(host: "127.0.0.1", port: server.port, timeout: 2)
        try c.send([.get("/a"), .get("/b")])
        #expect(try c.readResponse().status == 200)
        #expect(try c.readResponse().bodyText == "no!")
        // Then the server closes: no third response.
        #expect(throws: BlockingHTTPConnection.Failure.self) { try c.readResponse() }
    }
}
