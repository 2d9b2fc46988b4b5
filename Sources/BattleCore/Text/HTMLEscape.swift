/// HTML escaping shared by the fortunes reference, the reports and the
/// verdict: `&`, `<`, `>`, `"` and `'` become entities, so the result is safe
/// in text and in quoted attribute values.
public enum HTMLEscape {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
