#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CLOCK_MONOTONIC, battle's one clock for durations and deadlines: one vDSO
/// call, no allocation. The load engine's hot path reads `nanoseconds()` once
/// per socket read and once per send batch (inlinable, so it stays a direct
/// call across modules); the arena and the verifier time children, levels and
/// waits in `seconds`.
public enum MonotonicClock {
    @inlinable @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// The same clock in seconds.
    @inlinable
    public static var seconds: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
