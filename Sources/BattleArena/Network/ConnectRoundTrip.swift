import BattleCore
import Foundation

/// Round trips between two hosts, as TCP connects take them: a connect
/// completes after one SYN / SYN-ACK exchange, so its time is one network
/// round trip plus the kernels' work. `battle hosts rtt` runs it on a client
/// host against the server host (IPv4 addresses).
public enum ConnectRoundTrip {
    /// Microseconds of each of `count` connects to `address:port`; a connect
    /// that fails or takes over a second is left out.
    public static func measure(address: String, port: Int, count: Int) -> [Double] {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else { return [] }
        var out: [Double] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { continue }
            var timeout = timeval(tv_sec: 1, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let start = MonotonicClock.seconds
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            let took = MonotonicClock.seconds - start
            close(fd)
            if ok == 0 { out.append(took * 1e6) }
            usleep(2_000)
        }
        return out
    }
}

/// The round trips from one load agent's host to the server's host
/// (`battle hosts rtt`), as results.json's environment keeps them.
extension HostRoundTrip {
    /// The summary of `samples` (microseconds), or nil for none.
    public static func summary(from: String, to: String, samples: [Double]) -> HostRoundTrip? {
        guard let min = samples.min(), let max = samples.max() else { return nil }
        return HostRoundTrip(
            from: from, to: to, count: samples.count, minMicros: min, medianMicros: Statistics.median(samples),
            maxMicros: max)
    }
}
