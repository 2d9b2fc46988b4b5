/// The open-loop schedule of one event loop: planned send times at a fixed
/// rate, as wrk2's `-R`.
///
/// The run's schedule is `start + k / rate` for k = 0, 1, 2, ...; with T
/// event loops, loop i owns every T-th slot starting at i, so the loops
/// interleave into one even schedule. Times are in nanoseconds of
/// `MonotonicClock`. Pure: the event loop asks it what is due.
public struct Pacer: Sendable, Equatable {
    /// Planned time of this loop's first request.
    public let start: UInt64
    /// Nanoseconds between this loop's planned requests.
    public let interval: Double
    /// Requests this loop plans in all, or nil for no limit.
    public let limit: Int?
    /// Planned requests handed out so far.
    public private(set) var issued = 0

    public init(rate: Double, loopIndex: Int = 0, loopCount: Int = 1, start: UInt64, limit: Int? = nil) {
        precondition(rate > 0 && loopCount > 0 && (0..<loopCount).contains(loopIndex))
        let perRequest = 1e9 / rate
        self.start = start + UInt64(Double(loopIndex) * perRequest)
        self.interval = perRequest * Double(loopCount)
        self.limit = limit
    }

    /// Planned time of this loop's k-th request.
    @inline(__always)
    public func planned(_ k: Int) -> UInt64 {
        start &+ UInt64(Double(k) * interval)
    }

    /// True when every planned request has been handed out.
    public var isFinished: Bool { limit.map { issued >= $0 } ?? false }

    /// When the next request is planned, nil when finished.
    public var nextPlanned: UInt64? { isFinished ? nil : planned(issued) }

    /// A planned request is due at `now` and not yet handed out.
    @inline(__always)
    public func isDue(_ now: UInt64) -> Bool {
        !isFinished && planned(issued) <= now
    }

    /// Requests due at `now` and not yet handed out (the backlog when no connection is free).
    public func dueCount(_ now: UInt64) -> Int {
        let end = firstIndex(after: now)
        return max(0, end - issued)
    }

    /// Hands out the next planned request; returns its planned time.
    @inline(__always)
    public mutating func take() -> UInt64 {
        let t = planned(issued)
        issued += 1
        return t
    }

    /// How many requests this loop plans in `[from, to)`.
    public func count(plannedFrom from: UInt64, to: UInt64) -> Int {
        guard to > from else { return 0 }
        return firstIndex(atOrAfter: to) - firstIndex(atOrAfter: from)
    }

    /// Smallest k with planned(k) >= t (capped at the limit).
    func firstIndex(atOrAfter t: UInt64) -> Int {
        var k = t <= start ? 0 : Int((Double(t - start) / interval).rounded(.up))
        while k > 0 && planned(k - 1) >= t { k -= 1 }
        while planned(k) < t { k += 1 }
        return limit.map { min(k, $0) } ?? k
    }

    /// Smallest k with planned(k) > t: the count of requests planned at or before t.
    func firstIndex(after t: UInt64) -> Int {
        t == .max ? (limit ?? .max) : firstIndex(atOrAfter: t + 1)
    }
}
