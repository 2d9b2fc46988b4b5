import NIOCore

/// An incremental HTTP/1.1 response parser over `ByteBuffer`s as they arrive
/// from the socket, for a client that needs only the status and the framing.
///
/// Bodies are skipped by moving the reader index: never copied. A head split
/// across reads is the one case that copies: its bytes are kept in a small
/// carry buffer until the rest arrives. Any number of pipelined responses in
/// one read are returned one call at a time.
public struct ResponseParser {
    /// The largest response head accepted; larger is a malformed response.
    public static let maxHeadBytes = 64 * 1024

    private enum State: Equatable {
        case head
        case fixed(remaining: Int)
        case chunked(Chunk)
        case untilClose
        /// A 101 ended HTTP on the connection: what follows is not read.
        case switched
    }

    private enum Chunk: Equatable {
        case size(value: Int, digits: Int)
        case sizeExtension(value: Int)
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailerStart
        case trailerStartLF
        case trailerLine
    }

    private var state: State = .head
    private var current = ResponseHead(status: 0, keepAlive: true)
    /// Bytes of a head that arrived in pieces.
    private var carry: ByteBuffer? = nil

    public init() {}

    /// True between responses with nothing partial held.
    public var isIdle: Bool { (state == .head || state == .switched) && (carry?.readableBytes ?? 0) == 0 }

    /// Bytes of a split head held until the rest arrives (at most
    /// `maxHeadBytes` while the parser has not thrown; fuzz/ checks it).
    var heldHeadBytes: Int { carry?.readableBytes ?? 0 }

    /// The next complete response in `buffer`, consuming its bytes; nil when
    /// `buffer` is used up before a response completes (its bytes are kept in
    /// the parser's state). `bodyless` is true when the request was HEAD.
    /// Interim 1xx responses are skipped. A 101 is final and ends HTTP on the
    /// connection (RFC 9110 §15.2.2): it is returned with `keepAlive` false,
    /// and every byte after it is consumed unread, as the checking client does.
    public mutating func next(_ buffer: inout ByteBuffer, bodyless: Bool) throws(ResponseParseError) -> ResponseHead? {
        while true {
            switch state {
            case .head:
                guard let head = try readHead(&buffer, bodyless: bodyless) else { return nil }
                if head.status == 101 {
                    state = .switched
                    return ResponseHead(status: 101, keepAlive: false)
                }
                if head.status < 200 { continue }
                current = ResponseHead(status: head.status, keepAlive: head.keepAlive)
                switch head.framing {
                case .none: return current
                case .length(let n): state = .fixed(remaining: n)
                case .chunked: state = .chunked(.size(value: 0, digits: 0))
                case .untilClose: state = .untilClose
                }
            case .fixed(let remaining):
                let take = min(remaining, buffer.readableBytes)
                buffer.moveReaderIndex(forwardBy: take)
                if take == remaining {
                    state = .head
                    return current
                }
                state = .fixed(remaining: remaining - take)
                return nil
            case .chunked(let chunk):
                guard buffer.readableBytes > 0 else { return nil }
                if try skipChunked(&buffer, chunk) {
                    state = .head
                    return current
                }
            case .untilClose, .switched:
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return nil
            }
        }
    }

    /// The connection reached end of file: a body delimited by the close is
    /// complete. Returns it, or nil if no response was waiting for the close.
    public mutating func finishAtEOF() -> ResponseHead? {
        guard state == .untilClose else { return nil }
        state = .head
        return current
    }

    /// Forgets any partial response (the connection is gone).
    public mutating func reset() {
        state = .head
        carry?.clear()
    }

    // MARK: head

