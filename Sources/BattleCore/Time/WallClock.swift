#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CLOCK_REALTIME in seconds since the epoch, to the nanosecond the kernel
/// keeps: the clock hosts share (through NTP), so the one the coordinator
/// and its agents compare (`ClockOffset`) and T0 is given on.
public enum WallClock {
    public static var seconds: Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
