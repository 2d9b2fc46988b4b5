/// TOML basic strings for the files battle writes (the targets file of a
/// run): every value goes through `quoted`, never raw interpolation.
public enum TOMLString {
    /// `s` as a TOML basic string, quotes included: `\` and `"` escaped,
    /// control characters as TOML's short escapes or `\uXXXX` (TOML 1.0 §String).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
