import BattleCore
import Histogram

/// One latency histogram (battle's layout: 1 µs to 100 s, 3 digits) plus
/// the exact sum and sum of squares of what it holds, so the summary's mean
/// and standard deviation need no pass over the buckets.
public struct LatencyRecorder: Sendable {
    public private(set) var histogram = LatencyHistogram.make()
    private var sum = 0.0
    private var sumOfSquares = 0.0

    public init() {}

    @inline(__always)
    public mutating func record(_ micros: UInt64) {
        histogram.record(micros)
        let v = Double(micros)
        sum += v
        sumOfSquares += v * v
    }

    public mutating func add(_ other: LatencyRecorder) {
        histogram.add(other.histogram)
        sum += other.sum
        sumOfSquares += other.sumOfSquares
    }

    public var count: UInt64 { histogram.totalCount }

    public var summary: LatencySummary {
        let n = Double(histogram.totalCount)
        guard n > 0 else { return .empty }
        let mean = sum / n
        let variance = max(0, sumOfSquares / n - mean * mean)
        return LatencyHistogram.summary(histogram, meanMicros: mean, stdevMicros: variance.squareRoot())
    }
}
