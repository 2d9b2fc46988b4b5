#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The open-file limit, which caps how many connections one process can hold.
public enum FileLimits {
    /// Raises the soft RLIMIT_NOFILE to the hard limit and returns the soft
    /// limit now in force.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var lim = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &lim) == 0 else { return 1024 }
        if lim.rlim_cur < lim.rlim_max {
            var raised = lim
            raised.rlim_cur = lim.rlim_max
            if setrlimit(resource, &raised) == 0 { lim = raised }
        }
        return lim.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(lim.rlim_cur)
    }

    /// Local ports available for outgoing connections to one server address
    /// (`net.ipv4.ip_local_port_range`), or nil where it cannot be read.
    public static func ephemeralPortCount() -> Int? {
        #if os(Linux)
        guard let f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r") else { return nil }
        defer { fclose(f) }
        var low: Int32 = 0
        var high: Int32 = 0
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, 64, f) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int32($0) }
        guard parts.count == 2 else { return nil }
        low = parts[0]
        high = parts[1]
        return Int(high - low + 1)
        #else
        return nil
        #endif
    }
}
