#if canImport(Glibc)
    import Glibc
#endif

/// TCP sockets on a free 127.0.0.1 port, for tests that play a server (or
/// need a port nothing answers on). The one copy the test targets share.
public enum LoopbackSocket {
    public struct Failure: Error, CustomStringConvertible {
        public let step: String
        public let code: Int32
        public var description: String { "\(step) on 127.0.0.1 failed: \(String(cString: strerror(code)))" }
    }

    /// A socket bound to a free loopback port, listening when `backlog` is
    /// given, and the port. The caller closes the socket.
    public static func bind(listening backlog: Int32? = nil) throws(Failure) -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(step: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let failed: String? = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                if Glibc.bind(fd, p, len) != 0 { return "bind" }
                if let backlog, listen(fd, backlog) != 0 { return "listen" }
                if getsockname(fd, p, &len) != 0 { return "getsockname" }
                return nil
            }
        }
        if let failed {
            let code = errno
            close(fd)
            throw Failure(step: failed, code: code)
        }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    /// A port nothing listens on (bound, then released).
    public static func unusedPort() throws(Failure) -> Int {
        let (fd, port) = try bind()
        close(fd)
        return port
    }
}
