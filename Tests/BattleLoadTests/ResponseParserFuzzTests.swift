import BattleCore
import NIOCore
import Testing

@testable import BattleLoad

/// Randomised checks of the response parser (a small fuzzer that runs with
/// the tests): any split of valid pipelined responses gives the same
/// responses as one read, and random bytes never crash it or make it keep
/// more than its head limit.
@Suite("Response parser, randomised")
struct ResponseParserFuzzTests {
    static func response(_ rng: inout SplitMix64) -> (String, ResponseHead) {
        let status = [200, 201, 204, 301, 404, 500, 503].randomElement(using: &rng)!
        let body = String(repeating: "x", count: Int.random(in: 0...300, using: &rng))
        let close = Int.random(in: 0..<20, using: &rng) == 0
        var head =
            "HTTP/1.1 \(status) Reason\r\nServer: fuzz\r\nX-Pad: \(String(repeating: "p", count: Int.random(in: 0...80, using: &rng)))\r\n"
        if close { head += "Connection: close\r\n" }
        if status == 204 { return (head + "\r\n", ResponseHead(status: status, keepAlive: !close)) }
        if Bool.random(using: &rng) {
            head += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            head += "Transfer-Encoding: chunked\r\n\r\n"
            var rest = Substring(body)
            while !rest.isEmpty {
                let n = min(rest.count, Int.random(in: 1...64, using: &rng))
                head += String(n, radix: 16) + "\r\n" + rest.prefix(n) + "\r\n"
                rest = rest.dropFirst(n)
            }
            head += "0\r\n\r\n"
        }
        return (head, ResponseHead(status: status, keepAlive: !close))
    }

    @Test("any split of pipelined responses parses like one read", arguments: 0..<40)
    func splits(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)  // a failure reproduces from its seed
        var text = ""
        var expected: [ResponseHead] = []
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            let (r, head) = Self.response(&rng)
            text += r
            expected.append(head)
        }
        let bytes = Array(text.utf8)
        var parser = ResponseParser()
        var got: [ResponseHead] = []
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, Int.random(in: 1...200, using: &rng))
            var buffer = ByteBuffer(bytes: bytes[offset..<(offset + n)])
            while let r = try parser.next(&buffer, bodyless: false) { got.append(r) }
            #expect(buffer.readableBytes == 0)
            offset += n
        }
        #expect(got == expected, "seed \(seed)")
        #expect(parser.isIdle)
    }

    @Test("random bytes fail cleanly or wait for more, holding no more than the head limit", arguments: 0..<40)
    func garbage(seed: UInt64) {
        var rng = SplitMix64(seed: seed &+ 1000)
        var parser = ResponseParser()
        let prefix = Bool.random(using: &rng) ? "HTTP/1.1 200 OK\r\n" : ""
        var bytes = Array(prefix.utf8)
        for _ in 0..<Int.random(in: 1...3000, using: &rng) {
            bytes.append(
                Bool.random(using: &rng)
                    ? UInt8.random(in: 0...255, using: &rng) : Array("\r\n: 0aZ".utf8).randomElement(using: &rng)!)
        }
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, Int.random(in: 1...500, using: &rng))
            var buffer = ByteBuffer(bytes: bytes[offset..<(offset + n)])
            do {
                while let _ = try parser.next(&buffer, bodyless: false) {}
            } catch {
                return  // a parse error is a fine outcome for garbage
            }
            #expect(buffer.readableBytes == 0, "seed \(seed): bytes left unread without an error")
            #expect(parser.heldHeadBytes <= ResponseParser.maxHeadBytes, "seed \(seed)")
            offset += n
        }
    }

    /// Valid header lines that never end the head, in random reads: the parser
    /// must refuse them once past `maxHeadBytes` (within one 2 KiB copy step),
    /// never hold more, and never refuse before the limit.
    @Test("a head that never ends is refused at the head limit, in any split", arguments: 0..<12)
    func endlessHead(seed: UInt64) {
        var rng = SplitMix64(seed: seed &+ 5000)
        var parser = ResponseParser()
        var text = "HTTP/1.1 200 OK\r\n"
        while text.utf8.count < ResponseParser.maxHeadBytes + 8 * 1024 {
            let value = String(repeating: "v", count: Int.random(in: 1...200, using: &rng))
            text += "X-\(Int.random(in: 0...999, using: &rng)): \(value)\r\n"
        }
        let bytes = Array(text.utf8)
        var offset = 0
        var refusedAt: Int?
        while offset < bytes.count, refusedAt == nil {
            let n = min(bytes.count - offset, Int.random(in: 1...4096, using: &rng))
            var buffer = ByteBuffer(bytes: bytes[offset..<(offset + n)])
            offset += n
            do {
                #expect(try parser.next(&buffer, bodyless: false) == nil)
                #expect(parser.heldHeadBytes <= ResponseParser.maxHeadBytes, "seed \(seed)")
            } catch {
                #expect(error == .headTooLarge, "seed \(seed)")
                refusedAt = offset
            }
        }
        guard let at = refusedAt else {
            Issue.record("seed \(seed): \(bytes.count) bytes of unended head accepted")
            return
        }
        // Refused no earlier than the limit, and no later than one read (4 KiB) and one copy step past it.
        #expect(at > ResponseParser.maxHeadBytes, "seed \(seed): refused after \(at) bytes")
        #expect(at <= ResponseParser.maxHeadBytes + 4096 + 2048, "seed \(seed): refused after \(at) bytes")
    }
}
