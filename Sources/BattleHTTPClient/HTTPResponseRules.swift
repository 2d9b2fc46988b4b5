/// The rules battle's checking client holds a server's responses to: the one
/// documented place (docs/SUITE.md §1 points here). Parsing is NIOHTTP1's
/// `HTTPResponseDecoder` (llhttp in strict mode); what it leaves open is
/// settled here, strict where RFC 9112 and RFC 9110 are strict:
///
/// - **Status line:** `HTTP/1.x` and three digits (llhttp). The code must be
///   100-599 (RFC 9110 §15: other values are invalid), as the load engine's
///   parser requires.
/// - **1xx:** interim responses (100, 102, 103...) are skipped; the response
///   that follows is the answer (RFC 9110 §15.2). 101 Switching Protocols is
///   final: battle never asks to upgrade, so a check sees it and fails, and the
///   connection is not read further (the load engine's parser stops there too).
/// - **Content-Length:** one value of digits (llhttp refuses signs, spaces
///   inside, and a second Content-Length header, even an equal one: RFC 9112
///   §6.3 allows refusing). Content-Length beside Transfer-Encoding is refused
///   (RFC 9112 §6.1 calls it an attack vector a client ought to treat as an
///   error). The load engine accepts an equal duplicate and lets chunked win:
///   it measures, this layer judges (`ParserDifferentialTests` lists each
///   difference).
/// - **Chunked:** hex sizes, extensions and trailers as RFC 9112 §7.1; CRLF
///   after each chunk.
/// - **No framing:** a body without Content-Length or chunked runs to the end
///   of the connection; a connection closed inside a head or a framed body is
///   an error.
/// - **HEAD, 204, 304:** no body.
/// - **Limits:** header names and values at most 64 KiB together and 256
///   fields (NIO's limit configuration, enforced as the head streams in, so it
///   holds however the bytes arrive); a body at most 64 MiB.
public enum HTTPResponseRules {
    /// Header names and values of one response, in bytes.
    public static let maxHeaderBytes = 64 * 1024
    /// Header fields of one response (trailers included).
    public static let maxHeaderFields = 256
    /// Body bytes of one response, after de-chunking.
    public static let maxBodyBytes = 64 * 1024 * 1024
    /// Valid status codes (RFC 9110 §15).
    public static let statusRange = 100...599
}

/// Why bytes are not a valid HTTP/1.1 response, in words.
public struct HTTPResponseFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "malformed HTTP response: \(reason)" }
}
