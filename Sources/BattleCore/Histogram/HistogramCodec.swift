import Foundation
import Histogram

/// HdrHistogram's V2 encoding, the one interval logs carry in base64 and
/// every HdrHistogram (Java, C, Rust, Python, .NET) reads and writes.
///
/// Uncompressed form, all integers big-endian:
///
///     cookie                      Int32   0x1c849313 (V2 base 0x1c849303, word size 8 in bits 4..7)
///     payload length              Int32   bytes of counts that follow the header
///     normalizing index offset    Int32   0 (battle never shifts)
///     significant digits          Int32
///     lowest discernible value    Int64
///     highest trackable value     Int64
///     integer-to-double ratio     Float64 1.0
///     counts                      ZigZag LEB128, from index 0 to the index of the
///                                 largest recorded value; a run of N > 1 empty
///                                 buckets is written as the one number -N
///
/// Compressed form: cookie 0x1c849314 (V2 base 0x1c849304), the length of
/// what follows (Int32), then the uncompressed form through zlib's deflate.
/// Readers accept any word size in the cookie's bits 4..7, as Java's does.
public enum HistogramCodec {
    static let encodingCookieBase: UInt32 = 0x1c84_9303
    static let compressedCookieBase: UInt32 = 0x1c84_9304
    static let headerBytes = 40
    /// A counts array this long (entries) or longer is refused when decoding:
    /// a bad header must not allocate gigabytes.
    static let maxCountsLength = 1 << 24

    public struct DecodingError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    // MARK: encoding

    /// The uncompressed V2 form of `histogram`.
    public static func encode(_ histogram: Histogram<UInt64>) -> [UInt8] {
        let layout = self.layout(of: histogram)
        var payload: [UInt8] = []
        // Every index up to the largest value's, by index arithmetic (not the
        // library's iterator: it is slower, and traps on some layouts).
        let last = layout.index(of: histogram.maxRecorded)
        var zeros = 0
        for index in 0...last {
            let count = histogram.countForValue(layout.value(at: index))
            if count == 0 {
                zeros += 1
                continue
            }
            appendZeros(zeros, to: &payload)
            zeros = 0
            ZigZag.append(Int64(count), to: &payload)
        }
        appendZeros(zeros, to: &payload)  // an empty histogram: the one empty bucket of value 0, as Java writes it

        var out: [UInt8] = []
        out.reserveCapacity(headerBytes + payload.count)
        append(encodingCookieBase | 0x10, to: &out)
        append(UInt32(payload.count), to: &out)
        append(UInt32(0), to: &out)
        append(UInt32(histogram.numberOfSignificantValueDigits.rawValue), to: &out)
        append(histogram.lowestDiscernibleValue, to: &out)
        append(histogram.highestTrackableValue, to: &out)
        append((1.0 as Double).bitPattern, to: &out)
        out += payload
        return out
    }

    /// The compressed V2 form of `histogram`.
    public static func encodeCompressed(_ histogram: Histogram<UInt64>) -> [UInt8] {
        let deflated = Zlib.compress(encode(histogram))
        var out: [UInt8] = []
        out.reserveCapacity(8 + deflated.count)
        append(compressedCookieBase | 0x10, to: &out)
        append(UInt32(deflated.count), to: &out)
        return out + deflated
    }

    /// The base64 text of the compressed form, as an interval log line holds it.
    public static func base64(_ histogram: Histogram<UInt64>) -> String {
        Data(encodeCompressed(histogram)).base64EncodedString()
    }

    // MARK: decoding

