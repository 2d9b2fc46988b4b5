import ArgumentParser
import BattleCore
import BattleReport
import Foundation

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show what changed between two runs: req/s, p99 and peak memory per contender and test.",
        discussion: """
            OLD and NEW are run folders or their results.json. A change is significant only when the trials of the two runs do not overlap and the change exceeds 3 × the larger relative MAD of the two runs (and at least 1%); anything else is within noise. Runs with one trial per level cannot be judged. Details: docs/REPORTS.md.

            Exit status: 0 ok; 2 with --fail-on-regression when a significant regression is worse than PCT, or a contender measured in OLD failed in NEW; 1 when a file cannot be read.

            Examples:
              battle compare results/20261128-090000 results/latest
              battle compare OLD NEW --fail-on-regression 5 --markdown
            """)

    enum Levels: String, ExpressibleByArgument, CaseIterable {
        /// The level where OLD peaked, in both runs.
        case best
        /// Every level whose label is in both runs.
        case matching
    }

    @Argument(help: "The earlier run: a run folder or its results.json.")
    var old: String

    @Argument(help: "The later run: a run folder or its results.json.")
    var new: String

    @Option(
        name: .customLong("fail-on-regression"),
        help: ArgumentHelp(
            "Exit with status 2 when a significant regression is worse than PCT percent (5 or 5%).", valueName: "PCT"))
    var failOnRegression: String?

    @Option(help: "best: the level where OLD's req/s peaked, in both runs; matching: every level with the same label.")
    var levels: Levels = .best

    @Flag(help: "Print Markdown (for a pull request) instead of the terminal table.")
    var markdown = false

    @Flag(help: "Do not colour the table.")
    var noColor = false

    func validate() throws {
        if let text = failOnRegression, Self.percent(text) == nil {
            throw ValidationError(
                "--fail-on-regression '\(text)' is not a percentage; write a number like 5 or 5% (5 = fail on regressions worse than 5%)"
            )
        }
    }

    static func percent(_ text: String) -> Double? {
        let t = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let v = Double(t), v.isFinite, v >= 0, v < 1000 else { return nil }
        return v
    }

    func run() async throws {
        let a = try ReportCommand.read(old)
        let b = try ReportCommand.read(new)
        if let why = Comparison.suiteMismatch(a, b) { throw CommandFailure(.usage, why) }
        let comparison = Comparison(old: a, new: b, matching: levels == .best ? .best : .matching)
        let limit = failOnRegression.flatMap(Self.percent)
        let color =
            !noColor && !markdown && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let text =
            markdown
            ? CompareReport.markdown(comparison, failOn: limit)
            : CompareReport.text(comparison, failOn: limit, color: color)
        try CommandOutput.write(text)
        if limit != nil && comparison.unknownCount > 0 {
            StandardStream.error.write(
                "warning: \(comparison.unknownCount) changes could not be judged: a run has fewer than two trials per level (run with more trials to compare)\n"
            )
        }
        if let limit, !comparison.failures(worseThan: limit).isEmpty {
            throw ExitCode(ExitStatus.thresholdFailed.rawValue)
        }
    }
}
