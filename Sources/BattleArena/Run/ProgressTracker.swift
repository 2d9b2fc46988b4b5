import BattleCore
import Foundation

/// Progress lines on stderr: elapsed time, an estimate of what is left, and
/// what is happening. The estimate is the plan's (`PlanEstimate`) minus what
/// was done, and drops a contender's share when it stops early.
public final class ProgressTracker: Sendable {
    private struct State {
        var pending: [String: Double] = [:]
    }

    private let state = LockedBox(State())
    private let start = MonotonicClock.seconds
    private let sink: @Sendable (String) -> Void

    public init(sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

    /// Writes to standard error, unbuffered. A failed write (a closed pipe, a
    /// full disk behind `2>FILE`) loses that line only: nowhere is left to say it.
    public static func standardError() -> ProgressTracker {
        ProgressTracker { line in StandardStream.error.write(line + "\n") }
    }

    public func plan(_ name: String, seconds: Double) { state.withLock { $0.pending[name] = seconds } }
    public func done(_ name: String, seconds: Double) {
        state.withLock { $0.pending[name] = max(0, ($0.pending[name] ?? 0) - seconds) }
    }
    public func drop(_ name: String) { state.withLock { $0.pending[name] = 0 } }

    public var remaining: Double { state.withLock { $0.pending.values.reduce(0, +) } }
    public var elapsed: Double { MonotonicClock.seconds - start }

    /// `battle: [1m05s, ~2m10s left] message`
    public func say(_ message: String) {
        let left = remaining
        let prefix =
            left > 0.5
            ? "[\(Format.duration(elapsed)), ~\(Format.duration(left)) left]" : "[\(Format.duration(elapsed))]"
        sink("battle: \(prefix) \(message)")
    }

    /// A line without the time prefix (the start banner, the end).
    public func plain(_ message: String) { sink(message) }
}
