import Glibc
import NIOCore

// libFuzzer target for the load engine's response parser
// (Sources/BattleLoad/HTTP/ResponseParser.swift), built by fuzz/build with
// `swiftc -sanitize=fuzzer,address` in one module with the parser's sources.
//
// Input: byte 0 picks HEAD (bit 0) and a seed for where the stream is cut
// into reads; the rest is what a server sent on one connection.
// Invariants (a violation traps, which libFuzzer reports as a crash):
//  1. the parser never consumes more bytes than it was given;
//  2. while it has not thrown, it never holds more than maxHeadBytes of a head;
//  3. a stream cut into reads anywhere parses into the same responses (and
//     the same error, at the same response) as one read.

struct Outcome: Equatable {
    var responses: [ResponseHead] = []
    var error: ResponseParseError? = nil
    var atEOF: ResponseHead? = nil
}

func parse(_ bytes: UnsafeBufferPointer<UInt8>, cuts: [Int], bodyless: Bool) -> Outcome {
    var parser = ResponseParser()
    var out = Outcome()
    var start = 0
    for end in cuts + [bytes.count] where end > start {
        var buffer = ByteBufferAllocator().buffer(capacity: end - start)
        buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        let given = buffer.readableBytes
        start = end
        do {
            while let head = try parser.next(&buffer, bodyless: bodyless) {
                out.responses.append(head)
                precondition(buffer.readerIndex <= given, "consumed more bytes than given")
            }
        } catch {
            out.error = error
            return out
        }
        precondition(buffer.readerIndex <= given, "consumed more bytes than given")
        precondition(parser.heldHeadBytes <= ResponseParser.maxHeadBytes, "holds \(parser.heldHeadBytes) head bytes")
        // Whatever the parser did not consume must be a head it holds, or nothing:
        // a parser that leaves bytes behind would lose them.
        precondition(buffer.readableBytes == 0, "left \(buffer.readableBytes) bytes unread")
    }
    out.atEOF = parser.finishAtEOF()
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func loadParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let control = data[0]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let bodyless = control & 1 == 1
    let whole = parse(bytes, cuts: [], bodyless: bodyless)
    let split = parse(bytes, cuts: cuts(seed: control >> 1, count: bytes.count), bodyless: bodyless)
    let bytewise = bytes.count <= 512 ? parse(bytes, cuts: Array(1..<max(1, bytes.count)), bodyless: bodyless) : split
    if whole != split || whole != bytewise {
        fputs("one read: \(whole)\ncut: \(split)\nbyte by byte: \(bytewise)\n", stderr)
        preconditionFailure("a stream cut into reads parsed differently")
    }
    return 0
}
