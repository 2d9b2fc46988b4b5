#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process's CPU time and peak RSS (getrusage), for `LoadSummary.client`.
public struct ResourceUsage: Sendable, Equatable {
    public var userSeconds: Double
    public var systemSeconds: Double
    /// Peak resident set size of the process so far, in bytes.
    public var peakRSSBytes: Int

    public init(userSeconds: Double, systemSeconds: Double, peakRSSBytes: Int) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.peakRSSBytes = peakRSSBytes
    }

    public static func now() -> ResourceUsage {
        var u = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        let rssScale = 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &u)
        let rssScale = 1  // bytes on macOS
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return ResourceUsage(
            userSeconds: seconds(u.ru_utime), systemSeconds: seconds(u.ru_stime), peakRSSBytes: Int(u.ru_maxrss) * rssScale)
    }

    /// CPU used between `start` and `self`, with the peak RSS at `self`.
    public func since(_ start: ResourceUsage) -> ResourceUsage {
        ResourceUsage(
            userSeconds: userSeconds - start.userSeconds, systemSeconds: systemSeconds - start.systemSeconds,
            peakRSSBytes: peakRSSBytes)
    }
}
