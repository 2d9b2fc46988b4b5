/// HdrHistogram's variable-length integers: ZigZag (so small negative
/// numbers are short too), then LEB128, 7 bits a byte, low bits first, the
/// top bit set on every byte but the last. As in HdrHistogram's Java
/// `ZigZagEncoding`, a 64-bit value takes at most 9 bytes: the ninth byte
/// carries its last 8 bits whole.
enum ZigZag {
    static func append(_ value: Int64, to out: inout [UInt8]) {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0..<8 {
            if v < 0x80 {
                out.append(UInt8(v))
                return
            }
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }

    /// Reads one value at `offset` and moves past it; nil when the bytes end
    /// in the middle of a value.
    static func read(_ bytes: [UInt8], at offset: inout Int) -> Int64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { return nil }
            let b = bytes[offset]
            offset += 1
            if shift == 56 {
                v |= UInt64(b) << 56
                break
            }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }
}
