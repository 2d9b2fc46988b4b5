import Glibc
import NIOCore

/// Non-blocking TCP client sockets as plain descriptors: the few system
/// calls the load engine makes. Results carry errno rather than throwing,
/// because on the hot path a failure is an outcome to count, not an exception.
enum TCPSocket {
    enum ConnectStart {
        case connected(Int32)
        /// The handshake is under way: the descriptor becomes writable when it ends.
        case inProgress(Int32)
        case failed(errno: Int32)
    }

    /// Opens a non-blocking socket with TCP_NODELAY and starts connecting it.
    static func connect(to address: SocketAddress) -> ConnectStart {
        let family: Int32 =
            switch address {
            case .v6: AF_INET6
            default: AF_INET
            }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failed(errno: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let rc = address.withSockAddr { sa, length in Glibc.connect(fd, sa, socklen_t(length)) }
        if rc == 0 { return .connected(fd) }
        let code = errno
        if code == EINPROGRESS || code == EINTR { return .inProgress(fd) }
        Glibc.close(fd)
        return .failed(errno: code)
    }

    /// The outcome of a connect that was in progress: 0 or an errno.
    static func connectError(_ fd: Int32) -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { return errno }
        return code
    }

    /// Reads into `buffer`'s writable space. Bytes read, 0 at end of stream,
    /// or -errno.
    @inline(__always)
    static func read(_ fd: Int32, into buffer: inout ByteBuffer) -> Int {
        let n = buffer.withUnsafeMutableWritableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n > 0 { buffer.moveWriterIndex(forwardBy: n) }
        return n >= 0 ? n : -Int(errno)
    }

    /// Sends `buffer`'s readable bytes without SIGPIPE. Bytes sent or -errno.
    @inline(__always)
    static func send(_ fd: Int32, _ buffer: ByteBuffer) -> Int {
        let n = buffer.withUnsafeReadableBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return n >= 0 ? n : -Int(errno)
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Connects with a deadline, blocking the caller (not for the hot path):
    /// nil when connected, else the errno (ETIMEDOUT after `timeoutNanos`).
    static func probe(_ address: SocketAddress, timeoutNanos: UInt64) -> Int32? {
        let fd: Int32
        switch connect(to: address) {
        case .connected(let s):
            close(s)
            return nil
        case .failed(let code):
            return code
        case .inProgress(let s):
            fd = s
        }
        defer { close(fd) }
        var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let millis = Int32(min(timeoutNanos / 1_000_000, UInt64(Int32.max)))
        let ready = poll(&p, 1, millis)
        guard ready > 0 else { return ready == 0 ? ETIMEDOUT : errno }
        let code = connectError(fd)
        return code == 0 ? nil : code
    }
}
