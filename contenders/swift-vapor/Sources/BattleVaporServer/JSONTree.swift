import Foundation

/// Reading values out of the tree `JSONSerialization` builds.
///
/// Why `JSONSerialization` and not `Codable`: `/orders` must reject `3.0` and
/// `1e2` where an integer is due, and `JSONDecoder` decodes both as `Int`
/// (3 and 100), so a `Codable` type cannot tell them apart. `JSONSerialization`
/// keeps the difference in the `NSNumber` it makes: a number written with a
/// fraction or an exponent becomes a double (`objCType` `d`), one written as
/// plain digits an integer (`i`/`q`, or `Q` above `Int64.max`), and `true` /
/// `false` a boolean (`c`). `Bool` and `Int` casts of an `NSNumber` both
/// succeed, so the checks below go by `objCType`, never by `as? Int`.
///
/// One leniency of Foundation's parser is undone here: it accepts a trailing
/// comma (`[1,]`, `{"a":1,}`), which RFC 8259 does not allow.
enum JSONTree {
    /// The parsed value, or `nil` if `data` is not valid JSON.
    static func parse(_ data: Data) -> Any? {
        guard !hasTrailingComma(data) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// Whether a `,` outside strings is followed, after whitespace, by `]` or `}`.
    static func hasTrailingComma(_ data: Data) -> Bool {
        data.withUnsafeBytes { hasTrailingComma($0) }
    }

    private static func hasTrailingComma(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var inString = false, escaped = false, afterComma = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if afterComma { return true }
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            afterComma = byte == UInt8(ascii: ",")
        }
        return false
    }

    static func object(_ value: Any?) -> [String: Any]? {
        value as? [String: Any]
    }

    static func array(_ value: Any?) -> [Any]? {
        value as? [Any]
    }

    static func string(_ value: Any?) -> String? {
        value as? String
    }

    static func isNull(_ value: Any?) -> Bool {
        value is NSNull
    }

    /// The value as an `Int` if the JSON text was an integer literal that fits
    /// in 64 bits; `nil` for booleans, fractions, exponents and everything else.
    static func integer(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "s"), UInt8(ascii: "i"), UInt8(ascii: "l"), UInt8(ascii: "q"):
            return Int(exactly: number.int64Value)
        case UInt8(ascii: "S"), UInt8(ascii: "I"), UInt8(ascii: "L"), UInt8(ascii: "Q"):
            return Int(exactly: number.uint64Value)
        default:
            return nil  // "c" is a boolean, "d"/"f" a fraction or exponent
        }
    }
}
