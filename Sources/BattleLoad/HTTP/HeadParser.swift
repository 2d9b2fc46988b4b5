#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses one HTTP/1.x response head (status line and headers) from
/// contiguous bytes, reading only what framing needs: the status,
/// Content-Length, Transfer-Encoding and Connection.
enum HeadParser {
    struct Head: Equatable {
        /// Bytes of the head including the blank line that ends it.
        var length: Int
        var status: Int
        var keepAlive: Bool
        var framing: BodyFraming
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let colon = UInt8(ascii: ":")
    private static let prefix: StaticString = "HTTP/1."

    /// The head at the start of `p`, nil if it is not complete yet.
    /// `bodyless` is true for the answer to a HEAD request.
    static func parse(_ p: UnsafeRawBufferPointer, bodyless: Bool) throws(ResponseParseError) -> Head? {
        let n = p.count
        guard n > 0, let base = p.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        // "HTTP/1." checked on whatever has arrived, so garbage fails at once.
        let checked = min(n, 7)
        let expected = prefix.utf8Start
        for i in 0..<checked where base[i] != expected[i] { throw .notHTTP }
        guard let statusEnd = findLF(base, from: 0, to: n) else { return nil }
        // HTTP/1.x NNN[ reason]
        guard statusEnd >= 12, base[8] == UInt8(ascii: " ") else { throw .badStatusLine }
        let minor = base[7]
        guard minor >= UInt8(ascii: "0"), minor <= UInt8(ascii: "9") else { throw .badStatusLine }
        var status = 0
        for i in 9..<12 {
            let d = base[i] &- UInt8(ascii: "0")
            guard d <= 9 else { throw .badStatusLine }
            status = status * 10 + Int(d)
        }
        guard statusEnd == 12 || base[12] == UInt8(ascii: " ") || base[12] == cr else { throw .badStatusLine }
        guard (100...599).contains(status) else { throw .badStatusLine }

        var contentLength: Int? = nil
        var chunked = false
        var connectionClose = false
        var connectionKeepAlive = false
        var pos = statusEnd + 1
        while true {
            // Names are short: find the colon (or the end of the line) by hand,
            // then the line feed after it with memchr.
            var nameEnd = pos
            while nameEnd < n && base[nameEnd] != colon && base[nameEnd] != lf { nameEnd += 1 }
            guard nameEnd < n else { return nil }
            if base[nameEnd] == lf {
                // No colon before the line feed: the blank line that ends the head, or garbage.
                guard nameEnd == pos || (nameEnd == pos + 1 && base[pos] == cr) else { throw .badHeaderLine }
                pos = nameEnd + 1
                break
            }
            guard nameEnd > pos else { throw .badHeaderLine }
            guard let lineFeed = findLF(base, from: nameEnd, to: n) else { return nil }
            var end = lineFeed
            if base[end - 1] == cr { end -= 1 }
            switch nameEnd - pos {
            case 14 where equalsLowercased(base + pos, "content-length"):
                let v = try parseLength(base, from: nameEnd + 1, to: end)
                if let old = contentLength, old != v { throw .badContentLength }
                contentLength = v
            case 17 where equalsLowercased(base + pos, "transfer-encoding"):
                // Chunked only when it is the final coding (RFC 9112 §6.3):
                // the last header's last token. Otherwise the body runs to
                // the close, as the checking client reads it (found by fuzz/).
                chunked = endsWithChunkedToken(base, from: nameEnd + 1, to: end)
            case 10 where equalsLowercased(base + pos, "connection"):
                if contains(base, from: nameEnd + 1, to: end, "close") { connectionClose = true }
                if contains(base, from: nameEnd + 1, to: end, "keep-alive") { connectionKeepAlive = true }
            default:
                break
            }
            pos = lineFeed + 1
        }

        var keepAlive = minor == UInt8(ascii: "0") ? connectionKeepAlive : true
        if connectionClose { keepAlive = false }
        let framing: BodyFraming
        if bodyless || status < 200 || status == 204 || status == 304 {
            framing = .none
        } else if chunked {
            framing = .chunked
        } else if let length = contentLength {
            framing = length == 0 ? .none : .length(length)
        } else {
            framing = .untilClose
            keepAlive = false
        }
        return Head(length: pos, status: status, keepAlive: keepAlive, framing: framing)
    }

    @inline(__always)
    private static func findLF(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let hit = memchr(base + from, Int32(lf), to - from) else { return nil }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// `p` holds `literal` (lower case) ignoring ASCII case; the caller checked the length.
    private static func equalsLowercased(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let l = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount where lower(p[i]) != l[i] { return false }
        return true
    }

    /// The comma-separated list in `[from, to)` ends with the token `chunked`
    /// (ASCII case ignored, spaces and tabs around it allowed).
    private static func endsWithChunkedToken(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Bool {
        var end = to
        while end > from && isBlank(base[end - 1]) { end -= 1 }
        let token: StaticString = "chunked"
        let k = token.utf8CodeUnitCount
        guard end - from >= k, equalsLowercased(base + end - k, token) else { return false }
        var before = end - k
        while before > from && isBlank(base[before - 1]) { before -= 1 }
        return before == from || base[before - 1] == UInt8(ascii: ",")
    }

    /// A space or a tab: optional whitespace around header values and list items.
    @inline(__always)
    private static func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    /// The value in `[from, to)` contains `token` (lower case) ignoring ASCII case.
    private static func contains(_ base: UnsafePointer<UInt8>, from: Int, to: Int, _ token: StaticString) -> Bool {
        let t = token.utf8Start
        let k = token.utf8CodeUnitCount
        guard to - from >= k else { return false }
        var i = from
        while i + k <= to {
            var j = 0
            while j < k && lower(base[i + j]) == t[j] { j += 1 }
            if j == k { return true }
            i += 1
        }
        return false
    }

    private static func parseLength(_ base: UnsafePointer<UInt8>, from: Int, to: Int) throws(ResponseParseError) -> Int
    {
        var i = from
        var end = to
        while i < end && isBlank(base[i]) { i += 1 }
        while end > i && isBlank(base[end - 1]) { end -= 1 }
        guard i < end, end - i <= 18 else { throw .badContentLength }
        var v = 0
        while i < end {
            let d = base[i] &- UInt8(ascii: "0")
            guard d <= 9 else { throw .badContentLength }
            v = v * 10 + Int(d)
            i += 1
        }
        return v
    }
}
