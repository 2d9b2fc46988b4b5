/// How a received JSON document differs from the expected one.
public struct JSONComparison: Sendable, Equatable {
    /// The first real difference (path and what differs), or nil.
    public var mismatch: String?
    /// Keys the received document has that the expected one does not (paths).
    public var extraKeys: [String]

    public var isEqual: Bool { mismatch == nil && extraKeys.isEmpty }
}

extension JSONValue {
    /// Compares as values: object key order and number spelling are free (`1`,
    /// `1.0` and `1e0` are the same number); extra keys are reported apart so
    /// a check can warn on them, as TFB does.
    public static func compare(expected: JSONValue, actual: JSONValue) -> JSONComparison {
        var extra: [String] = []
        let mismatch = difference(expected: expected, actual: actual, path: "$", extra: &extra)
        return JSONComparison(mismatch: mismatch, extraKeys: extra)
    }

    /// Value equality ignoring key order and number spelling; extra keys count as different.
    public func sameValue(as other: JSONValue) -> Bool { JSONValue.compare(expected: self, actual: other).isEqual }

    static func difference(expected: JSONValue, actual: JSONValue, path: String, extra: inout [String]) -> String? {
        switch (expected, actual) {
        case (.null, .null): return nil
        case (.bool(let x), .bool(let y)): return x == y ? nil : "\(path): expected \(x), got \(y)"
        case (.string(let x), .string(let y)):
            return x == y
                ? nil : "\(path): expected \(JSONValue.string(x).compactText), got \(JSONValue.string(y).compactText)"
        case (.number(let x), .number(let y)):
            return sameNumber(x, y) ? nil : "\(path): expected \(x), got \(y)"
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path): expected \(x.count) elements, got \(y.count)" }
            for (i, (a, b)) in zip(x, y).enumerated() {
                if let d = difference(expected: a, actual: b, path: "\(path)[\(i)]", extra: &extra) { return d }
            }
            return nil
        case (.object(let x), .object(let y)):
            for (key, value) in x {
                guard let other = actual[key] else { return "\(path): missing key \"\(key)\"" }
                if let d = difference(expected: value, actual: other, path: "\(path).\(key)", extra: &extra) {
                    return d
                }
            }
            let expectedKeys = Set(x.map(\.0))
            extra += y.filter { !expectedKeys.contains($0.0) }.map { "\(path).\($0.0)" }
            return nil
        default:
            return "\(path): expected \(expected.kindDescription), got \(actual.kindDescription)"
        }
    }

    static func sameNumber(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = integer(fromLexeme: a), let y = integer(fromLexeme: b) { return x == y }
        guard let x = Double(a), let y = Double(b) else { return false }
        return x == y
    }
}
