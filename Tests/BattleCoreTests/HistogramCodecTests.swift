import Foundation
import Histogram
import Testing

@testable import BattleCore

@Suite("HdrHistogram V2 encoding")
struct HistogramCodecTests {
    /// The (counts index, count) of every non-empty bucket.
    static func buckets(_ h: Histogram<UInt64>) -> [[UInt64]] {
        HistogramCodec.buckets(h).map { [UInt64($0.index), $0.count] }
    }

    @Test("the layout's index arithmetic agrees with hdrhistogram-swift's buckets")
    func layout() throws {
        let layout = try #require(
            HistogramLayout(lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000, significantDigits: 3))
        #expect(layout.countsLength == 17 * 1024 + 1024)  // 17 buckets, 1024 half-buckets each, plus bucket 0's lower half
        for v: UInt64 in [0, 1, 2_047, 2_048, 2_049, 4_095, 4_096, 1_000_000, 99_999_999, 100_000_000] {
            let i = layout.index(of: v)
            #expect(i < layout.countsLength)
            var h = LatencyHistogram.make()
            h.record(v)
            #expect(h.valuesAreEquivalent(layout.value(at: i), v), "value \(v) at index \(i)")
            #expect(layout.index(of: layout.value(at: i)) == i)
        }
        #expect(HistogramLayout(lowestDiscernibleValue: 0, highestTrackableValue: 10, significantDigits: 3) == nil)
        #expect(HistogramLayout(lowestDiscernibleValue: 1, highestTrackableValue: 10, significantDigits: 6) == nil)
    }

    @Test("ZigZag LEB128: small numbers are short, 64-bit ones take nine bytes, all read back")
    func zigzag() {
        for (v, length) in [
            (Int64(0), 1), (-1, 1), (1, 1), (63, 1), (64, 2), (-65, 2), (1 << 40, 6), (.max, 9), (.min, 9),
        ] {
            var bytes: [UInt8] = []
            ZigZag.append(v, to: &bytes)
            #expect(bytes.count == length, "\(v)")
            var offset = 0
            #expect(ZigZag.read(bytes, at: &offset) == v)
            #expect(offset == bytes.count)
        }
        var offset = 0
        #expect(ZigZag.read([0x80, 0x80], at: &offset) == nil)
    }

    @Test("round trip: every bucket, count, minimum and maximum survive, compressed or not")
    func roundTrip() throws {
        var h = LatencyHistogram.make()
        var random = SplitMix64(seed: 11)
        for _ in 0..<20_000 { h.record(1 + random.next() % 5_000) }
        h.record(1_000_000, count: 3)
        h.record(100_000_000, count: 1 << 40)
        for bytes in [HistogramCodec.encode(h), HistogramCodec.encodeCompressed(h)] {
            let back = try HistogramCodec.decode(bytes)
            #expect(Self.buckets(back) == Self.buckets(h))
            #expect(back.totalCount == h.totalCount)
            #expect(back.max == h.max && back.valuesAreEquivalent(back.min, h.min))
            #expect(back.highestTrackableValue == h.highestTrackableValue)
        }
        let text = HistogramCodec.base64(h)
        #expect(text.hasPrefix("HISTFAAA"))  // 0x1c849314, then a length below 16 MiB
        #expect(Self.buckets(try HistogramCodec.decode(base64: text)) == Self.buckets(h))

        let empty = try HistogramCodec.decode(base64: HistogramCodec.base64(LatencyHistogram.make()))
        #expect(empty.totalCount == 0)
    }

    @Test("the header is HdrHistogram's: cookie, payload length, offset, digits, lowest, highest, ratio")
    func header() {
        var h = LatencyHistogram.make()
        h.record(3)
        let bytes = HistogramCodec.encode(h)
        #expect(Array(bytes[0..<4]) == [0x1c, 0x84, 0x93, 0x13])
        // Counts: -3 for the empty buckets 0, 1 and 2, then 1 at value 3.
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 2])
        #expect(Array(bytes[8..<16]) == [0, 0, 0, 0, 0, 0, 0, 3])
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(Array(bytes[24..<32]) == [0, 0, 0, 0, 0x05, 0xF5, 0xE1, 0x00])  // 100,000,000
        #expect(Array(bytes[32..<40]) == [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])  // 1.0
        #expect(Array(bytes[40...]) == [0x05, 0x02])  // zigzag(-3), zigzag(1)
        #expect(Array(HistogramCodec.encodeCompressed(h)[0..<4]) == [0x1c, 0x84, 0x93, 0x14])
    }

    @Test("bad input is refused with a reason, never a trap")
    func refusals() {
        #expect(throws: HistogramCodec.DecodingError.self) { try HistogramCodec.decode(base64: "not base64!") }
        #expect(throws: HistogramCodec.DecodingError.self) { try HistogramCodec.decode([1, 2, 3, 4, 5, 6, 7, 8]) }
        var h = LatencyHistogram.make()
        h.record(500)
        var compressed = HistogramCodec.encodeCompressed(h)
        compressed[compressed.count - 3] ^= 0xFF
        #expect(throws: HistogramCodec.DecodingError.self) { try HistogramCodec.decode(compressed) }
        let plain = HistogramCodec.encode(h)
        #expect(throws: HistogramCodec.DecodingError.self) { try HistogramCodec.decode(Array(plain.dropLast())) }
    }

    // MARK: vectors from another implementation

    struct Vectors: Decodable {
        struct Vector: Decodable {
            let name: String
            let lowest: UInt64
            let highest: UInt64
            let digits: Int
            let base64: String
            let totalCount: UInt64
            let recorded: [[UInt64]]
            let buckets: [[UInt64]]
        }
        let generator: String
        let vectors: [Vector]
    }

    static let vectors: Vectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/histograms/hdrhistogram-vectors.json")
        // A missing fixture must fail the test, loudly.
        return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }()

    @Test("histograms encoded by Python's hdrhistogram decode bucket by bucket", arguments: vectors.vectors.indices)
    func foreignVector(_ i: Int) throws {
        let v = Self.vectors.vectors[i]
        let h = try HistogramCodec.decode(base64: v.base64)
        #expect(h.lowestDiscernibleValue == v.lowest && h.highestTrackableValue == v.highest, "\(v.name)")
        #expect(Int(h.numberOfSignificantValueDigits.rawValue) == v.digits)
        #expect(h.totalCount == v.totalCount)
        #expect(Self.buckets(h) == v.buckets, "\(v.name)")
        // The same values recorded here give the same histogram (Python's
        // percentiles round differently from Java's, so they are not compared).
        var native = Histogram<UInt64>(
            lowestDiscernibleValue: v.lowest, highestTrackableValue: v.highest,
            numberOfSignificantValueDigits: try #require(SignificantDigits(rawValue: Int8(v.digits))))
        for r in v.recorded { native.record(r[0], count: r[1]) }
        #expect(Self.buckets(native) == v.buckets)
        // Percentiles fall in the same buckets (an encoding keeps buckets, not the exact maximum).
        for p in [50.0, 90, 99, 99.9, 100] {
            #expect(h.valuesAreEquivalent(h.valueAtPercentile(p), native.valueAtPercentile(p)), "p\(p)")
        }
        // And what battle writes from the same counts reads back the same.
        #expect(Self.buckets(try HistogramCodec.decode(base64: HistogramCodec.base64(h))) == v.buckets)
    }
}
