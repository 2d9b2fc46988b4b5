import BattleTestSupport
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
        let (s, port) = try LoopbackSocket.bind(listening: 8)
        fd = s
        self.port = port
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
