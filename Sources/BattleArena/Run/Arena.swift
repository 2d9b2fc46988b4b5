import BattleCore
import Foundation
import Logging

/// `battle run`: builds the contenders, starts a database, runs each
/// contender pinned to its CPUs, verifies it, drives the load plan, samples
/// its processes, searches its capacity under an SLO, and writes
/// `results/<id>/results.json` after every contender session.
public enum Arena {
    public struct Outcome: Sendable {
        public var results: RunResults
        public var store: ResultsStore
        public var exitStatus: ExitStatus
        /// Set when results.json could not be written: the failed write, and
        /// where the complete results are instead (nil when that failed too).
        public var unsaved: (error: String, fallback: String?)?
    }

    /// Runs the whole battle. Returns normally when interrupted too (results
    /// marked partial, exit status 130); throws only when the run folder
    /// cannot be created.
    public static func run(
        _ options: ArenaOptions, logger: Logger, interruption: Interruption, progress: ProgressTracker
    ) async throws -> Outcome {
        let run = try ArenaRun(options: options, logger: logger, interruption: interruption, progress: progress)
        await run.execute()
        var status: ExitStatus =
            run.stoppedByError != nil && !interruption.isTriggered
            ? .failure : exitStatus(run.results, interrupted: interruption.isTriggered)
        // A trial lost to the load generator, or results that did not reach
        // results.json, are battle's own failures.
        if run.loadFailures > 0 && !interruption.isTriggered { status = .failure }
        if run.unsavedError != nil { status = .failure }
        return Outcome(
            results: run.results, store: run.store, exitStatus: status,
            unsaved: run.unsavedError.map { ($0, run.fallbackFile) })
    }

    /// (1 when the run stopped on an error of battle's own, the load
    /// generator failed, or results.json could not be written: decided by `run`.)
    /// 130 when interrupted; 3 when no contender was measured; 2 when some
    /// contender did not finish (manifest, build, start, verification, crash
    /// or hang: the others' results are complete); 0 otherwise.
    public static func exitStatus(_ r: RunResults, interrupted: Bool) -> ExitStatus {
        if interrupted { return .interrupted }
        // A contender that lost database tests to the database was measured (on the rest).
        if !r.contenders.contains(where: { $0.status == .ok || $0.status == .databaseFailed }) {
            return .nothingMeasured
        }
        if r.contenders.contains(where: { $0.status != .ok }) || r.status != .complete { return .thresholdFailed }
        return .ok
    }
}
