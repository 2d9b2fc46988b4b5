import Foundation
import Histogram

/// HdrHistogram's interval log (the text Java's `HistogramLogWriter` writes
/// and `HistogramLogReader`, HistogramLogAnalyzer and Python's and Rust's
/// readers read): a few `#[...]` header lines, a legend, then one line per
/// interval, `start,length,max,base64`, with the histogram in the compressed
/// V2 encoding.
///
/// battle's values are microseconds. Timestamps are seconds from the
/// `BaseTime` (the start of the measured window, also the `StartTime`), and
/// `Interval_Max` is the interval's maximum divided by `maxValueDivisor`
/// (1000), so in milliseconds, as Java's writer divides nanoseconds by a
/// million to print milliseconds. Readers take the values from the
/// histogram; the max column is for people and plotters.
public enum HistogramLog {
    /// `Interval_Max` = max / this: microseconds to milliseconds.
    public static let maxValueDivisor = 1000.0

    public static let legend =
        "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""

    /// The lines before the first interval.
    public static func header(startTime: Date, comment: String? = nil) -> String {
        let seconds = startTime.timeIntervalSince1970
        var text = ""
        if let comment { text += "#[\(comment)]\n" }
        text += "#[Histogram log format version 1.3]\n"
        text += "#[StartTime: \(fixed(seconds)) (seconds since epoch), \(utc(seconds))]\n"
        text += "#[BaseTime: \(fixed(seconds)) (seconds since epoch)]\n"
        text += legend + "\n"
        return text
    }

    /// One interval: `start` seconds after the base time, `length` seconds long.
    public static func line(start: Double, length: Double, histogram: Histogram<UInt64>) -> String {
        let max = histogram.totalCount == 0 ? 0 : Double(histogram.max) / maxValueDivisor
        return "\(fixed(start)),\(fixed(length)),\(fixed(max)),\(HistogramCodec.base64(histogram))\n"
    }

    /// One interval line read back.
    public struct Entry: Sendable {
        /// Seconds after the log's start time.
        public var start: Double
        public var length: Double
        public var histogram: Histogram<UInt64>

        public init(start: Double, length: Double, histogram: Histogram<UInt64>) {
            self.start = start
            self.length = length
            self.histogram = histogram
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The intervals of a log (tagged lines included, their tag dropped),
    /// with start times made relative to the log's `StartTime`.
    public static func parse(_ text: String) throws(ParseError) -> [Entry] {
        var startTime: Double?
        var baseTime: Double?
        var entries: [Entry] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            var line = Substring(raw)
            if line.hasPrefix("#[StartTime: ") {
                startTime = Double(line.dropFirst(13).prefix { $0 != " " })
                continue
            }
            if line.hasPrefix("#[BaseTime: ") {
                baseTime = Double(line.dropFirst(12).prefix { $0 != " " })
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix("\"StartTimestamp\"") { continue }
            if line.hasPrefix("Tag="), let comma = line.firstIndex(of: ",") { line = line[line.index(after: comma)...] }
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let start = Double(fields[0]), let length = Double(fields[1]) else {
                throw ParseError(description: "line \(number + 1): not start,length,max,histogram")
            }
            let histogram: Histogram<UInt64>
            do { histogram = try HistogramCodec.decode(base64: String(fields[3])) } catch {
                throw ParseError(description: "line \(number + 1): \(error)")
            }
            let absolute = start + (baseTime ?? 0)
            entries.append(Entry(start: absolute - (startTime ?? baseTime ?? 0), length: length, histogram: histogram))
        }
        return entries
    }

    /// Three decimals, as Java's writer prints (`%.3f`). By hand: Foundation's
    /// formatting loads locale data, megabytes of memory in the middle of a run.
    static func fixed(_ v: Double) -> String {
        let thousandths = Int64((abs(v) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return (v < 0 && thousandths > 0 ? "-" : "") + "\(thousandths / 1000)."
            + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `2026-12-01T09:38:58Z`, for people reading the header.
    static func utc(_ seconds: Double) -> String {
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
