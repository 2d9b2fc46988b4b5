import Foundation
import Histogram
import Testing

@testable import BattleCore

@Suite("HdrHistogram interval log text")
struct HistogramLogTests {
    @Test("header and lines in Java's layout; parsed back to the same histograms")
    func roundTrip() throws {
        let start = Date(timeIntervalSince1970: 1_796_117_938.007)
        var a = LatencyHistogram.make()
        for v: UInt64 in [120, 130, 2_500] { a.record(v) }
        let b = LatencyHistogram.make()
        let text =
            HistogramLog.header(startTime: start, comment: "Logged with test")
            + HistogramLog.line(start: 0, length: 1, histogram: a)
            + HistogramLog.line(start: 1, length: 0.25, histogram: b)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "#[Logged with test]")
        #expect(lines[1] == "#[Histogram log format version 1.3]")
        #expect(lines[2].hasPrefix("#[StartTime: 1796117938.007 (seconds since epoch), 2026-"))
        #expect(lines[3] == "#[BaseTime: 1796117938.007 (seconds since epoch)]")
        #expect(lines[4] == #""StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram""#)
        #expect(lines[5].hasPrefix("0.000,1.000,2.501,HISTFAAA"))  // max 2,500 us in the bucket up to 2,501: 2.501 ms
        #expect(lines[6].hasPrefix("1.000,0.250,0.000,HISTFAAA"))

        let entries = try HistogramLog.parse(text)
        #expect(entries.map(\.start) == [0, 1])
        #expect(entries.map(\.length) == [1, 0.25])
        #expect(entries[0].histogram.totalCount == 3 && entries[0].histogram.max == a.max)
        #expect(entries[1].histogram.totalCount == 0)
    }

    @Test("absolute timestamps without a BaseTime, and tags, are read as Java's reader reads them")
    func foreignLayouts() throws {
        var h = LatencyHistogram.make()
        h.record(42)
        let payload = HistogramCodec.base64(h)
        let text = """
            #[StartTime: 1000.000 (seconds since epoch), x]
            "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
            1002.500,1.000,0.042,\(payload)
            Tag=probe,1003.500,1.000,0.042,\(payload)
            """
        let entries = try HistogramLog.parse(text)
        #expect(entries.map(\.start) == [2.5, 3.5])
        #expect(throws: HistogramLog.ParseError.self) { try HistogramLog.parse("1.0,2.0\n") }
    }

    @Test("numbers with three decimals, as %.3f prints them")
    func fixed() {
        #expect(HistogramLog.fixed(0) == "0.000")
        #expect(HistogramLog.fixed(0.25) == "0.250")
        #expect(HistogramLog.fixed(2.5005) == "2.501")
        #expect(HistogramLog.fixed(12.0996) == "12.100")
        #expect(HistogramLog.fixed(1_796_117_938.007) == "1796117938.007")
        #expect(HistogramLog.fixed(-0.25) == "-0.250")
        #expect(HistogramLog.utc(1_796_117_938.007) == "2026-12-01T09:38:58Z")
    }
}
