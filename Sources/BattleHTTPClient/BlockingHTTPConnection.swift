import BattleCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 connection over a blocking POSIX socket, with send and
/// receive timeouts; responses are parsed by `HTTPResponseStream`. The
/// verifier runs on its own thread, so blocking is fine, and a raw socket
/// lets it send pipelined bytes exactly as it wants.
public final class BlockingHTTPConnection {
    public enum Failure: Error, CustomStringConvertible {
        case connect(String)
        /// Nothing listens on the port (connection refused).
        case refused(String)
        /// The connection was not established within the timeout.
        case connectTimeout(String)
        case io(String)
        case timeout(Double)
        /// The server closed the connection without starting a response.
        case closed
        case malformed(String)

        public var description: String {
            switch self {
            case .connect(let s): "cannot connect: \(s)"
            case .refused(let s): "cannot connect: \(s)"
            case .connectTimeout(let s): "cannot connect: \(s)"
            case .io(let s): s
            case .timeout(let t): "no complete response within \(t) s"
            case .closed: "the server closed the connection without answering"
            case .malformed(let s): s
            }
        }
    }

    private var fd: Int32
    private let stream = HTTPResponseStream()
    /// Responses parsed and not yet returned (pipelined answers).
    private var ready: [HTTPResponseRecord] = []
    private let timeout: Double
    /// The `Host` header for requests on this connection.
    public let hostHeader: String
    /// The peer has closed its side.
    public private(set) var peerClosed = false

    /// Connects within `timeout` seconds (the socket's send timeout bounds
    /// `connect`); every later send and receive has the same timeout.
    public init(host: String, port: Int, timeout: Double) throws(Failure) {
        self.timeout = timeout
        self.hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .connect("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var refused = false
        var timedOut = false
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            cursor = ai.pointee.ai_next
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            guard s >= 0 else {
                lastError = String(cString: strerror(errno))
                continue
            }
            Self.setTimeouts(s, seconds: timeout)
            if connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 {
                var one: Int32 = 1
                setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                fd = s
                return
            }
            let code = errno
            close(s)
            if code == ECONNREFUSED { refused = true }
            // A blocking connect gives up after the send timeout with EINPROGRESS.
            if code == EINPROGRESS || code == EAGAIN { timedOut = true }
            lastError =
                timedOut
                ? "\(host):\(port): no answer within \(timeout) s"
                : "\(host):\(port): \(String(cString: strerror(code)))"
        }
        if refused { throw .refused(lastError) }
        throw timedOut ? .connectTimeout(lastError) : .connect(lastError)
    }

    deinit { close(fd) }

    private static func setTimeouts(_ s: Int32, seconds: Double) {
        var tv = timeval()
        tv.tv_sec = .init(seconds)
        tv.tv_usec = .init((seconds - seconds.rounded(.down)) * 1_000_000)
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends `requests` in one write, in order.
    public func send(_ requests: [ClientRequest]) throws(Failure) {
        for r in requests { stream.sent(method: r.method) }
        try send(requests.flatMap { $0.bytes(host: hostHeader) })
    }

    private func send(_ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
                let n = bytes.withUnsafeBytes { raw in
                    Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                }
            #else
                let n = bytes.withUnsafeBytes { raw in Darwin.send(fd, raw.baseAddress! + sent, raw.count - sent, 0) }
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("send failed: \(String(cString: strerror(errno)))")
            }
            sent += n
        }
    }

    /// The next response, in the order the requests were sent: reads until
    /// one is complete. Later (pipelined) responses stay for the next call.
    public func readResponse() throws(Failure) -> HTTPResponseRecord {
        let deadline = MonotonicClock.seconds + timeout
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while ready.isEmpty {
            // A malformed response after complete ones in the same read.
            if let failure = stream.failure { throw .malformed(failure.description) }
            if peerClosed {
                ready += try parse { () throws(HTTPResponseFailure) in try stream.finish() }
                // A response cut short fails in the stream; this is a close with none.
                if ready.isEmpty { throw .closed }
                break
            }
            guard MonotonicClock.seconds < deadline else { throw .timeout(timeout) }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                ready += try parse { () throws(HTTPResponseFailure) in try stream.receive(chunk[0..<n]) }
            } else if n == 0 {
                peerClosed = true
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw .timeout(timeout)
            } else {
                throw .io("receive failed: \(String(cString: strerror(errno)))")
            }
        }
        return ready.removeFirst()
    }

    private func parse(
        _ step: () throws(HTTPResponseFailure) -> [HTTPResponseRecord]
    ) throws(Failure) -> [HTTPResponseRecord] {
        do {
            return try step()
        } catch {
            throw .malformed(error.description)
        }
    }
}
