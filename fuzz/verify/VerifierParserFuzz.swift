#if canImport(Glibc)
    import Glibc
#endif

// libFuzzer target for the checking client's response parser, through
// clientParse (VerifierEntry.swift). Built by fuzz/build.
//
// Input: byte 0 picks HEAD (bit 0) and where the stream is cut into reads;
// the rest is what a server sent on one connection, which then closes.
// Invariants:
//  1. no body byte is counted twice: after each read, the body bytes of the
//     responses so far are at most the bytes received;
//  2. the head limit holds: no response has header names and values over
//     maxHeaderBytes or more than maxHeaderFields fields;
//  3. the responses (and the failure) are the same however the stream is
//     cut into reads;
//  4. the load engine's parser and this one agree: when both accept the
//     whole stream, they find the same statuses. (Where one refuses what the
//     other accepts is a difference of strictness, listed in
//     Tests/BattleHTTPClientTests/ParserDifferentialTests.swift.)

func pieces(_ bytes: [UInt8], cuts: [Int]) -> [ArraySlice<UInt8>] {
    var out: [ArraySlice<UInt8>] = []
    var start = 0
    for end in cuts + [bytes.count] where end >= start {
        out.append(bytes[start..<end])
        start = end
    }
    return out
}

func check(_ bytes: [UInt8], cuts: [Int], head: Bool) -> ClientOutcome {
    clientParse(pieces(bytes, cuts: cuts), head: head) { out, fed in
        let bodies = out.responses.reduce(0) { $0 + $1.body.count }
        precondition(bodies <= fed, "\(bodies) body bytes from \(fed) bytes received")
        for r in out.responses {
            precondition(r.headers.count <= clientMaxHeaderFields, "\(r.headers.count) header fields")
            let size = r.headers.reduce(0) { $0 + $1.utf8.count - 2 }
            precondition(size <= clientMaxHeaderBytes, "\(size) bytes of header names and values")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func verifierParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let control = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let head = control & 1 == 1
    let whole = check(bytes, cuts: [], head: head)
    let split = check(bytes, cuts: cuts(seed: control >> 1, count: bytes.count), head: head)
    if whole != split {
        fputs("one read: \(whole)\ncut: \(split)\n", stderr)
        preconditionFailure("a stream cut into reads parsed differently")
    }
    if whole.failure == nil, let load = loadStatuses(bytes, head: head) {
        let mine = whole.responses.map(\.status)
        if load != mine {
            fputs("load parser: \(load)\nchecking client: \(mine)\n", stderr)
            preconditionFailure("the two parsers accept the stream and disagree")
        }
    }
    return 0
}
