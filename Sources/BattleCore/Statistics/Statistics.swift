/// Small, exact statistics over samples of trials.
public enum Statistics {
    /// The median; the mean of the two middle values for an even count; 0 for none.
    public static func median(_ values: [Double]) -> Double {
        quantile(values, 0.5)
    }

    /// Linear-interpolated quantile (type 7, as R and numpy default), q in 0...1.
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let pos = Swift.min(Swift.max(q, 0), 1) * Double(s.count - 1)
        let lo = Int(pos.rounded(.down))
        let hi = Swift.min(lo + 1, s.count - 1)
        return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
    }

    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation (n - 1); 0 for fewer than two values.
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        let ss = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (ss / Double(values.count - 1)).squareRoot()
    }

    /// Median absolute deviation from the median (unscaled).
    public static func medianAbsoluteDeviation(_ values: [Double]) -> Double {
        let m = median(values)
        return median(values.map { abs($0 - m) })
    }

    /// Modified z-scores (Iglewicz and Hoaglin): 0.6745 (x - median) / MAD.
    /// Values above 3.5 are outliers; hyperfine warns on them, battle too, and drops none.
    public static func modifiedZScores(_ values: [Double]) -> [Double] {
        let m = median(values)
        let mad = medianAbsoluteDeviation(values)
        guard mad > 0 else { return values.map { _ in 0 } }
        return values.map { 0.6745 * ($0 - m) / mad }
    }
}