    private mutating func readHead(
        _ buffer: inout ByteBuffer, bodyless: Bool
    ) throws(ResponseParseError) -> HeadParser.Head? {
        if var held = carry, held.readableBytes > 0 {
            // Finish a split head: move bytes over in small steps so that only
            // the head, not the pipelined responses behind it, is copied.
            carry = nil  // keep `held` uniquely referenced while appending
            defer { carry = held }
            while buffer.readableBytes > 0 {
                let before = held.readableBytes
                let step = min(buffer.readableBytes, 2048)
                _ = buffer.withUnsafeReadableBytes { raw in
                    held.writeBytes(UnsafeRawBufferPointer(rebasing: raw.prefix(step)))
                }
                let parsed = try held.withUnsafeReadableBytes { raw throws(ResponseParseError) in
                    try HeadParser.parse(raw, bodyless: bodyless)
                }
                if let head = parsed {
                    guard head.length <= Self.maxHeadBytes else { throw .headTooLarge }
                    buffer.moveReaderIndex(forwardBy: head.length - before)
                    held.clear()
                    return head
                }
                buffer.moveReaderIndex(forwardBy: step)
                guard held.readableBytes <= Self.maxHeadBytes else { throw .headTooLarge }
            }
            return nil
        }
        guard buffer.readableBytes > 0 else { return nil }
        let parsed = try buffer.withUnsafeReadableBytes { raw throws(ResponseParseError) in
            try HeadParser.parse(raw, bodyless: bodyless)
        }
        if let head = parsed {
            // The limit holds however the head arrived (found by fuzz/: a
            // 70 KB head was refused when split across reads, accepted in one).
            guard head.length <= Self.maxHeadBytes else { throw .headTooLarge }
            buffer.moveReaderIndex(forwardBy: head.length)
            return head
        }
        guard buffer.readableBytes <= Self.maxHeadBytes else { throw .headTooLarge }
        var held = carry ?? ByteBufferAllocator().buffer(capacity: 1024)
        carry = nil
        held.clear()
        held.writeBuffer(&buffer)
        carry = held
        return nil
    }

    // MARK: chunked bodies

    /// Consumes chunked-body bytes; true when the last chunk and trailers are done.
    private mutating func skipChunked(_ buffer: inout ByteBuffer, _ start: Chunk) throws(ResponseParseError) -> Bool {
        var chunk = start
        var done = false
        let consumed = try buffer.withUnsafeReadableBytes { raw throws(ResponseParseError) -> Int in
            var i = 0
            let n = raw.count
            while i < n {
                if case .data(let remaining) = chunk {
                    let take = min(remaining, n - i)
                    i += take
                    chunk = take == remaining ? .dataCR : .data(remaining: remaining - take)
                    continue
                }
                let b = raw[i]
                i += 1
                switch chunk {
                case .size(let value, let digits):
                    if let h = Self.hexValue(b) {
                        guard digits < 15 else { throw .badChunk }
                        chunk = .size(value: value << 4 | h, digits: digits + 1)
                    } else if b == UInt8(ascii: "\n") {
                        guard digits > 0 else { throw .badChunk }
                        chunk = value == 0 ? .trailerStart : .data(remaining: value)
                    } else if digits > 0
                        && (b == UInt8(ascii: ";") || b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
                            || b == UInt8(ascii: "\r"))
                    {
                        chunk = .sizeExtension(value: value)
                    } else {
                        throw .badChunk
                    }
                case .sizeExtension(let value):
                    if b == UInt8(ascii: "\n") { chunk = value == 0 ? .trailerStart : .data(remaining: value) }
                case .data:
                    break  // handled above
                case .dataCR:
                    if b == UInt8(ascii: "\r") {
                        chunk = .dataLF
                    } else if b == UInt8(ascii: "\n") {
                        chunk = .size(value: 0, digits: 0)
                    } else {
                        throw .badChunk
                    }
                case .dataLF:
                    guard b == UInt8(ascii: "\n") else { throw .badChunk }
                    chunk = .size(value: 0, digits: 0)
                case .trailerStart:
                    if b == UInt8(ascii: "\n") {
                        done = true
                        return i
                    }
                    chunk = b == UInt8(ascii: "\r") ? .trailerStartLF : .trailerLine
                case .trailerStartLF:
                    guard b == UInt8(ascii: "\n") else { throw .badChunk }
                    done = true
                    return i
                case .trailerLine:
                    if b == UInt8(ascii: "\n") { chunk = .trailerStart }
                }
            }
            return i
        }
        buffer.moveReaderIndex(forwardBy: consumed)
        state = .chunked(chunk)
        return done
    }

    @inline(__always)
    private static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
