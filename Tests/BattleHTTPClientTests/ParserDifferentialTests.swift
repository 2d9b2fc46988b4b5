import BattleCore
import Foundation
import NIOCore
import Testing

@testable import BattleHTTPClient
@testable import BattleLoad

/// The load engine's parser (BattleLoad, built for speed: status and framing
/// only) and the checking client's (NIOHTTP1 under `HTTPResponseRules`) over
/// one corpus: the inputs of the load parser's tests and fuzz/'s seed and
/// regression files. Where they differ, the difference is listed here with
/// the reason; a difference that is not listed, or a listed one that is gone,
/// fails the test.
@Suite struct ParserDifferentialTests {
    /// What a parser made of one connection's bytes, read whole, then closed.
    enum Outcome: Equatable, CustomStringConvertible {
        case statuses([Int])
        case refused

        var description: String {
            switch self {
            case .statuses(let s): "responses \(s)"
            case .refused: "refused"
            }
        }
    }

    static func load(_ bytes: [UInt8], head: Bool) -> Outcome {
        var parser = ResponseParser()
        var buffer = ByteBuffer(bytes: bytes)
        var out: [Int] = []
        do {
            while let r = try parser.next(&buffer, bodyless: head) { out.append(r.status) }
        } catch {
            return .refused
        }
        if let r = parser.finishAtEOF() { out.append(r.status) }
        // A response cut short at the close: the load engine counts it as an
        // error of the connection, not a response.
        return parser.isIdle ? .statuses(out) : .refused
    }

    static func client(_ bytes: [UInt8], head: Bool) -> Outcome {
        let stream = HTTPResponseStream()
        for _ in 0..<64 { stream.sent(method: head ? "HEAD" : "GET") }
        do {
            let r = try stream.receive(bytes) + stream.finish()
            return .statuses(r.map(\.status))
        } catch {
            return .refused
        }
    }

    /// A corpus entry: a name, the bytes, whether the requests were HEAD.
    struct Case: CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var head = false
        var testDescription: String { name }
    }

    static let plain =
        "HTTP/1.1 200 OK\r\nServer: t\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nHello, World!"

    /// The inputs of ResponseParserTests, by the test they come from.
    static let inline: [(String, String)] = [
        ("whole", plain),
        ("pipelined sixteen", String(repeating: plain, count: 16)),
        (
            "statuses",
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\nHTTP/1.1 503\r\nContent-Length: 2\r\n\r\nno"
                + "HTTP/1.1 204 No Content\r\n\r\n"
        ),
        (
            "chunked",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n8;ext=1\r\n, World!\r\n0\r\nX-Trailer: yes\r\n\r\n"
                + "HTTP/1.1 201 Created\r\ntransfer-encoding: gzip, CHUNKED\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"
        ),
        ("connection close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
        ("HTTP/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
        ("HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"),
        ("until close", "HTTP/1.1 200 OK\r\n\r\nsome body and more"),
        ("interim", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        ("304 with a length", "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"),
        ("bare LF", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok"),
        ("garbage", "garbage\r\n\r\n"),
        ("HTTP/2", "HTTP/2 200\r\n\r\n"),
        ("status 2x0", "HTTP/1.1 2x0 OK\r\n\r\n"),
        ("no space after status", "HTTP/1.1 200OK\r\n\r\n"),
        ("status 999", "HTTP/1.1 999 Nope\r\n\r\n"),
        ("no colon", "HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n"),
        ("length ten", "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n"),
        ("conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
        ("bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        ("chunk without CRLF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX"),
        ("early garbage", "<html>"),
        (
            "head over 64 KB",
            "HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: 70_000))\r\nContent-Length: 0\r\n\r\n"
        ),
        (
            "head under 64 KB",
            "HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: 60_000))\r\nContent-Length: 0\r\n\r\n"
        ),
        ("large body", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n\(String(repeating: "a", count: 100_000))"),
        // The rules HTTPResponseRules settles, beyond the load tests.
        ("equal lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"),
        ("length and chunked", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("space inside a length", "HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n123456789012"),
        ("status 600", "HTTP/1.1 600 Nope\r\nContent-Length: 0\r\n\r\n"),
        ("status 099", "HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n"),
        ("switching protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n\u{1}binary"),
        ("a response after a 101", "HTTP/1.1 101 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
        ("cut inside a body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"),
        ("cut inside a head", "HTTP/1.1 200 OK\r\nContent-Le"),
        (
            "chunked not final",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: (chunked\r\n\r\n2\r\nok\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"
        ),
    ]

    /// Seed and regression files: one control byte (bit 0: HEAD), then the stream.
    static func files() -> [Case] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../fuzz/corpus")
        var out: [Case] = []
        for dir in ["responses", "regressions"] {
            let folder = root.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                    let control = data.first
                else { continue }
                out.append(Case(name: "\(dir)/\(name)", bytes: Array(data.dropFirst()), head: control & 1 == 1))
            }
        }
        return out
    }

    static let corpus: [Case] = inline.map { Case(name: $0.0, bytes: Array($0.1.utf8)) } + files()

    /// Every difference, with why the checking client is right to differ.
    static let differences: [String: (load: Outcome, client: Outcome, why: String)] = [
        "bare LF": (
            .statuses([200]), .refused,
            "RFC 9112 §2.2 lets a recipient accept a lone LF; a conformance check holds servers to CRLF"
        ),
        "equal lengths": (
            .statuses([200]), .refused,
            "RFC 9112 §6.3 allows refusing a repeated Content-Length even when equal; llhttp does"
        ),
        "length and chunked": (
            .statuses([200]), .refused,
            "RFC 9112 §6.1: Content-Length beside Transfer-Encoding ought to be handled as an error"
        ),
    ]

    @Test(arguments: corpus)
    func bothParsersAgreeOrTheDifferenceIsExplained(_ c: Case) throws {
        let l = Self.load(c.bytes, head: c.head)
        let v = Self.client(c.bytes, head: c.head)
        if let d = Self.differences[c.name] {
            #expect(
                l == d.load && v == d.client, "\(c.name): load \(l), client \(v); listed as \(d.load) / \(d.client)")
            #expect(l != v, "\(c.name): the listed difference is gone; remove it from the table")
        } else {
            #expect(l == v, "\(c.name): load \(l), client \(v): explain it in `differences` or fix a parser")
        }
    }

    @Test func theCorpusHasTheSeedFiles() {
        #expect(Self.files().count >= 10, "fuzz/corpus not found beside Tests/")
    }
}
