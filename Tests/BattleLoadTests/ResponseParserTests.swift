import NIOCore
import Testing

@testable import BattleLoad

/// Feeds `chunks` to a parser as separate reads; returns every response.
private func parseAll(_ chunks: [String], bodyless: Bool = false) throws -> [ResponseHead] {
    var parser = ResponseParser()
    var out: [ResponseHead] = []
    for chunk in chunks {
        var buffer = ByteBuffer(string: chunk)
        while let r = try parser.next(&buffer, bodyless: bodyless) { out.append(r) }
        #expect(buffer.readableBytes == 0, "the parser must consume every byte it is given")
    }
    return out
}

private let plain =
    "HTTP/1.1 200 OK\r\nServer: t\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nHello, World!"

@Suite("Response parser")
struct ResponseParserTests {
    @Test("a whole response in one read")
    func wholeResponse() throws {
        #expect(try parseAll([plain]) == [ResponseHead(status: 200, keepAlive: true)])
    }

    @Test("a response split at every possible byte")
    func splitEverywhere() throws {
        let bytes = Array(plain.utf8)
        for cut in 1..<bytes.count {
            let a = String(decoding: bytes[..<cut], as: UTF8.self)
            let b = String(decoding: bytes[cut...], as: UTF8.self)
            #expect(try parseAll([a, b]) == [ResponseHead(status: 200, keepAlive: true)], "cut at \(cut)")
        }
    }

    @Test("one byte per read")
    func byteByByte() throws {
        let chunks = plain.map { String($0) }
        #expect(try parseAll(chunks + chunks).count == 2)
    }

    @Test("sixteen pipelined responses in one read, then split across two")
    func pipelined() throws {
        let sixteen = String(repeating: plain, count: 16)
        #expect(try parseAll([sixteen]).count == 16)
        let bytes = Array(sixteen.utf8)
        let half = bytes.count / 2 + 7
        let r = try parseAll([
            String(decoding: bytes[..<half], as: UTF8.self), String(decoding: bytes[half...], as: UTF8.self),
        ])
        #expect(r.count == 16)
    }

    @Test("status codes and reasons")
    func statuses() throws {
        let text =
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
            + "HTTP/1.1 503\r\nContent-Length: 2\r\n\r\nno"
            + "HTTP/1.1 204 No Content\r\n\r\n"
        #expect(try parseAll([text]).map(\.status) == [404, 503, 204])
    }