    /// Decodes the base64 text of a compressed (or uncompressed) V2 histogram.
    public static func decode(base64 text: String) throws(DecodingError) -> Histogram<UInt64> {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw DecodingError(description: "not base64")
        }
        return try decode([UInt8](data))
    }

    /// Decodes a V2 histogram, compressed or not (told apart by the cookie).
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Histogram<UInt64> {
        guard bytes.count >= 8 else {
            throw DecodingError(description: "\(bytes.count) bytes: too short for a histogram")
        }
        let cookie = readUInt32(bytes, 0)
        switch cookie & ~0xF0 {
        case compressedCookieBase:
            let length = Int(readUInt32(bytes, 4))
            guard length <= bytes.count - 8 else {
                throw DecodingError(description: "compressed length \(length) but only \(bytes.count - 8) bytes follow")
            }
            let inflated: [UInt8]
            do {
                inflated = try Zlib.decompress(
                    Array(bytes[8..<(8 + length)]), limit: headerBytes + 9 * maxCountsLength)
            } catch { throw DecodingError(description: "compressed payload: \(error)") }
            guard inflated.count >= 4, readUInt32(inflated, 0) & ~0xF0 == encodingCookieBase else {
                throw DecodingError(description: "the compressed payload is not a V2 histogram")
            }
            return try decodeUncompressed(inflated)
        case encodingCookieBase:
            return try decodeUncompressed(bytes)
        default:
            let hex = String(cookie, radix: 16)
            throw DecodingError(
                description: "cookie 0x\(hex) is not HdrHistogram's V2 encoding (0x1c849303 or 0x1c849304)")
        }
    }

    static func decodeUncompressed(_ bytes: [UInt8]) throws(DecodingError) -> Histogram<UInt64> {
        guard bytes.count >= headerBytes else {
            throw DecodingError(description: "\(bytes.count) bytes: too short for a V2 header (40)")
        }
        let payloadLength = Int(readUInt32(bytes, 4))
        let normalizingOffset = Int32(bitPattern: readUInt32(bytes, 8))
        let digits = Int(readUInt32(bytes, 12))
        let lowest = readUInt64(bytes, 16)
        let highest = readUInt64(bytes, 24)
        let ratio = Double(bitPattern: readUInt64(bytes, 32))
        guard payloadLength <= bytes.count - headerBytes else {
            throw DecodingError(
                description: "payload length \(payloadLength) but only \(bytes.count - headerBytes) bytes follow")
        }
        guard normalizingOffset == 0 else {
            throw DecodingError(
                description: "normalizing index offset \(normalizingOffset): shifted histograms are not read")
        }
        guard ratio == 1 else {
            throw DecodingError(description: "integer-to-double ratio \(ratio): double histograms are not read")
        }
        guard
            let layout = HistogramLayout(
                lowestDiscernibleValue: lowest, highestTrackableValue: highest, significantDigits: digits),
            let significant = SignificantDigits(rawValue: Int8(digits)), layout.countsLength < maxCountsLength
        else {
            throw DecodingError(
                description: "lowest \(lowest), highest \(highest), \(digits) digits: not a histogram layout")
        }

        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: lowest, highestTrackableValue: highest, numberOfSignificantValueDigits: significant)
        let payload = Array(bytes[headerBytes..<(headerBytes + payloadLength)])
        var offset = 0
        var index = 0
        while offset < payload.count {
            guard let n = ZigZag.read(payload, at: &offset) else {
                throw DecodingError(description: "the counts end in the middle of a number")
            }
            if n < 0 {
                guard n > -Int64(maxCountsLength) else {
                    throw DecodingError(description: "a run of \(-n) empty buckets")
                }
                index += Int(-n)
                continue
            }
            guard index < layout.countsLength else {
                throw DecodingError(description: "more counts than the layout has buckets (\(layout.countsLength))")
            }
            // At the bucket's highest value, so the maximum and the top
            // percentiles read as the bucket's top, as Java's decoder gives them.
            if n > 0 { histogram.record(layout.highestValue(at: index), count: UInt64(n)) }
            index += 1
        }
        return histogram
    }

    /// The index arithmetic of `histogram`'s layout.
    public static func layout(of histogram: Histogram<UInt64>) -> HistogramLayout {
        // A Histogram exists only for a valid layout.
        HistogramLayout(
            lowestDiscernibleValue: histogram.lowestDiscernibleValue,
            highestTrackableValue: histogram.highestTrackableValue,
            significantDigits: Int(histogram.numberOfSignificantValueDigits.rawValue))!
    }

    /// A run of empty buckets: 0 for one, -N for N > 1.
    private static func appendZeros(_ n: Int, to out: inout [UInt8]) {
        if n == 1 { ZigZag.append(0, to: &out) } else if n > 1 { ZigZag.append(-Int64(n), to: &out) }
    }

    /// The (counts index, count) of every non-empty bucket, in order.
    public static func buckets(_ histogram: Histogram<UInt64>) -> [(index: Int, count: UInt64)] {
        guard histogram.totalCount > 0 else { return [] }
        let layout = self.layout(of: histogram)
        return (0...layout.index(of: histogram.maxRecorded)).compactMap { i in
            let n = histogram.countForValue(layout.value(at: i))
            return n > 0 ? (i, n) : nil
        }
    }

    // MARK: big-endian bytes

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    private static func append(_ v: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    private static func readUInt32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(b[at + $1]) }
    }

    private static func readUInt64(_ b: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(b[at + $1]) }
    }
}
