import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP server that answers each connection with fixed bytes: it
/// reads until the request head ends, writes `reply`, then closes (or, with
/// `silent`, keeps the connection open and says nothing). Serves at most
/// `connections` connections, on its own thread; stops when released.
final class CannedServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32

    init(reply: [UInt8], silent: Bool = false, connections: Int = 1) throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                bind(s, p, len) == 0 && listen(s, 8) == 0 && getsockname(s, p, &len) == 0
            }
        }
        guard s >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        fd = s
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [fd] in
            for _ in 0..<connections {
                let c = accept(fd, nil, nil)
                guard c >= 0 else { return }
                var seen: [UInt8] = []
                var buf = [UInt8](repeating: 0, count: 4096)
                while !seen.suffix(4).elementsEqual([13, 10, 13, 10]) {
                    let n = buf.withUnsafeMutableBytes { recv(c, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { break }
                    seen += buf[0..<n]
                }
                if silent {
                    // Hold the connection until the client gives up.
                    while buf.withUnsafeMutableBytes({ recv(c, $0.baseAddress, $0.count, 0) }) > 0 {}
                } else {
                    _ = reply.withUnsafeBytes { send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                }
                close(c)
            }
        }
        thread.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}
