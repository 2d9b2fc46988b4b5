#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// This process's CPU time and peak RSS as getrusage(RUSAGE_SELF) reports them, for
/// `LoadSummary.client`. (Not BattleCore's `ResourceUsage`, a server's process tree sampled over a trial.)
public struct ProcessRUsage: Sendable, Equatable {
    public var userSeconds: Double
    public var systemSeconds: Double
    /// Peak resident set size of the process so far, in bytes.
    public var peakRSSBytes: Int

    public init(userSeconds: Double, systemSeconds: Double, peakRSSBytes: Int) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.peakRSSBytes = peakRSSBytes
    }

    public static func now() -> ProcessRUsage {
        var u = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
            let rssScale = 1024  // kilobytes on Linux
        #else
            getrusage(RUSAGE_SELF, &u)
            let rssScale = 1  // bytes on macOS
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return ProcessRUsage(
            userSeconds: seconds(u.ru_utime), systemSeconds: seconds(u.ru_stime),
            peakRSSBytes: Int(u.ru_maxrss) * rssScale)
    }

    /// CPU used between `start` and `self`, with the peak RSS at `self`.
    public func since(_ start: ProcessRUsage) -> ProcessRUsage {
        ProcessRUsage(
            userSeconds: userSeconds - start.userSeconds, systemSeconds: systemSeconds - start.systemSeconds,
            peakRSSBytes: peakRSSBytes)
    }
}
