extension JSONValue {
    /// Whether two documents hold the same value: object key order and number
    /// spelling are free (`1`, `1.0` and `1e0` are the same number), everything
    /// else must match. Returns nil when equal, else the path and what differs.
    public static func difference(expected: JSONValue, actual: JSONValue, path: String = "$") -> String? {
        switch (expected, actual) {
        case (.null, .null): return nil
        case (.bool(let x), .bool(let y)): return x == y ? nil : "\(path): expected \(x), got \(y)"
        case (.string(let x), .string(let y)):
            return x == y ? nil : "\(path): expected \(JSONValue.string(x).compactText), got \(JSONValue.string(y).compactText)"
        case (.number(let x), .number(let y)):
            return sameNumber(x, y) ? nil : "\(path): expected \(x), got \(y)"
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path): expected \(x.count) elements, got \(y.count)" }
            for (i, (a, b)) in zip(x, y).enumerated() {
                if let d = difference(expected: a, actual: b, path: "\(path)[\(i)]") { return d }
            }
            return nil
        case (.object(let x), .object(let y)):
            for (key, value) in x {
                guard let other = actual[key] else { return "\(path): missing key \"\(key)\"" }
                if let d = difference(expected: value, actual: other, path: "\(path).\(key)") { return d }
            }
            let expectedKeys = Set(x.map(\.0))
            if let extra = y.first(where: { !expectedKeys.contains($0.0) }) {
                return "\(path): unexpected key \"\(extra.0)\""
            }
            return nil
        default:
            return "\(path): expected \(expected.kindDescription), got \(actual.kindDescription)"
        }
    }

    /// Value equality ignoring key order and number spelling.
    public func sameValue(as other: JSONValue) -> Bool {
        JSONValue.difference(expected: self, actual: other) == nil
    }

    static func sameNumber(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = integer(fromLexeme: a), let y = integer(fromLexeme: b) { return x == y }
        guard let x = Double(a), let y = Double(b) else { return false }
        return x == y
    }
}
