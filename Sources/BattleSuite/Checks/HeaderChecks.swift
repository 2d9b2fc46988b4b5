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
        if let date = r.header("Date") {
            if let seconds = HTTPDate.parse(date) {
                if let now, abs(seconds - now) > dateTolerance {
                    problems.append(.fail("Date \"\(date)\" is \(seconds - now) s from the verifier's clock"))
                }
            } else {
                problems.append(
                    .fail("Date \"\(date)\" is not an IMF-fixdate (RFC 9110), e.g. \"\(HTTPDate.format(784_111_777))\"")
                )
            }
        } else {
            problems.append(.fail("no Date header"))
        }
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
}
