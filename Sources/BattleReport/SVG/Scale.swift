import BattleCore
import Foundation

/// Maps data values to a 0...1 fraction of an axis.
enum Scale {
    case linear(Double, Double)
    /// Logarithmic between two positive bounds (the base does not matter).
    case log(Double, Double)
    /// Percentiles (0..<100) on HdrHistogram's axis: x = log10(1 / (1 - p)),
    /// so 90%, 99%, 99.9% are evenly spaced. `nines` is the axis's end
    /// (5 = 99.999%).
    case percentile(nines: Double)

    func fraction(_ v: Double) -> Double {
        switch self {
        case .linear(let lo, let hi):
            return hi == lo ? 0.5 : (v - lo) / (hi - lo)
        case .log(let lo, let hi):
            guard lo > 0, hi > lo else { return 0.5 }
            return (Foundation.log(Swift.max(v, lo)) - Foundation.log(lo)) / (Foundation.log(hi) - Foundation.log(lo))
        case .percentile(let nines):
            return Scale.nines(v) / nines
        }
    }

    /// log10(1 / (1 - p/100)): 1 for 90%, 2 for 99%, 3 for 99.9%.
    static func nines(_ percentile: Double) -> Double {
        let q = Swift.min(percentile, 99.9999) / 100
        return -log10(1 - q)
    }
}

/// A value on an axis and the text under it.
struct Tick {
    var value: Double
    var label: String
}

enum Ticks {
    /// About `count` round ticks from 0 (or `lo`) to at least `hi`: steps of 1, 2 or 5 × 10^n.
    static func linear(
        _ lo: Double, _ hi: Double, count: Int = 5, label: (Double) -> String
    ) -> (ticks: [Tick], top: Double) {
        let span = hi - lo
        guard span > 0, span.isFinite else { return ([Tick(value: lo, label: label(lo))], lo + 1) }
        let rough = span / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        var ticks: [Tick] = []
        var v = (lo / step).rounded(.down) * step
        while v < hi + step * 1e-9 {
            ticks.append(Tick(value: v, label: label(v)))
            v += step
        }
        if let last = ticks.last, last.value < hi - step * 1e-9 {
            ticks.append(Tick(value: last.value + step, label: label(last.value + step)))
        }
        return (ticks, ticks.last?.value ?? hi)
    }

    /// Log-axis ticks covering lo...hi: decades (1, 10, 100 ...), with 2 and 5
    /// multiples when the range is short. The axis ends on the nearest
    /// 1-2-5 value outside the data, not a whole decade away.
    static func log(_ lo: Double, _ hi: Double, label: (Double) -> String) -> (ticks: [Tick], lo: Double, hi: Double) {
        let lo = max(lo, 1e-9)
        let hi = max(hi, lo)
        var decade = 1.0
        while decade > lo { decade /= 10 }
        while decade * 10 <= lo { decade *= 10 }
        let steps = [1.0, 2, 5]
        var bottom = decade
        for m in steps where decade * m <= lo { bottom = decade * m }
        var top = decade
        var d = decade
        search: while true {
            for m in [1.0, 2, 5, 10] where d * m >= hi * 0.999999 {
                top = d * m
                break search
            }
            d *= 10
        }
        let decades = log10(top / bottom)
        let multiples: [Double] = decades <= 2.2 ? steps : [1]
        var ticks: [Tick] = []
        d = decade
        while d <= top * 1.000001 {
            for m in multiples where d * m >= bottom * 0.999999 && d * m <= top * 1.000001 {
                ticks.append(Tick(value: d * m, label: label(d * m)))
            }
            d *= 10
        }
        return (ticks, bottom, top)
    }

    /// 50%, 90%, 99%, 99.9% ... up to `nines`.
    static func percentiles(nines: Double) -> [Tick] {
        let points: [(Double, String)] = [
            (50, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%"), (99.999, "99.999%"),
        ]
        return points.filter { Scale.nines($0.0) <= nines + 1e-9 }.map { Tick(value: $0.0, label: $0.1) }
    }
}

/// Picks one unit for a whole latency axis so tick labels are plain numbers.
struct LatencyUnit {
    let name: String
    let divisor: Double

    init(maxMicros: Double) {
        if maxMicros < 1000 {
            (name, divisor) = ("µs", 1)
        } else if maxMicros < 1_000_000 {
            (name, divisor) = ("ms", 1000)
        } else {
            (name, divisor) = ("s", 1_000_000)
        }
    }

    /// A tick label in this unit: `0.5`, `12`, `250`.
    func label(_ micros: Double) -> String { Axes.number(micros / divisor) }
}

enum Axes {
    /// Short numbers for tick labels: `0`, `0.5`, `12`, `2.5k`, `1.2M`.
    static func number(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1_000_000 { return trim(Format.fixed(v / 1_000_000, 1)) + "M" }
        if a >= 1000 { return trim(Format.fixed(v / 1000, 1)) + "k" }
        if a >= 10 || a == 0 { return trim(Format.fixed(v, 0)) }
        if a >= 1 { return trim(Format.fixed(v, 1)) }
        if a >= 0.01 { return trim(Format.fixed(v, 2)) }
        return trim(Format.fixed(v, 3))
    }

    /// A latency tick with its own unit: `500us`, `1ms`, `2.5ms`, `1s`.
    static func latency(_ micros: Double) -> String {
        let s = Format.micros(micros)
        let number = s.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        return trim(String(number)) + s.dropFirst(number.count)
    }

    static func trim(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return t
    }
}
