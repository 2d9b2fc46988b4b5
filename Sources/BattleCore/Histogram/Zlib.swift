import CZlib

/// zlib's deflate format (RFC 1950: a zlib header, deflate, Adler-32), the
/// one HdrHistogram's compressed encoding uses (Java's `Deflater`, Python's
/// `zlib`), through the system zlib.
enum Zlib {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &length, i.baseAddress, uLong(i.count), Z_DEFAULT_COMPRESSION)
            }
        }
        // compressBound is enough room by definition, and the input is in memory.
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        out.removeSubrange(Int(length)...)
        return out
    }

    /// Inflates `input`; refuses output larger than `limit` bytes.
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var capacity = max(256, min(limit, input.count * 8))
        while true {
            var length = uLongf(capacity)
            var out = [UInt8](repeating: 0, count: capacity)
            let status = out.withUnsafeMutableBufferPointer { o in
                input.withUnsafeBufferPointer { i in
                    uncompress(o.baseAddress, &length, i.baseAddress, uLong(i.count))
                }
            }
            switch status {
            case Z_OK:
                out.removeSubrange(Int(length)...)
                return out
            case Z_BUF_ERROR where capacity < limit:
                capacity = min(limit, capacity * 4)
            case Z_BUF_ERROR:
                throw Failure(description: "inflates to more than \(limit) bytes")
            default:
                throw Failure(description: "not zlib data (zlib status \(status))")
            }
        }
    }
}