    @Test("chunked bodies, with extensions and trailers, split anywhere")
    func chunked() throws {
        let body =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nHello\r\n8;ext=1\r\n, World!\r\n0\r\nX-Trailer: yes\r\n\r\n"
        let next = "HTTP/1.1 201 Created\r\ntransfer-encoding: gzip, CHUNKED\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"
        #expect(try parseAll([body + next]).map(\.status) == [200, 201])
        let bytes = Array((body + next).utf8)
        for cut in stride(from: 1, to: bytes.count, by: 3) {
            let r = try parseAll([
                String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self),
            ])
            #expect(r.map(\.status) == [200, 201], "cut at \(cut)")
        }
    }

    @Test("Connection: close and HTTP/1.0 without keep-alive end the connection")
    func keepAlive() throws {
        #expect(
            try parseAll(["HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"]).first?.keepAlive
                == false)
        #expect(try parseAll(["HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"]).first?.keepAlive == false)
        #expect(
            try parseAll(["HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"]).first?.keepAlive
                == true)
    }

    @Test("a body without length ends at the close")
    func untilClose() throws {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\nsome body")
        #expect(try parser.next(&buffer, bodyless: false) == nil)
        var more = ByteBuffer(string: " and more")
        #expect(try parser.next(&more, bodyless: false) == nil)
        #expect(parser.finishAtEOF() == ResponseHead(status: 200, keepAlive: false))
    }

    @Test("HEAD responses, 1xx, 204 and 304 have no body")
    func bodyless() throws {
        #expect(try parseAll(["HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n"], bodyless: true).count == 1)
        let interim = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        #expect(try parseAll([interim]) == [ResponseHead(status: 200, keepAlive: true)])
        #expect(try parseAll(["HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"]).count == 1)
    }

    /// Found by fuzz/ (the two parsers' agreement): after a 101 the load
    /// parser read the next bytes as another response; the checking client
    /// stops, as RFC 9110 §15.2.2 says HTTP does on that connection.
    @Test("a 101 is final, ends the connection and nothing after it is read")
    func switchingProtocols() throws {
        let text =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
        let switched = [ResponseHead(status: 101, keepAlive: false)]
        #expect(try parseAll([text]) == switched)
        #expect(try parseAll([String(text.prefix(45)), String(text.dropFirst(45)), "\u{1}binary"]) == switched)
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: text)
        _ = try parser.next(&buffer, bodyless: false)
        #expect(parser.isIdle && parser.finishAtEOF() == nil)
    }

    /// Found by fuzz/ (the two parsers' agreement): `Transfer-Encoding:
    /// (chunked` was read as chunked because the value contained the word.
    @Test("chunked only as the final transfer coding; otherwise the body runs to the close")
    func chunkedMustBeFinal() throws {
        let chunkedBody = "5\r\nHello\r\n0\r\n\r\n"
        for value in ["chunked", "gzip, chunked", "gzip,chunked ", " CHUNKED"] {
            let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: \(value)\r\n\r\n" + chunkedBody
            #expect(try parseAll([text + text]).count == 2, "\(value)")
        }
        for value in ["(chunked", "xchunked", "chunked, gzip", "chunkedx"] {
            var parser = ResponseParser()
            var buffer = ByteBuffer(string: "HTTP/1.1 200 OK\r\nTransfer-Encoding: \(value)\r\n\r\n" + chunkedBody)
            #expect(try parser.next(&buffer, bodyless: false) == nil, "\(value)")
            #expect(parser.finishAtEOF()?.status == 200, "\(value): read to the close")
        }
        // The last Transfer-Encoding header decides.
        let two = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n" + chunkedBody
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: two)
        #expect(try parser.next(&buffer, bodyless: false) == nil)
    }

    @Test("bare LF line endings are accepted")
    func bareLF() throws {
        #expect(try parseAll(["HTTP/1.1 200 OK\nContent-Length: 2\n\nok"]).count == 1)
    }

    @Test(
        "malformed responses are errors",
        arguments: [
            ("garbage\r\n\r\n", ResponseParseError.notHTTP),
            ("HTTP/2 200\r\n\r\n", .notHTTP),
            ("HTTP/1.1 2x0 OK\r\n\r\n", .badStatusLine),
            ("HTTP/1.1 200OK\r\n\r\n", .badStatusLine),
            ("HTTP/1.1 999 Nope\r\n\r\n", .badStatusLine),
            ("HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n", .badHeaderLine),
            ("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", .badContentLength),
            ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", .badContentLength),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .badChunk),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX", .badChunk),
        ])
    func malformed(_ text: String, _ expected: ResponseParseError) {
        #expect(throws: expected) { _ = try parseAll([text]) }
    }

    @Test("garbage fails at once, before a line ends")
    func earlyGarbage() {
        var parser = ResponseParser()
        var buffer = ByteBuffer(string: "<html>")
        #expect(throws: ResponseParseError.notHTTP) { _ = try parser.next(&buffer, bodyless: false) }
    }

    @Test("a head larger than the limit is an error, not unbounded memory")
    func headTooLarge() {
        var parser = ResponseParser()
        let line = "X-Filler: " + String(repeating: "a", count: 1000) + "\r\n"
        #expect(throws: ResponseParseError.headTooLarge) {
            var first = ByteBuffer(string: "HTTP/1.1 200 OK\r\n")
            _ = try parser.next(&first, bodyless: false)
            for _ in 0..<100 {
                var b = ByteBuffer(string: line)
                _ = try parser.next(&b, bodyless: false)
            }
        }
    }

    @Test("the head limit holds when the whole head arrives in one read (found by fuzz/)")
    func headTooLargeInOneRead() {
        var parser = ResponseParser()
        var b = ByteBuffer(
            string: "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 70_000)
                + "\r\nContent-Length: 0\r\n\r\n")
        #expect(throws: ResponseParseError.headTooLarge) { _ = try parser.next(&b, bodyless: false) }
        var ok = ResponseParser()
        var small = ByteBuffer(
            string: "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 60_000)
                + "\r\nContent-Length: 0\r\n\r\n")
        #expect((try? ok.next(&small, bodyless: false))??.status == 200)
    }

    @Test("large bodies are skipped across many reads without being buffered")
    func largeBody() throws {
        var parser = ResponseParser()
        var head = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
        #expect(try parser.next(&head, bodyless: false) == nil)
        let chunk = ByteBuffer(repeating: 0x61, count: 10_000)
        for i in 0..<100 {
            var b = chunk
            let r = try parser.next(&b, bodyless: false)
            #expect((r != nil) == (i == 99))
        }
        #expect(parser.isIdle)
    }
}
