// The one place the verifier's fuzz target touches the checking client's
// parser (Sources/BattleHTTPClient/HTTPResponseStream.swift: NIOHTTP1's
// decoder under HTTPResponseRules) and the load engine's parser
// (Sources/BattleLoad/HTTP/ResponseParser.swift), both compiled into this
// target by fuzz/build.

import NIOCore

struct VerifiedResponse: Equatable {
    var status: Int
    var headers: [String]
    var body: [UInt8]
}

/// What the checking client made of a stream read in `pieces`, then closed.
struct ClientOutcome: Equatable {
    var responses: [VerifiedResponse] = []
    var failure: String? = nil
}

func clientParse(_ pieces: [ArraySlice<UInt8>], head: Bool, afterEach: (ClientOutcome, Int) -> Void) -> ClientOutcome {
    let stream = HTTPResponseStream()
    for _ in 0..<64 { stream.sent(method: head ? "HEAD" : "GET") }
    var out = ClientOutcome()
    var fed = 0
    func add(_ records: [HTTPResponseRecord]) {
        out.responses += records.map {
            VerifiedResponse(status: $0.status, headers: $0.headers.map { "\($0.name): \($0.value)" }, body: $0.body)
        }
    }
    do {
        for piece in pieces {
            add(try stream.receive(piece))
            fed += piece.count
            afterEach(out, fed)
        }
        add(try stream.finish())
    } catch {
        out.failure = error.reason
    }
    return out
}

/// The load engine's statuses for the whole stream, or nil when it refuses
/// it (or a response is cut short at the close).
func loadStatuses(_ bytes: [UInt8], head: Bool) -> [Int]? {
    var parser = ResponseParser()
    var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
    buffer.writeBytes(bytes)
    var out: [Int] = []
    do {
        while let r = try parser.next(&buffer, bodyless: head) { out.append(r.status) }
    } catch {
        return nil
    }
    if let r = parser.finishAtEOF() { out.append(r.status) }
    return parser.isIdle ? out : nil
}

let clientMaxHeaderBytes = HTTPResponseRules.maxHeaderBytes
let clientMaxHeaderFields = HTTPResponseRules.maxHeaderFields
