import BattleCore
import BattleSuite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 connection over a blocking POSIX socket, with send and
/// receive timeouts. The verifier runs on its own thread, so blocking is
/// fine, and raw sockets let it send pipelined bytes exactly as it wants.
final class BlockingHTTPConnection {
    enum Failure: Error, CustomStringConvertible {
        case connect(String)
        case io(String)
        case timeout(Double)
        /// The server closed the connection before a complete response.
        case closed(partialBytes: Int)
        case malformed(String)

        var description: String {
            switch self {
            case .connect(let s): "cannot connect: \(s)"
            case .io(let s): s
            case .timeout(let t): "no complete response within \(t) s"
            case .closed(let n):
                n == 0
                    ? "the server closed the connection without answering"
                    : "the server closed the connection after \(n) bytes of a response"
            case .malformed(let s): s
            }
        }
    }

    private var fd: Int32
    private var buffer: [UInt8] = []
    private let timeout: Double
    let hostHeader: String
    /// The peer has closed its side.
    private(set) var peerClosed = false

    init(host: String, port: Int, timeout: Double) throws(Failure) {
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
            lastError = "\(host):\(port): \(String(cString: strerror(errno)))"
            close(s)
        }
        throw .connect(lastError)
    }

    deinit { close(fd) }

    private static func setTimeouts(_ s: Int32, seconds: Double) {
        var tv = timeval()
        tv.tv_sec = .init(seconds)
        tv.tv_usec = .init((seconds - seconds.rounded(.down)) * 1_000_000)
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ bytes: [UInt8]) throws(Failure) {
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

    /// Reads until one complete response is buffered and returns it; bytes of
    /// later (pipelined) responses stay buffered for the next call.
    func readResponse(headRequest: Bool = false) throws(Failure) -> HTTPResponseRecord {
        let deadline = MonotonicClock.seconds + timeout
        while true {
            do {
                if let (response, consumed) = try VerifierResponseParser.parse(
                    buffer[...], eof: peerClosed, headRequest: headRequest)
                {
                    buffer.removeFirst(consumed)
                    return response
                }
            } catch {
                throw .malformed(error.description)
            }
            if peerClosed { throw .closed(partialBytes: buffer.count) }
            guard MonotonicClock.seconds < deadline else { throw .timeout(timeout) }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer += chunk[0..<n]
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
    }

    /// Whether unread bytes are buffered (a server sending more than asked).
    var hasBufferedBytes: Bool { !buffer.isEmpty }
}
