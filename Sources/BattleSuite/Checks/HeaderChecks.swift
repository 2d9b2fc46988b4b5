import BattleCore

/// The rules every response follows (docs/SUITE.md §1), checked on one response.
public enum HeaderChecks {
    /// How far a `Date` may be from the verifier's clock before it is not "current".
    public static let dateTolerance = 5

    /// Status, `Server`, `Date`, framing, `Content-Type` and no compression.
    /// `now` is the verifier's clock (seconds since the epoch) when the response arrived.
    public static func check(
        _ r: HTTPResponseRecord, test: SuiteTest, expectedStatus: Int = 200, now: Int? = nil
    ) -> CheckVerdict {
        var problems: [CheckVerdict] = []
        if r.status != expectedStatus { problems.append(.fail("status \(r.status), expected \(expectedStatus)")) }
        problems += common(r, now: now)
        if let type = r.header("Content-Type") {
            if !test.contentType.accepts(type) {
                problems.append(.fail("Content-Type is \"\(type)\", expected \"\(test.contentType.description)\""))
            }
        } else {
            problems.append(.fail("no Content-Type header, expected \"\(test.contentType.description)\""))
        }
        return .worst(
            problems,
            passDetail: "status \(r.status), Server, Date, framing, Content-Type \(r.header("Content-Type") ?? "")")
    }

    /// The rules that do not depend on the test: `Server`, `Date`, framing, no compression.
    public static func common(_ r: HTTPResponseRecord, now: Int? = nil) -> [CheckVerdict] {
        var problems: [CheckVerdict] = []
        let server = r.values(of: "Server")
        if server.isEmpty || server.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            problems.append(.fail("no Server header"))
        }
        problems += dateProblems(r, now: now)
        problems += framingProblems(r)
        return problems
    }

    /// `Date` is present, an IMF-fixdate, and within `dateTolerance` of `now` (when given).
    static func dateProblems(_ r: HTTPResponseRecord, now: Int?) -> [CheckVerdict] {
        guard let date = r.header("Date") else { return [.fail("no Date header")] }
        guard let seconds = HTTPDate.parse(date) else {
            return [
                .fail("Date \"\(date)\" is not an IMF-fixdate (RFC 9110), e.g. \"\(HTTPDate.format(784_111_777))\"")
            ]
        }
        if let now, abs(seconds - now) > dateTolerance {
            return [.fail("Date \"\(date)\" is \(seconds - now) s from the verifier's clock")]
        }
        return []
    }

    /// `Content-Length` matching the body or chunked (not both), no `Content-Encoding`.
    static func framingProblems(_ r: HTTPResponseRecord) -> [CheckVerdict] {
        var problems: [CheckVerdict] = []
        let lengths = r.values(of: "Content-Length")
        if r.isChunked {
            if !lengths.isEmpty { problems.append(.fail("both Content-Length and Transfer-Encoding: chunked")) }
        } else if lengths.isEmpty {
            problems.append(.fail("neither Content-Length nor Transfer-Encoding: chunked"))
        } else if Set(lengths).count > 1 || Int(lengths[0].trimmingWhitespace()) != r.body.count {
            problems.append(
                .fail("Content-Length \(lengths.joined(separator: ", ")) does not match the \(r.body.count)-byte body"))
        }
        if let encoding = r.header("Content-Encoding"), encoding.lowercased() != "identity" {
            problems.append(.fail("Content-Encoding \(encoding): compression is not allowed"))
        }
        return problems
    }

    /// The `date-header` built-in: the `Date` rule of every response on its own.
    public static func dateRule(_ r: HTTPResponseRecord, now: Int?) -> CheckVerdict {
        .worst(
            dateProblems(r, now: now),
            passDetail: "Date \"\(r.header("Date") ?? "")\" is an IMF-fixdate"
                + (now == nil ? "" : " within \(dateTolerance) s of the verifier's clock"))
    }

    /// The `framing` built-in: the framing and compression rules on their own.
    public static func framingRule(_ r: HTTPResponseRecord) -> CheckVerdict {
        .worst(
            framingProblems(r),
            passDetail: r.isChunked ? "chunked, not compressed" : "Content-Length \(r.body.count), not compressed")
    }
}
