#if canImport(Glibc)
    import Glibc
#endif

// libFuzzer target for the verifier's response parser, through
// verifierParse (VerifierEntry.swift). Built by fuzz/build.
//
// Input: byte 0 picks HEAD (bit 0) and where the stream is cut into reads;
// the rest is what a server sent on one connection. The connection (as
// BlockingHTTPConnection does) appends each read to a buffer and parses
// from its start, removing each response's bytes. Invariants:
//  1. a response never consumes more bytes than there are, nor none;
//  2. a header block over the limit is refused, never waited for;
//  3. the responses (and the error, at the same response) are the same
//     however the stream is cut into reads.

struct Outcome: Equatable {
    var responses: [VerifiedResponse] = []
    var failure: VerifierParseFailure? = nil
    var leftover = 0
}

func run(_ bytes: [UInt8], cuts: [Int], head: Bool) -> Outcome {
    var out = Outcome()
    var buffer: [UInt8] = []
    var start = 0
    let ends = cuts + [bytes.count]
    for (k, end) in ends.enumerated() where end >= start {
        buffer += bytes[start..<end]
        start = end
        let eof = k == ends.count - 1
        while !buffer.isEmpty {
            do {
                guard let r = try verifierParse(buffer[...], eof: eof, headRequest: head) else {
                    // Waiting for more: only ever for a header block within the limit.
                    if !eof, let headEnd = find(buffer), headEnd > verifierMaxHeaderBytes + 4 {
                        preconditionFailure("waits on a header block of \(headEnd) bytes")
                    }
                    if find(buffer) == nil {
                        precondition(
                            buffer.count <= verifierMaxHeaderBytes, "holds \(buffer.count) bytes without a head end")
                    }
                    break
                }
                precondition(r.consumed > 0 && r.consumed <= buffer.count, "consumed \(r.consumed) of \(buffer.count)")
                out.responses.append(r)
                buffer.removeFirst(r.consumed)
            } catch {
                out.failure = error
                return out
            }
        }
    }
    out.leftover = buffer.count
    return out
}

func find(_ b: [UInt8]) -> Int? {
    guard b.count >= 4 else { return nil }
    for i in 0...(b.count - 4) where b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 { return i }
    return nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func verifierParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let control = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let head = control & 1 == 1
    let whole = run(bytes, cuts: [], head: head)
    let split = run(bytes, cuts: cuts(seed: control >> 1, count: bytes.count), head: head)
    if whole != split {
        fputs("one read: \(whole)\ncut: \(split)\n", stderr)
        preconditionFailure("a stream cut into reads parsed differently")
    }
    return 0
}
