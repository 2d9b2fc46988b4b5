import BattleSuite

/// Parses HTTP/1.1 responses from the bytes a connection received: status
/// line, headers, then a body framed by `Content-Length`, by chunked transfer
/// coding (trailers skipped), or by the end of the connection. Pure: the
/// connection feeds it bytes; tests feed it strings.
public enum VerifierResponseParser {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { "malformed HTTP response: \(reason)" }
    }

    /// The largest header block or body accepted.
    public static let maxHeaderBytes = 64 * 1024
    public static let maxBodyBytes = 64 * 1024 * 1024

    /// A complete response at the start of `bytes` and how many bytes it took,
    /// or nil when more bytes are needed. `eof`: the peer closed the connection,
    /// which ends a body without length. `headRequest`: no body follows.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, eof: Bool, headRequest: Bool = false
    ) throws(Failure)
        -> (response: HTTPResponseRecord, consumed: Int)?
    {
        var start = bytes.startIndex
        while true {
            guard let headEnd = find([13, 10, 13, 10], in: bytes[start...]) else {
                if bytes.count - (start - bytes.startIndex) > maxHeaderBytes {
                    throw Failure(reason: "header block over 64 KB")
                }
                if eof && start < bytes.endIndex { throw Failure(reason: "connection closed inside the header block") }
                return nil
            }
            // The limit holds however the bytes arrived (found by fuzz/).
            guard headEnd - start <= maxHeaderBytes else { throw Failure(reason: "header block over 64 KB") }
            let (status, headers) = try head(bytes[start..<headEnd])
            let bodyStart = headEnd + 4
            // 1xx responses are interim: skip them.
            if (100..<200).contains(status) {
                start = bodyStart
                continue
            }
            let record = HTTPResponseRecord(status: status, headers: headers, body: [])
            if headRequest || status == 204 || status == 304 {
                return (record, bodyStart - bytes.startIndex)
            }
            if record.isChunked {
                guard let (body, end) = try chunked(bytes[bodyStart...]) else {
                    if eof { throw Failure(reason: "connection closed inside a chunked body") }
                    return nil
                }
                return (HTTPResponseRecord(status: status, headers: headers, body: body), end - bytes.startIndex)
            }
            if let lengthText = record.header("Content-Length") {
                guard let length = Int(lengthText.filter { $0 != " " && $0 != "\t" }), length >= 0,
                    length <= maxBodyBytes
                else {
                    throw Failure(reason: "Content-Length \"\(lengthText)\" is not a valid length")
                }
                guard bytes.endIndex - bodyStart >= length else {
                    if eof {
                        throw Failure(
                            reason: "connection closed after \(bytes.endIndex - bodyStart) of \(length) body bytes")
                    }
                    return nil
                }
                let body = Array(bytes[bodyStart..<(bodyStart + length)])
                return (
                    HTTPResponseRecord(status: status, headers: headers, body: body),
                    bodyStart + length - bytes.startIndex
                )
            }
            // No framing: the body runs to the end of the connection.
            guard eof else { return nil }
            return (HTTPResponseRecord(status: status, headers: headers, body: Array(bytes[bodyStart...])), bytes.count)
        }
    }

    static func head(_ block: ArraySlice<UInt8>) throws(Failure) -> (Int, [(name: String, value: String)]) {
        let text = String(decoding: block, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw Failure(reason: "bad status line \"\(statusLine.prefix(80))\"")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw Failure(reason: "bad header line \"\(line.prefix(80))\"")
            }
            let name = String(line[..<colon])
            guard !name.contains(" ") else { throw Failure(reason: "space in header name \"\(name)\"") }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.append((name: name, value: String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())))
        }
        return (status, headers)
    }

    /// The de-chunked body and the index just past the last chunk's trailers.
    static func chunked(_ bytes: ArraySlice<UInt8>) throws(Failure) -> ([UInt8], Int)? {
        var body: [UInt8] = []
        var i = bytes.startIndex
        while true {
            guard let lineEnd = find([13, 10], in: bytes[i...]) else { return nil }
            let sizeText = String(decoding: bytes[i..<lineEnd], as: UTF8.self)
            let hex = sizeText.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(" \t") } ?? ""
            guard let size = Int(hex, radix: 16), size >= 0 else {
                throw Failure(reason: "bad chunk size \"\(sizeText.prefix(20))\"")
            }
            guard body.count + size <= maxBodyBytes else { throw Failure(reason: "chunked body over 64 MB") }
            i = lineEnd + 2
            if size == 0 {
                // Trailers, then an empty line.
                while true {
                    guard let end = find([13, 10], in: bytes[i...]) else { return nil }
                    let empty = end == i
                    i = end + 2
                    if empty { return (body, i) }
                }
            }
            guard bytes.endIndex - i >= size + 2 else { return nil }
            body += bytes[i..<(i + size)]
            guard bytes[i + size] == 13, bytes[i + size + 1] == 10 else {
                throw Failure(reason: "chunk not followed by CRLF")
            }
            i += size + 2
        }
    }

    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var match = true
                for k in 1..<needle.count where hay[i + k] != needle[k] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }
}

extension Substring {
    func trimmingCharacters(_ set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
