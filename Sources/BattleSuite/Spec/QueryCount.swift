/// The `queries` parameter of `/queries` and `/updates` (docs/SUITE.md §2).
public enum QueryCount {
    public static let range = 1...500

    /// N after clamping the parameter's decoded value: missing, empty, not an
    /// integer (anything after the digits too, `5abc`, `1;DROP TABLE world`)
    /// or below 1 gives 1; above 500 gives 500.
    public static func clamp(_ raw: String?) -> Int {
        guard let raw, !raw.isEmpty else { return 1 }
        let digits = raw.first == "-" || raw.first == "+" ? raw.dropFirst() : Substring(raw)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return 1 }
        if raw.first == "-" { return 1 }
        guard let n = Int(digits) else { return range.upperBound }  // more digits than Int holds
        return min(max(n, range.lowerBound), range.upperBound)
    }

    /// The raw (percent-decoded) value of `queries` in a request target, or nil
    /// when the target has no such parameter.
    public static func parameter(in target: String?) -> String? {
        guard let target, let q = target.firstIndex(of: "?") else { return nil }
        for pair in target[target.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.first == "queries" { return percentDecoded(kv.count > 1 ? String(kv[1]) : "") }
        }
        return nil
    }

    static func percentDecoded(_ s: String) -> String {
        var bytes: [UInt8] = []
        var u = Array(s.utf8)[...]
        while let b = u.first {
            if b == UInt8(ascii: "%"), u.count >= 3,
                let v = UInt8(String(decoding: u.dropFirst().prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                u = u.dropFirst(3)
            } else {
                bytes.append(b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
                u = u.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The values of `queries` the verifier sends, percent-encoded for the
    /// request target (nil: no parameter), with the count each must give.
    /// Only values whose answer every reading of the spec agrees on.
    public static let verifierCases: [(label: String, query: String?, expected: Int)] = [
        ("queries=2", "queries=2", 2),
        ("queries=20", "queries=20", 20),
        ("queries=0", "queries=0", 1),
        ("queries=-3", "queries=-3", 1),
        ("queries=foo", "queries=foo", 1),
        ("queries=5abc", "queries=5abc", 1),
        ("queries=501", "queries=501", 500),
        ("queries= (empty)", "queries=", 1),
        ("no parameter", nil, 1),
        ("queries=1;DROP TABLE world", "queries=1%3BDROP%20TABLE%20world", 1),
        ("queries=1' OR '1'='1", "queries=1%27%20OR%20%271%27%3D%271", 1),
    ]
}
