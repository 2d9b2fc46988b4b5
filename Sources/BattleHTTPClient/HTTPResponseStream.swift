import BattleCore
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// The responses in the bytes a server sends on one connection, parsed by
/// NIOHTTP1's `HTTPResponseDecoder` under `HTTPResponseRules`. Pure apart
/// from the decoder: no socket, no clock. A connection feeds it what it
/// reads; tests and fuzz/ feed it bytes cut anywhere.
///
/// The decoder runs in an `EmbeddedChannel`, driven synchronously on the
/// caller's thread: one stream belongs to one connection and one thread.
public final class HTTPResponseStream {
    private let channel: EmbeddedChannel
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    /// A 101 ended HTTP on this connection: nothing after it is read.
    private var switched = false

    public init() {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = HTTPResponseRules.maxHeaderBytes
        limits.maxHeaderFieldSize = HTTPResponseRules.maxHeaderBytes
        limits.maxHeaderFieldCount = HTTPResponseRules.maxHeaderFields
        let decoder = HTTPResponseDecoder(
            leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop, limitConfiguration: limits)
        channel = EmbeddedChannel(handler: ByteToMessageHandler(decoder))
    }

    deinit { _ = try? channel.finish(acceptAlreadyClosed: true) }

    /// Tells the decoder a request went out, in send order: the answer to a
    /// HEAD has no body, and a response no request asked for is an error.
    public func sent(method: String) {
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: "/")
        do {
            try channel.writeOutbound(HTTPClientRequestPart.head(head))
            _ = try channel.readOutbound(as: HTTPClientRequestPart.self)
        } catch {
            failure = failure ?? HTTPResponseFailure(reason: "the decoder refused a request: \(error)")
        }
    }

    /// The responses the bytes complete, in order. Bytes of a response still
    /// arriving are kept. When the bytes hold complete responses and then a
    /// malformed one, the complete ones are returned and the failure waits in
    /// `failure` for the next call; after a failure every call fails the same way.
    public func receive(_ bytes: some Collection<UInt8>) throws(HTTPResponseFailure) -> [HTTPResponseRecord] {
        if let failure { throw failure }
        guard !switched, !bytes.isEmpty else { return [] }
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        do {
            try channel.writeInbound(buffer)
        } catch {
            return try drainThenFail(Self.reason(error))
        }
        return try drain()
    }

    /// Why the stream failed, once it has: later calls throw it.
    public private(set) var failure: HTTPResponseFailure?

    /// The responses decoded before the decoder's error, with the error kept
    /// for the next call. A rule broken by a decoded response comes earlier
    /// in the stream than the decoder's error, so drain's failure stands.
    private func drainThenFail(_ reason: String) throws(HTTPResponseFailure) -> [HTTPResponseRecord] {
        let done = try drain()
        return failure == nil ? try keep(done, failing: reason) : done
    }

    /// Returns the complete responses and keeps the failure for the next
    /// call; with none complete, fails now.
    private func keep(
        _ done: [HTTPResponseRecord], failing reason: String
    ) throws(HTTPResponseFailure)
        -> [HTTPResponseRecord]
    {
        let f = HTTPResponseFailure(reason: reason)
        failure = f
        if done.isEmpty { throw f }
        return done
    }

    /// The peer closed the connection: completes a body that runs to the
    /// close, and fails when a response was cut short.
    public func finish() throws(HTTPResponseFailure) -> [HTTPResponseRecord] {
        if let failure { throw failure }
        guard !switched else { return [] }
        do {
            channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            try channel.throwIfErrorCaught()
        } catch {
            return try drainThenFail(Self.reason(error))
        }
        let done = try drain()
        if failure == nil, head != nil {
            return try keep(done, failing: "connection closed after \(body.count) body bytes of an unfinished response")
        }
        return done
    }

    /// No response is partly received.
    public var isIdle: Bool { head == nil }

    /// The responses the decoder has completed. A broken rule stops the
    /// stream, but the responses completed before it are still returned
    /// (the failure waits for the next call), however the bytes were cut into reads.
    private func drain() throws(HTTPResponseFailure) -> [HTTPResponseRecord] {
        var out: [HTTPResponseRecord] = []
        while true {
            let part: HTTPClientResponsePart?
            do {
                part = try channel.readInbound(as: HTTPClientResponsePart.self)
            } catch {
                return try keep(out, failing: "unexpected decoder output: \(error)")
            }
            guard let part else { return out }
            switch part {
            case .head(let h):
                let code = Int(h.status.code)
                guard HTTPResponseRules.statusRange.contains(code) else {
                    return try keep(out, failing: "status \(code) is outside 100-599")
                }
                head = h
                body = []
            case .body(var chunk):
                guard body.count + chunk.readableBytes <= HTTPResponseRules.maxBodyBytes else {
                    return try keep(out, failing: "body over 64 MB")
                }
                body += chunk.readBytes(length: chunk.readableBytes) ?? []
            case .end:
                guard let h = head else { return try keep(out, failing: "a response ended before its head") }
                out.append(
                    HTTPResponseRecord(
                        status: Int(h.status.code), headers: h.headers.map { (name: $0.name, value: $0.value) },
                        body: body))
                head = nil
                body = []
                if h.status.code == 101 {
                    switched = true
                    return out
                }
            }
        }
    }

    /// NIO's error, in the words battle's messages use.
    static func reason(_ error: any Error) -> String {
        if let e = error as? NIOHTTPDecoderError, e == .unsolicitedResponse {
            return "a response no request asked for"
        }
        guard let e = error as? HTTPParserError else { return "\(error)" }
        return switch e {
        case .invalidEOFState: "connection closed inside a response"
        case .headerOverflow:
            "header block over 64 KB or over \(HTTPResponseRules.maxHeaderFields) fields"
        case .invalidVersion: "not HTTP/1.x"
        case .invalidStatus: "bad status line"
        case .invalidConstant: "not an HTTP/1.x status line"
        case .invalidHeaderToken: "bad header line"
        case .invalidContentLength: "Content-Length is not a valid length"
        case .unexpectedContentLength: "Content-Length repeated, or beside Transfer-Encoding"
        case .invalidChunkSize: "bad chunk size"
        case .lfExpected, .strictModeAssertion: "line not ended by CRLF"
        case .invalidCharactersUsed: "invalid characters in the head"
        default: "\(e)"
        }
    }
}
