import BattleCore
import BattleSuite
import Testing

@testable import BattleArena

@Suite struct VerificationTextTests {
    @Test func tableNamesEveryCheck() {
        let record = VerificationRecord(
            skipped: false,
            checks: [
                CheckResult(test: nil, name: "reachable", outcome: .pass, detail: "ok"),
                CheckResult(test: .db, name: "query-count", outcome: .fail, detail: "0 world reads"),
                CheckResult(test: .json, name: "body", outcome: .warn, detail: "extra keys"),
            ])
        let text = VerificationText.render(record, target: "http://127.0.0.1:1")
        #expect(text.contains("db      query-count  FAIL    0 world reads"))
        #expect(text.contains("1 passed, 1 warned, 1 failed; failing tests: db"))
    }
}
