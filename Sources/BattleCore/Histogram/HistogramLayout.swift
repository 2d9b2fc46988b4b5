/// Where HdrHistogram keeps a value: the counts-array index of every value,
/// for a histogram's lowest discernible value, highest trackable value and
/// significant digits. The same arithmetic as every HdrHistogram
/// implementation (Java, C, Rust, Python, hdrhistogram-swift), so an index
/// means the same bucket everywhere and encoded counts can be exchanged.
///
/// Bucket 0 holds `subBucketCount` values at unit resolution; every later
/// bucket holds the upper half of its range (`subBucketHalfCount` entries)
/// at twice the previous bucket's unit.
public struct HistogramLayout: Sendable, Equatable {
    public let lowestDiscernibleValue: UInt64
    public let highestTrackableValue: UInt64
    public let significantDigits: Int

    /// log2 of the unit: the largest k with 2^k <= lowestDiscernibleValue.
    let unitMagnitude: Int
    let subBucketHalfCountMagnitude: Int
    let subBucketHalfCount: Int
    let subBucketMask: UInt64
    let leadingZeroCountBase: Int
    /// Length of the counts array.
    public let countsLength: Int

    /// Nil when the parameters describe no HdrHistogram (digits outside 0...5,
    /// a lowest value of 0, a highest value below twice the lowest).
    public init?(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int) {
        guard (0...5).contains(significantDigits), lowestDiscernibleValue >= 1,
            lowestDiscernibleValue <= UInt64.max / 2, highestTrackableValue >= 2 * lowestDiscernibleValue
        else { return nil }
        self.lowestDiscernibleValue = lowestDiscernibleValue
        self.highestTrackableValue = highestTrackableValue
        self.significantDigits = significantDigits

        var power = 1
        for _ in 0..<significantDigits { power *= 10 }
        let largestValueWithSingleUnitResolution = 2 * power
        // The smallest power of two at or above it.
        var subBucketCountMagnitude = 0
        while (1 << subBucketCountMagnitude) < largestValueWithSingleUnitResolution { subBucketCountMagnitude += 1 }
        unitMagnitude = 63 - lowestDiscernibleValue.leadingZeroBitCount
        subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
        guard unitMagnitude + subBucketHalfCountMagnitude <= 61 else { return nil }
        let subBucketCount = 1 << (subBucketHalfCountMagnitude + 1)
        subBucketHalfCount = subBucketCount / 2
        subBucketMask = UInt64(subBucketCount - 1) << UInt64(unitMagnitude)
        leadingZeroCountBase = 64 - unitMagnitude - (subBucketHalfCountMagnitude + 1)

        // Buckets needed to reach the highest trackable value.
        var smallestUntrackable = UInt64(subBucketCount) << UInt64(unitMagnitude)
        var buckets = 1
        while smallestUntrackable <= highestTrackableValue {
            if smallestUntrackable > UInt64(Int64.max / 2) {
                buckets += 1
                break
            }
            smallestUntrackable <<= 1
            buckets += 1
        }
        countsLength = (buckets + 1) * subBucketHalfCount
    }

    /// The counts-array index of `value` (may be past `countsLength` for a
    /// value above the trackable range).
    public func index(of value: UInt64) -> Int {
        let bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket + unitMagnitude))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
    }

    /// The lowest value counted at `index`.
    public func value(at index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket + unitMagnitude)
    }

    /// The highest value counted at `index` (the next index's lowest, less one:
    /// the buckets' ranges are contiguous).
    public func highestValue(at index: Int) -> UInt64 {
        value(at: index + 1) - 1
    }
}
