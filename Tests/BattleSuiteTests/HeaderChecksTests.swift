import BattleCore
import BattleSuite
import Testing

@Suite struct HeaderChecksTests {
    @Test func correctResponsesPass() {
        #expect(HeaderChecks.check(Canned.plaintext, test: .plaintext, now: Canned.now).outcome == .pass)
        #expect(HeaderChecks.check(Canned.json, test: .json, now: Canned.now).outcome == .pass)
        let withCharset = Canned.response("Hello, World!", type: "text/plain; charset=UTF-8")
        #expect(HeaderChecks.check(withCharset, test: .plaintext).outcome == .pass)
    }

    @Test func missingServerFails() {
        let r = Canned.response("Hello, World!", type: "text/plain", server: nil)
        let v = HeaderChecks.check(r, test: .plaintext)
        #expect(v.outcome == .fail)
        #expect(v.detail.contains("Server"))
        #expect(
            HeaderChecks.check(Canned.response("x", type: "text/plain", server: " "), test: .plaintext).outcome == .fail
        )
    }

    @Test func wrongContentTypeFails() {
        #expect(HeaderChecks.check(Canned.response("{}", type: "text/plain"), test: .json).outcome == .fail)
        #expect(HeaderChecks.check(Canned.response("{}", type: nil), test: .json).outcome == .fail)
        #expect(
            HeaderChecks.check(Canned.response("x", type: "text/plain; charset=latin1"), test: .plaintext).outcome
                == .fail)
        // fortunes needs the charset
        #expect(HeaderChecks.check(Canned.response("x", type: "text/html"), test: .fortunes).outcome == .fail)
        #expect(
            HeaderChecks.check(Canned.response("x", type: "text/html;charset=utf-8"), test: .fortunes).outcome == .pass)
    }

    @Test func badDatesFail() {
        let asctime = Canned.response("x", type: "text/plain", date: "Sun Nov  6 08:49:37 1994")
        #expect(HeaderChecks.check(asctime, test: .plaintext).outcome == .fail)
        let wrongWeekday = Canned.response("x", type: "text/plain", date: "Mon, 06 Nov 1994 08:49:37 GMT")
        #expect(HeaderChecks.check(wrongWeekday, test: .plaintext).outcome == .fail)
        let stale = Canned.response("x", type: "text/plain", date: HTTPDate.format(Canned.now - 3600))
        #expect(HeaderChecks.check(stale, test: .plaintext, now: Canned.now).outcome == .fail)
    }

    @Test func framingAndCompression() {
        var r = Canned.plaintext
        r.headers.removeAll { $0.name == "Content-Length" }
        #expect(HeaderChecks.check(r, test: .plaintext).outcome == .fail)
        r.headers.append((name: "Transfer-Encoding", value: "chunked"))
        #expect(HeaderChecks.check(r, test: .plaintext).outcome == .pass)
        var wrongLength = Canned.plaintext
        wrongLength.headers = wrongLength.headers.map {
            $0.name == "Content-Length" ? (name: $0.name, value: "12") : $0
        }
        #expect(HeaderChecks.check(wrongLength, test: .plaintext).outcome == .fail)
        var gzip = Canned.plaintext
        gzip.headers.append((name: "Content-Encoding", value: "gzip"))
        #expect(HeaderChecks.check(gzip, test: .plaintext).outcome == .fail)
    }

    @Test func statusMustMatch() {
        #expect(
            HeaderChecks.check(Canned.response("x", type: "text/plain", status: 500), test: .plaintext).outcome == .fail
        )
        #expect(
            HeaderChecks.check(Canned.response("{}", status: 400), test: .orders, expectedStatus: 400).outcome == .pass)
    }

    @Test func httpDateRoundTrips() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.parse("Sat, 29 Feb 2025 00:00:00 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 6 Nov 1994 08:49:37 GMT") == nil)
        for t in stride(from: 0, to: 2_000_000_000, by: 12_345_677) {
            #expect(HTTPDate.parse(HTTPDate.format(t)) == t)
        }
    }
}
