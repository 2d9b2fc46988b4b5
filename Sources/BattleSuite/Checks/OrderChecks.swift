import BattleCore

/// Checks an `/orders` answer against the reference.
public enum OrderChecks {
    public static func answer(_ r: HTTPResponseRecord, to c: OrderCase) -> CheckVerdict {
        let label = c.name
        switch c.expected {
        case .accepted(let summary):
            guard r.status == 200 else {
                return .fail("\(label): status \(r.status), expected 200; body \(BodyChecks.quote(r.body))")
            }
            switch r.json {
            case .failure(let e): return .fail("\(label): body is not JSON (\(e.description))")
            case .success(let value):
                let comparison = JSONValue.compare(expected: summary.json, actual: value)
                if let m = comparison.mismatch { return .fail("\(label): \(m)") }
                if !comparison.extraKeys.isEmpty {
                    return .warn("\(label): extra keys \(comparison.extraKeys.prefix(3).joined(separator: ", "))")
                }
                return .pass("\(label): equal to the reference")
            }
        case .rejected(let field):
            guard r.status == 400 else {
                return .fail("\(label): status \(r.status), expected 400 with field \"\(field)\"")
            }
            guard case .success(let value) = r.json, value.isObject else {
                return .fail("\(label): the 400 body is not a JSON object: \(BodyChecks.quote(r.body))")
            }
            guard let got = value["field"]?.stringValue else {
                return .fail("\(label): the 400 body has no string \"field\": \(BodyChecks.quote(r.body))")
            }
            guard got == field else { return .fail("\(label): field \"\(got)\", expected \"\(field)\"") }
            guard value["error"]?.stringValue != nil else {
                return .warn("\(label): field \"\(got)\" is right, but the body has no string \"error\"")
            }
            return .pass("\(label): 400, field \"\(field)\"")
        }
    }
}

extension OrderChecks {
    static let verifierCases = OrderFixtures.verifierCases

    /// The `order-answer` built-in: the fixed order whose body this request
    /// sent (`OrderFixtures.verifierCases`, as suite/orders holds them), and
    /// the answer checked against the reference.
    public static func answer(_ r: HTTPResponseRecord, toBody body: [UInt8]) -> CheckVerdict {
        guard let c = verifierCases.first(where: { $0.body == body }) else {
            return .fail(
                "the request body is not one of battle's fixed orders (suite/orders), so there is no reference answer")
        }
        return answer(r, to: c)
    }
}
