/// Parses durations as wrk and k6 users write them: `10s`, `500ms`, `2m`,
/// `1h`, `1.5s`, `250us`; a bare number is seconds.
public enum DurationParser {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let input: String
        public var description: String {
            "'\(input)' is not a duration; write a number with a unit: 500ms, 10s, 2m, 1h"
        }
    }

    /// Seconds for `text`, or a `Failure` naming what was given.
    public static func seconds(_ text: String) throws(Failure) -> Double {
        let t = text.trimmingWhitespace().lowercased()
        let units: [(String, Double)] = [
            ("ms", 1e-3), ("us", 1e-6), ("µs", 1e-6), ("ns", 1e-9), ("s", 1), ("m", 60), ("h", 3600),
        ]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            let number = String(t.dropLast(suffix.count))
            if let v = Double(number), v.isFinite, v >= 0 { return v * scale }
            throw Failure(input: text)
        }
        if let v = Double(t), v.isFinite, v >= 0 { return v }
        throw Failure(input: text)
    }
}
