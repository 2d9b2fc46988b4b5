/// What the load engine keeps of a response: its status and whether the
/// connection stays open. Headers and body are read past, never copied.
public struct ResponseHead: Sendable, Equatable {
    public var status: Int
    public var keepAlive: Bool

    public init(status: Int, keepAlive: Bool) {
        self.status = status
        self.keepAlive = keepAlive
    }
}

/// How the body of a response is delimited (RFC 9112 section 6.3).
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
    /// No length and not chunked: the body ends when the server closes.
    case untilClose
}

/// Why a response could not be parsed. All count as `malformed` errors.
public enum ResponseParseError: Error, Equatable, CustomStringConvertible {
    case notHTTP
    case badStatusLine
    case badHeaderLine
    case badContentLength
    case badChunk
    case headTooLarge
    case unsolicited

    public var description: String {
        switch self {
        case .notHTTP: "the response does not start with HTTP/1.x"
        case .badStatusLine: "the status line is not 'HTTP/1.x NNN reason'"
        case .badHeaderLine: "a header line has no colon"
        case .badContentLength: "Content-Length is not a number, or two differ"
        case .badChunk: "a chunk of a chunked body is malformed"
        case .headTooLarge: "the response head is larger than \(ResponseParser.maxHeadBytes / 1024) KiB"
        case .unsolicited: "the server sent bytes no request asked for"
        }
    }
}
