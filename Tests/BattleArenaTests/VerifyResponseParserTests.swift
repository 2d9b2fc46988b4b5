import BattleCore
import BattleSuite
import Testing

@testable import BattleArena

@Suite struct VerifyResponseParserTests {
    static func bytes(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

    /// Found by fuzz/: a complete head over the limit was accepted in one
    /// read and refused when it came in pieces.
    @Test func theHeaderLimitHoldsInOneRead() throws {
        let big = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 70_000) + "\r\nContent-Length: 0\r\n\r\n"
        #expect(throws: VerifierResponseParser.Failure(reason: "header block over 64 KB")) {
            try VerifierResponseParser.parse(Self.bytes(big), eof: false)
        }
        let fine =
            "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 60_000) + "\r\nContent-Length: 0\r\n\r\n"
        #expect(try VerifierResponseParser.parse(Self.bytes(fine), eof: false)?.response.status == 200)
    }

    @Test func contentLength() throws {
        let text = "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 5\r\n\r\nhello"
        let (r, used) = try #require(try VerifierResponseParser.parse(Self.bytes(text), eof: false))
        #expect(r.status == 200)
        #expect(r.bodyText == "hello")
        #expect(r.header("server") == "x")
        #expect(used == text.utf8.count)
        // one byte short: needs more
        #expect(try VerifierResponseParser.parse(Self.bytes(String(text.dropLast())), eof: false) == nil)
        #expect(throws: VerifierResponseParser.Failure.self) {
            try VerifierResponseParser.parse(Self.bytes(String(text.dropLast())), eof: true)
        }
    }

    @Test func chunkedWithExtensionsAndTrailers() throws {
        let text =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n8\r\n, World!\r\n0\r\nX-Trailer: 1\r\n\r\n"
        let (r, used) = try #require(try VerifierResponseParser.parse(Self.bytes(text), eof: false))
        #expect(r.bodyText == "Hello, World!")
        #expect(r.isChunked)
        #expect(used == text.utf8.count)
        for cut in [10, 50, text.utf8.count - 1] {
            #expect(try VerifierResponseParser.parse(Array(text.utf8)[..<cut], eof: false) == nil)
        }
    }

    @Test func pipelinedResponsesComeOneByOne() throws {
        let one = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let two = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        var buffer = Array((one + two + one).utf8)
        var statuses: [Int] = []
        while let (r, used) = try VerifierResponseParser.parse(buffer[...], eof: false) {
            statuses.append(r.status)
            buffer.removeFirst(used)
        }
        #expect(statuses == [200, 404, 200])
        #expect(buffer.isEmpty)
    }

    @Test func bodyToEndOfConnectionAndInterimResponses() throws {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\nuntil close"
        #expect(try VerifierResponseParser.parse(Self.bytes(text), eof: false) == nil)
        let (r, _) = try #require(try VerifierResponseParser.parse(Self.bytes(text), eof: true))
        #expect(r.status == 200)
        #expect(r.bodyText == "until close")
    }

    @Test(arguments: [
        "HTTP/1.1 abc OK\r\n\r\n", "HTCPCP/1.0 418 I'm a teapot\r\n\r\n", "HTTP/1.1 200 OK\r\nNo colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformed(_ text: String) {
        #expect(throws: VerifierResponseParser.Failure.self) { try VerifierResponseParser.parse(Self.bytes(text), eof: false) }
    }

    @Test func requestBytes() {
        let get = String(decoding: VerifyRequest.get("/json").bytes(host: "127.0.0.1:8080"), as: UTF8.self)
        #expect(get == "GET /json HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: battle-verify\r\nAccept: */*\r\n\r\n")
        let post = String(decoding: VerifyRequest.postJSON("/orders", Array("{}".utf8)).bytes(host: "h"), as: UTF8.self)
        #expect(post.hasSuffix("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
    }

    @Test func tableNamesEveryCheck() {
        let record = VerificationRecord(
            skipped: false,
            checks: [
                CheckResult(test: nil, name: "reachable", outcome: .pass, detail: "ok"),
                CheckResult(test: .db, name: "query-count", outcome: .fail, detail: "0 world reads"),
                CheckResult(test: .json, name: "body", outcome: .warn, detail: "extra keys"),
            ])
        let text = VerificationText.render(record, target: "http://127.0.0.1:1")
        #expect(text.contains("db      query-count  FAIL    0 world reads"))
        #expect(text.contains("1 passed, 1 warned, 1 failed; failing tests: db"))
    }
}
