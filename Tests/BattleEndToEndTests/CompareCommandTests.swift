import BattleCore
import Foundation
import Testing

/// `battle compare` on fixed results files: a real regression is flagged
/// and sets the exit status; a change within noise is not.
@Suite("battle compare (end to end)")
struct CompareCommandTests {
    let old = ReportE2E.fixtures + "/compare-old.json"
    let regressed = ReportE2E.fixtures + "/compare-new-regressed.json"
    let noise = ReportE2E.fixtures + "/compare-new-noise.json"

    @Test func aRealRegressionIsFlaggedAndFailsTheGate() throws {
        let r = try ReportE2E.battle(["compare", old, regressed, "--fail-on-regression", "5"])
        #expect(r.status == ExitStatus.thresholdFailed.rawValue, "stdout:\n\(r.stdout)\nstderr:\n\(r.stderr)")
        #expect(r.stdout.contains("2 significant regressions"))
        #expect(r.stdout.contains("--fail-on-regression 5%: FAILED"))
        #expect(r.stdout.contains("rust json c=64: req/s -12.0%"))
    }

    @Test func aRegressionSmallerThanTheGateOnlyReports() throws {
        // req/s fell 12% and p99 rose 48%: a 60% gate lets both through.
        let r = try ReportE2E.battle(["compare", old, regressed, "--fail-on-regression", "60%"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("2 significant regressions"))
        #expect(r.stdout.contains("passed"))
        // Without a gate, a regression is reported and the exit status stays 0.
        #expect(try ReportE2E.battle(["compare", old, regressed]).status == 0)
    }

    @Test func changesWithinNoiseAreNotFlagged() throws {
        let r = try ReportE2E.battle(["compare", old, noise, "--fail-on-regression", "1"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("0 significant regressions, 0 improvements, 12 within noise"))
        #expect(!r.stdout.contains("regression  "))
    }

    @Test func markdownOutputForAPullRequest() throws {
        let r = try ReportE2E.battle(["compare", old, regressed, "--markdown", "--fail-on-regression", "5"])
        #expect(r.status == ExitStatus.thresholdFailed.rawValue)
        #expect(r.stdout.hasPrefix("## battle compare: 20261128-100000 → 20261129-100000"))
        #expect(r.stdout.contains("| json | rust | c=64 | req/s | 68.4k | 60.2k | -12.0% |"))
        #expect(r.stdout.contains("**regression**"))
    }

    @Test func badArgumentsAndFilesNameTheProblem() throws {
        let flag = try ReportE2E.battle(["compare", old, noise, "--fail-on-regression", "lots"])
        #expect(flag.status == ExitStatus.usage.rawValue)
        #expect(flag.stderr.contains("--fail-on-regression 'lots' is not a percentage"))
        let missing = try ReportE2E.battle(["compare", old, "/nonexistent/run"])
        #expect(missing.status == ExitStatus.failure.rawValue)
        #expect(missing.stderr.contains("/nonexistent/run"))
    }
}
