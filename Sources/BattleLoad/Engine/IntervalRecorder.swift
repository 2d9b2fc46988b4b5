import BattleCore
import Histogram

/// One event loop's counts for one interval of the measured window.
struct IntervalCounts: Sendable {
    /// 0 for the interval that opens the window.
    var index: Int
    /// MonotonicClock nanoseconds; `end` is earlier than a full interval for the last one.
    var start: UInt64
    var end: UInt64
    /// Nil when nothing was recorded.
    var latency: Histogram<UInt64>?
    var uncorrected: Histogram<UInt64>?
    var requests: Int
    var errors: Int
}

/// The interval being recorded by one event loop, and those it closed and
/// has not handed over yet. Intervals are `[windowStart + k * length,
/// windowStart + (k + 1) * length)` on every loop, so loops' intervals of
/// the same index can be merged. A response counts in the interval it
/// arrives in; an interval closes when the first response after its end
/// arrives, or when the loop's timer for its end fires, whichever is first.
struct IntervalRecorder: Sendable {
    let length: UInt64
    private(set) var index = 0
    private(set) var start: UInt64
    /// End of the open interval: the hot path compares against it.
    private(set) var end: UInt64
    private var latency = LatencyHistogram.make()
    private var uncorrected: Histogram<UInt64>?
    private var requests = 0
    private var errors = 0
    private var closed: [IntervalCounts] = []

    init(length: UInt64, windowStart: UInt64, openLoop: Bool) {
        self.length = max(1, length)
        start = windowStart
        end = windowStart &+ self.length
        uncorrected = openLoop ? LatencyHistogram.make() : nil
    }

    @inline(__always)
    mutating func record(_ micros: UInt64, uncorrected u: UInt64, now: UInt64) {
        if now >= end { roll(upTo: now) }
        latency.record(micros)
        if uncorrected != nil { uncorrected!.record(u) }
        requests &+= 1
    }

    @inline(__always)
    mutating func failed() {
        errors &+= 1
    }

    /// Closes every interval that ended at or before `now`.
    @inline(never)
    mutating func roll(upTo now: UInt64) {
        while now >= end {
            close(at: end)
            start = end
            end &+= length
            index += 1
        }
    }

    /// Closes the intervals up to `windowEnd` and the partial one it cuts.
    mutating func finish(at windowEnd: UInt64) {
        roll(upTo: windowEnd)
        if windowEnd > start { close(at: windowEnd) }
        start = .max
        end = .max
    }

    /// The closed intervals, oldest first; they are forgotten here.
    mutating func take() -> [IntervalCounts] {
        defer { closed.removeAll(keepingCapacity: true) }
        return closed
    }

    private mutating func close(at intervalEnd: UInt64) {
        let empty = latency.totalCount == 0
        closed.append(
            IntervalCounts(
                index: index, start: start, end: intervalEnd, latency: empty ? nil : latency,
                uncorrected: empty ? nil : uncorrected, requests: requests, errors: errors))
        // A new histogram only when the old one was handed over (an empty one is reused).
        if !empty {
            latency = LatencyHistogram.make()
            if uncorrected != nil { uncorrected = LatencyHistogram.make() }
        }
        requests = 0
        errors = 0
    }
}
