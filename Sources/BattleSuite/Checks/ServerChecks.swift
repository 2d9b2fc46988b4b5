import BattleCore

/// Checks on the server as a whole (docs/SUITE.md §1): routing, Date, pipelining.
public enum ServerChecks {
    public static let unknownPath = "/battle-verify-no-such-path"

    public static func notFound(_ r: HTTPResponseRecord) -> CheckVerdict {
        r.status == 404
            ? .pass("GET \(unknownPath) gives 404")
            : .fail("GET \(unknownPath) gives \(r.status), expected 404: the server must route")
    }

    /// `Date` values seen on requests spread over `seconds`: they must not all be
    /// the same (a Date rendered once at start, or frozen).
    public static func dateChanges(_ dates: [String?], over seconds: Double) -> CheckVerdict {
        let values = dates.compactMap { $0 }
        guard values.count >= 2 else { return .fail("fewer than two responses carried a Date") }
        let distinct = Set(values)
        if distinct.count == 1 {
            return .fail("Date stayed \"\(values[0])\" for \(String(format1: seconds)) s: it must be current")
        }
        return .pass("Date changed over \(String(format1: seconds)) s (\(values.first!) → \(values.last!))")
    }

    /// Pipelined responses arrive complete and in the order of their requests.
    /// `expected` gives each request's label and a predicate on its response.
    public static func pipelining(
        _ responses: [HTTPResponseRecord], expected: [(label: String, matches: @Sendable (HTTPResponseRecord) -> Bool)]
    ) -> CheckVerdict {
        guard responses.count == expected.count else {
            return .fail("sent \(expected.count) requests in one write, got \(responses.count) responses")
        }
        for (i, (r, e)) in zip(responses, expected).enumerated() where !e.matches(r) {
            return .fail(
                "pipelined response \(i + 1) does not answer \(e.label) (status \(r.status), body \(BodyChecks.quote(r.body)))"
            )
        }
        return .pass(
            "\(expected.count) pipelined requests (\(expected.map(\.label).joined(separator: ", "))) answered in order")
    }
}

extension String {
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
