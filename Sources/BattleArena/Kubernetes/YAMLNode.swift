/// A YAML document as battle writes Kubernetes manifests: maps with their
/// keys in order, lists, and scalars. Strings are always double-quoted with
/// JSON's escapes (a JSON string is a YAML string), so no value can turn into
/// a number, a boolean or a null by accident (`"on"`, `"0755"`, `"1e3"`).
public indirect enum YAMLNode: Sendable, Equatable {
    case map([(String, YAMLNode)])
    case list([YAMLNode])
    case string(String)
    case int(Int)
    case bool(Bool)

    public static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.rendered() == b.rendered() }

    /// The document's text, ending in a newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private var isEmptyCollection: Bool {
        switch self {
        case .map(let m): m.isEmpty
        case .list(let l): l.isEmpty
        default: false
        }
    }

    private var scalar: String? {
        switch self {
        case .string(let s): Self.quoted(s)
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .map(let m) where m.isEmpty: "{}"
        case .list(let l) where l.isEmpty: "[]"
        default: nil
        }
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let entries):
            for (key, value) in entries {
                if let s = value.scalar {
                    out += "\(pad)\(Self.key(key)): \(s)\n"
                } else {
                    out += "\(pad)\(Self.key(key)):\n"
                    value.write(into: &out, indent: indent + 2)
                }
            }
        case .list(let items):
            for item in items {
                if let s = item.scalar {
                    out += "\(pad)- \(s)\n"
                } else {
                    // The item's first line goes after "- ", the rest below it, two further in.
                    var inner = ""
                    item.write(into: &inner, indent: indent + 2)
                    let dropped = inner.dropFirst(indent + 2)
                    out += "\(pad)- \(dropped)"
                }
            }
        default:
            out += "\(pad)\(scalar ?? "")\n"
        }
    }

    /// A key as written: bare when it is a plain identifier-like word
    /// (`apiVersion`, `battle.run`, `app.kubernetes.io/name`), else quoted.
    static func key(_ k: String) -> String {
        let plain =
            k.first?.isLetter == true
            && k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/".contains($0)) }
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(k.lowercased())
        return plain && !reserved ? k : quoted(k)
    }

    /// A JSON string literal, which YAML reads as the same string.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7f:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
