import BattleCore

/// Body checks for the tests without a database: plaintext and json.
public enum BodyChecks {
    public static let plaintextBody = "Hello, World!"

    public static func plaintext(_ r: HTTPResponseRecord) -> CheckVerdict {
        let text = r.bodyText
        if r.body == Array(plaintextBody.utf8) { return .pass("body is exactly \"Hello, World!\"") }
        if text.trimmingWhitespace() == plaintextBody {
            return .warn("body is \"Hello, World!\" with extra whitespace (\(r.body.count) bytes, expected 13)")
        }
        return .fail("body is \(quote(r.body)), expected \"Hello, World!\"")
    }

    public static let jsonExpected = JSONValue.object([("message", .string("Hello, World!"))])

    public static func json(_ r: HTTPResponseRecord) -> CheckVerdict {
        switch r.json {
        case .failure(let e): return .fail("body is not JSON (\(e.description)): \(quote(r.body))")
        case .success(let value):
            let c = JSONValue.compare(expected: jsonExpected, actual: value)
            if let mismatch = c.mismatch { return .fail("body \(quote(r.body)): \(mismatch)") }
            if !c.extraKeys.isEmpty { return .warn("extra keys \(c.extraKeys.joined(separator: ", "))") }
            return .pass("body is {\"message\":\"Hello, World!\"}")
        }
    }

    /// A body for a message, cut to 120 bytes.
    public static func quote(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(120), as: UTF8.self)
        return JSONValue.string(text).compactText + (body.count > 120 ? "... (\(body.count) bytes)" : "")
    }
}
