import BattleCore
import Foundation

/// Where a session interrupted by a database failure starts again: the test
/// and the level it was on (the level runs again from its start).
struct ResumePoint: Equatable {
    var test: SuiteTest
    var level: String?
}

/// The database failed while the run used it: its server exited or stopped answering.
struct DatabaseLost: Error, CustomStringConvertible {
    var at = Date()
    var contender: String?
    var during: String
    var problem: String
    var logTail: [String]
    /// nil: the whole session runs again (verification, the start of a session).
    var resume: ResumePoint?

    /// The one line battle prints: when, during what, why, and the server log's last lines.
    var description: String {
        let who = contender.map { "\($0) " } ?? ""
        let log = logTail.isEmpty ? "" : "; its log ends: " + logTail.suffix(3).joined(separator: " | ")
        return "database: PostgreSQL failed at \(Self.clock(at)) UTC during \(who)\(during): \(problem)\(log)"
    }

    static func clock(_ d: Date) -> String {
        var t = time_t(d.timeIntervalSince1970)
        var tm = tm()
        gmtime_r(&t, &tm)
        return String(format: "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec)
    }
}

extension ArenaRun {
    /// Runs a contender's session; when the database fails during it, starts
    /// a fresh one (once per run; never for --database-url) and runs the
    /// session again from the interrupted level. When it cannot, the
    /// database tests still to run are dropped and the session goes on
    /// with the others.
    func recovering(_ session: (ResumePoint?) async throws -> Void) async throws {
        var resume: ResumePoint?
        while true {
            do {
                try await session(resume)
                return
            } catch let lost as DatabaseLost {
                try interruption.check()
                try await recover(from: lost)
                resume = lost.resume
            }
        }
    }

    /// Records the incident and restarts the database, or gives its tests up.
    func recover(from lost: DatabaseLost) async throws {
        say(lost.description)
        var incident = DatabaseIncident(
            at: lost.at, contender: lost.contender, during: lost.during, problem: lost.problem, logTail: lost.logTail,
            action: .restarted)
        let again =
            lost.resume.map { "from the start of \($0.test.rawValue)\($0.level.map { " \($0)" } ?? "")" }
            ?? "from the start of its session"
        if let life = databaseLife, databaseRestarts == 0 {
            databaseRestarts += 1
            say(
                "database: starting a fresh PostgreSQL (re-seeded); \(lost.contender ?? "the next contender") runs again \(again)"
            )
            do {
                database = try await life.startFresh()
                results.databaseIncidents = (results.databaseIncidents ?? []) + [incident]
                note(
                    "the database failed during \(lost.contender.map { "\($0) " } ?? "")\(lost.during) (\(lost.problem)); battle started a fresh one and ran \(lost.contender ?? "the contender") again \(again)"
                )
                save()
                return
            } catch let e as Interrupted {
                throw e
            } catch {
                incident.action = .gaveUp
                incident.restartError = String(describing: error)
                say("database: the restart failed: \(String(describing: error).split(separator: "\n").first ?? "")")
            }
        } else {
            incident.action = databaseLife == nil ? .notRestarted : .gaveUp
        }
        results.databaseIncidents = (results.databaseIncidents ?? []) + [incident]
        let reason: String
        switch incident.action {
        case .notRestarted:
            reason =
                "the database of --database-url failed (\(lost.problem)); battle does not restart a database it did not start"
        case .gaveUp where incident.restartError != nil:
            reason = "the database failed (\(lost.problem)) and could not be restarted"
        default: reason = "the database failed again after a restart (\(lost.problem))"
        }
        giveUpDatabase(reason)
    }

    /// No database test runs any more: each is dropped from every plan and
    /// recorded as lost to the database, the run ends `partial`.
    func giveUpDatabase(_ reason: String) {
        databaseGone = reason
        say("database: \(reason): the database tests still to run are not run")
        note(
            "\(reason): the database tests still to run were not run (contenders marked database-failed; not their fault)"
        )
        database = nil
        databaseLife?.stop()
        for id in slots.ids {
            let dropped = (slots[id].tests + slots[id].capacityTests).filter(usesDatabase)
            slots[id].tests.removeAll(where: usesDatabase)
            slots[id].capacityTests.removeAll(where: usesDatabase)
            for t in dropped where !slots[id].lostToDatabase.contains(t) { slots[id].lostToDatabase.append(t) }
        }
        save()
    }

    /// Whether `test` needs the database: a Battle Suite database test, or any
    /// test of a data suite that seeds or reads one.
    func usesDatabase(_ test: SuiteTest) -> Bool {
        test.usesDatabase || (!test.isBuiltin && options.dataSuite?.usesDatabase == true)
    }

    /// During a database test: throws when the postmaster battle started is gone.
    func watchDatabase(_ level: LevelSpec, contender: String) throws {
        guard usesDatabase(level.test), let db = database, db.postmasterAlive() == false else { return }
        throw DatabaseLost(
            contender: contender, during: "\(level.test.rawValue) \(level.label)",
            problem: "its postmaster (PID \(db.postmasterPID ?? 0)) is gone",
            logTail: db.logTail(), resume: ResumePoint(test: level.test, level: level.label))
    }

    /// After a database test's load run: throws when the database no longer answers.
    func checkDatabase(_ level: LevelSpec, contender: String) async throws {
        guard usesDatabase(level.test), let db = database, let problem = await db.healthProblem() else { return }
        try interruption.check()
        throw DatabaseLost(
            contender: contender, during: "\(level.test.rawValue) \(level.label)", problem: problem,
            logTail: db.logTail(),
            resume: ResumePoint(test: level.test, level: level.label))
    }

    /// Throws when the database no longer answers, outside a level (a
    /// session's start, verification): the whole session runs again.
    func checkDatabase(during: String, contender: String) async throws {
        guard let db = database, let problem = await db.healthProblem() else { return }
        try interruption.check()
        throw DatabaseLost(contender: contender, during: during, problem: problem, logTail: db.logTail(), resume: nil)
    }
}
