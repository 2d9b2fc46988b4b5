import Histogram

/// Latency statistics of one histogram, in microseconds.
///
/// `percentiles` holds the values at `LatencySummary.standardPercentiles`, so
/// reports can draw a percentile spectrum and compare runs point by point.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var count: Int
    public var minMicros: Double
    public var meanMicros: Double
    public var stdevMicros: Double
    public var maxMicros: Double
    public var percentiles: [PercentileValue]

    public init(
        count: Int, minMicros: Double, meanMicros: Double, stdevMicros: Double, maxMicros: Double,
        percentiles: [PercentileValue]
    ) {
        self.count = count
        self.minMicros = minMicros
        self.meanMicros = meanMicros
        self.stdevMicros = stdevMicros
        self.maxMicros = maxMicros
        self.percentiles = percentiles
    }

    /// The percentiles every summary records: wrk's table plus the points a
    /// percentile-spectrum chart needs for its log-scaled axis.
    public static let standardPercentiles: [Double] = [
        0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100,
    ]

    /// The percentiles a text summary shows.
    public static let tablePercentiles: [Double] = [50, 75, 90, 99, 99.9, 99.99, 100]

    public static let empty = LatencySummary(
        count: 0, minMicros: 0, meanMicros: 0, stdevMicros: 0, maxMicros: 0, percentiles: [])

    /// The value at percentile `p` (0...100) if recorded, in microseconds.
    public func micros(at p: Double) -> Double? {
        percentiles.first(where: { abs($0.percentile - p) < 1e-9 })?.micros
    }

    public var p50: Double? { micros(at: 50) }
    public var p99: Double? { micros(at: 99) }
    public var p999: Double? { micros(at: 99.9) }
}

public struct PercentileValue: Codable, Sendable, Equatable {
    public var percentile: Double
    public var micros: Double

    public init(percentile: Double, micros: Double) {
        self.percentile = percentile
        self.micros = micros
    }
}

/// The one histogram layout battle uses for latency: 1 µs to 100 s, 3 significant digits.
/// Per-loop histograms of this layout can be merged with `add`.
public enum LatencyHistogram {
    public static let highestTrackableMicros: UInt64 = 100_000_000

    public static func make() -> Histogram<UInt64> {
        Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableMicros,
            numberOfSignificantValueDigits: .three)
    }

    /// Values above the trackable range are clamped to it, so a stuck request never traps.
    @inlinable
    public static func clamp(_ micros: UInt64) -> UInt64 {
        micros == 0 ? 1 : min(micros, highestTrackableMicros)
    }

    public static func summary(_ h: Histogram<UInt64>) -> LatencySummary {
        guard h.totalCount > 0 else { return .empty }
        return summary(h, meanMicros: h.mean, stdevMicros: h.stdDeviation)
    }

    /// As `summary(_:)`, with the mean and standard deviation given by the
    /// caller (the load engine keeps them exactly while recording), which
    /// skips two slow passes over every bucket.
    public static func summary(_ h: Histogram<UInt64>, meanMicros: Double, stdevMicros: Double) -> LatencySummary {
        guard h.totalCount > 0 else { return .empty }
        let points = LatencySummary.standardPercentiles.map {
            PercentileValue(percentile: $0, micros: Double(h.valueAtPercentile($0)))
        }
        return LatencySummary(
            count: Int(h.totalCount), minMicros: Double(h.min), meanMicros: meanMicros,
            stdevMicros: stdevMicros, maxMicros: Double(h.max), percentiles: points)
    }
}
