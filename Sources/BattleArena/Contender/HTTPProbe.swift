import BattleCore
import Foundation

/// One HTTP/1.1 GET on a fresh connection, for readiness and liveness checks
/// (not for load: that is `battle load`). Blocking, with a hard timeout.
public enum HTTPProbe {
    public enum Outcome: Sendable, Equatable {
        case status(Int)
        /// Nothing listening (connection refused).
        case refused
        /// Connected (or tried to) but no complete status line within the timeout.
        case timedOut
        case failed(String)
    }

    public static func get(host: String = "127.0.0.1", port: Int, path: String, timeout: Double) -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failed("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { return .failed("\(host) is not an IPv4 address") }
        let deadline = MonotonicClock.seconds + timeout

        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 {
            if errno == ECONNREFUSED { return .refused }
            guard errno == EINPROGRESS else { return .failed("connect: \(String(cString: strerror(errno)))") }
            guard wait(fd, events: Int16(POLLOUT), until: deadline) else { return .timedOut }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
            if err == ECONNREFUSED { return .refused }
            if err != 0 { return .failed("connect: \(String(cString: strerror(err)))") }
        }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: battle\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            guard wait(fd, events: Int16(POLLOUT), until: deadline) else { return .timedOut }
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return .failed("send: \(String(cString: strerror(errno)))")
            }
            sent += n
        }
        var received: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1024)
        while !received.contains(0x0A) && received.count < 8192 {
            guard wait(fd, events: Int16(POLLIN), until: deadline) else { return .timedOut }
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return .failed("recv: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            received += buf[0..<n]
        }
        return parseStatus(received)
    }

    /// The status code of an HTTP/1.x status line.
    static func parseStatus(_ bytes: [UInt8]) -> Outcome {
        let line = String(decoding: bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else {
            return bytes.isEmpty ? .failed("the connection closed without a response") : .failed("not an HTTP response: \(line.prefix(60))")
        }
        return .status(code)
    }

    private static func wait(_ fd: Int32, events: Int16, until deadline: Double) -> Bool {
        while true {
            let left = deadline - MonotonicClock.seconds
            if left <= 0 { return false }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let r = poll(&p, 1, Int32(max(1, min(left * 1000, 1000))))
            if r > 0 { return true }
            if r < 0 && errno != EINTR { return false }
        }
    }
}
