/// battle's exit codes, the same for every command (documented in README.md).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything asked for was done.
    case ok = 0
    /// battle itself failed: an I/O error, a crash of its own, a bad results file.
    case failure = 1
    /// A threshold was not met: `--fail-on-regression`, an SLO, a failed verification.
    case thresholdFailed = 2
    /// Nothing could be measured: the target was unreachable, every request
    /// failed, or no contender could be run.
    case nothingMeasured = 3
    /// Bad flags or arguments (swift-argument-parser's validation code).
    case usage = 64
    /// Stopped by Ctrl-C (SIGINT) or SIGTERM; partial results were kept.
    case interrupted = 130
}
