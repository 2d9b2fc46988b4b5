import BattleCore
import Foundation
import Histogram
import NIOConcurrencyHelpers

/// One interval of the measured window, all event loops merged: what
/// `--hdr-log` writes a line for and `--json`'s `intervals` summarises.
public struct ClosedInterval: Sendable {
    /// 0 for the interval that opens the window.
    public var index: Int
    /// Seconds from the start of the window.
    public var startSeconds: Double
    /// Length; the last interval is cut short by the end of the window.
    public var seconds: Double
    /// Latency (corrected in open loop), microseconds.
    public var latency: Histogram<UInt64>
    /// Open loop: from the actual send.
    public var uncorrected: Histogram<UInt64>?
    public var requests: Int
    public var errors: Int
    /// Wall-clock start of the measured window (the log's StartTime).
    public var windowStartedAt: Date
}

/// Merges the loops' intervals by index and hands them out in order, each
/// once every loop still running has closed it. Holds only the intervals
/// some loop has not closed yet: a few, since loops share one clock.
struct IntervalCollector: Sendable {
    let loops: Int
    let openLoop: Bool
    /// MonotonicClock nanoseconds; intervals' start times are given from it.
    var windowStart: UInt64 = 0
    var windowStartedAt = Date(timeIntervalSince1970: 0)
    private var pending: [Int: IntervalCounts] = [:]
    /// Per loop: the highest index it closed (-1: none yet), and whether it is done.
    private var closedUpTo: [Int]
    private var done: [Bool]
    private var next = 0

    init(loops: Int, openLoop: Bool) {
        self.loops = loops
        self.openLoop = openLoop
        closedUpTo = Array(repeating: -1, count: loops)
        done = Array(repeating: false, count: loops)
    }

    /// Loop `loop` closed `counts` (in order); `finished` when it records no more.
    mutating func receive(loop: Int, _ counts: [IntervalCounts], finished: Bool) {
        for f in counts {
            closedUpTo[loop] = max(closedUpTo[loop], f.index)
            guard var merged = pending[f.index] else {
                pending[f.index] = f
                continue
            }
            merged.end = max(merged.end, f.end)
            merged.requests += f.requests
            merged.errors += f.errors
            if let l = f.latency {
                if merged.latency == nil { merged.latency = l } else { merged.latency!.add(l) }
            }
            if let u = f.uncorrected {
                if merged.uncorrected == nil { merged.uncorrected = u } else { merged.uncorrected!.add(u) }
            }
            pending[f.index] = merged
        }
        if finished { done[loop] = true }
    }

    /// The intervals every running loop has closed, oldest first; handed out once.
    mutating func ready() -> [ClosedInterval] {
        var out: [ClosedInterval] = []
        while let f = pending[next], (0..<loops).allSatisfy({ done[$0] || closedUpTo[$0] >= next }) {
            out.append(emit(f))
        }
        return out
    }

    /// Everything left, oldest first: the run is over.
    mutating func drain() -> [ClosedInterval] {
        var out: [ClosedInterval] = []
        for index in pending.keys.sorted() where index >= next {
            next = index
            out.append(emit(pending[index]!))
        }
        return out
    }

    private mutating func emit(_ f: IntervalCounts) -> ClosedInterval {
        pending[f.index] = nil
        next = f.index + 1
        let empty = f.latency == nil
        return ClosedInterval(
            index: f.index, startSeconds: Double(f.start &- windowStart) / 1e9, seconds: Double(f.end &- f.start) / 1e9,
            latency: f.latency ?? LatencyHistogram.make(),
            uncorrected: openLoop ? (empty ? LatencyHistogram.make() : f.uncorrected) : nil,
            requests: f.requests, errors: f.errors, windowStartedAt: windowStartedAt)
    }
}

/// Where event loops hand in the intervals they close (once per interval
/// per loop, never per request) and the engine picks up the finished ones.
final class IntervalMailbox: Sendable {
    private let collector: NIOLockedValueBox<IntervalCollector>

    init(_ collector: IntervalCollector) {
        self.collector = NIOLockedValueBox(collector)
    }

    func open(windowStart: UInt64, startedAt: Date) {
        collector.withLockedValue {
            $0.windowStart = windowStart
            $0.windowStartedAt = startedAt
        }
    }

    func deliver(loop: Int, _ counts: [IntervalCounts], finished: Bool) {
        collector.withLockedValue { $0.receive(loop: loop, counts, finished: finished) }
    }

    func ready() -> [ClosedInterval] {
        collector.withLockedValue { $0.ready() }
    }

    func drain() -> [ClosedInterval] {
        collector.withLockedValue { $0.drain() }
    }
}
