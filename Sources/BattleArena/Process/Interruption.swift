import BattleCore
import Foundation

/// Set when battle is asked to stop (SIGINT, SIGTERM). Every wait in the
/// arena polls it, so a run stops within a few tens of milliseconds, then
/// cleans up through its normal scopes (children stopped, database deleted).
public final class Interruption: Sendable {
    private let signal = LockedBox<Int32?>(nil)

    public init() {}

    public func trigger(signal number: Int32) {
        signal.withLock { if $0 == nil { $0 = number } }
    }

    public var signalNumber: Int32? { signal.current }
    public var isTriggered: Bool { signal.current != nil }

    /// Throws `Interrupted` once triggered.
    public func check() throws(Interrupted) {
        if let s = signal.current { throw Interrupted(signal: s) }
    }

    /// Sleeps `seconds` in short slices, throwing as soon as an interrupt arrives.
    public func sleep(_ seconds: Double) async throws(Interrupted) {
        let end = MonotonicClock.seconds + seconds
        while true {
            try check()
            let left = end - MonotonicClock.seconds
            if left <= 0 { return }
            try? await Task.sleep(nanoseconds: UInt64(min(left, 0.02) * 1e9))
        }
    }
}

public struct Interrupted: Error, CustomStringConvertible {
    public let signal: Int32
    public var description: String { signal == SIGTERM ? "stopped by SIGTERM" : "interrupted (Ctrl-C)" }
}
