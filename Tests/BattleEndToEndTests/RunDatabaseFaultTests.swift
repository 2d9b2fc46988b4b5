import BattleCore
import Foundation
import Testing

extension RunHarness {
    /// The postmaster of the throwaway database battle runs in the sandbox's TMPDIR.
    static func postmasterPID(_ sandbox: Sandbox) -> Int32? {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.tmp)) ?? []).filter {
            $0.hasPrefix("battle-pg-")
        }
        for f in folders {
            if let text = try? String(contentsOfFile: "\(sandbox.tmp)/\(f)/data/postmaster.pid", encoding: .utf8),
                let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }), isAlive(pid)
            {
                return pid
            }
        }
        return nil
    }

    /// SIGKILLs the sandbox's postmaster, as the OOM killer would; returns its PID.
    static func killPostmaster(_ sandbox: Sandbox) -> Int32? {
        guard let pid = postmasterPID(sandbox) else { return nil }
        kill(pid, SIGKILL)
        return pid
    }
}

extension RunTests {
    /// fake-ok running plaintext then db, one second into its db level.
    static func startedInTheDatabaseLevel(_ sandbox: RunHarness.Sandbox) throws -> RunHarness.BattleProcess {
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--no-verify", "--duration", "3s", "--tests", "plaintext,db"] + RunHarness.quickFlags)
        #expect(p.waitForStderr("fake-ok: db c=8: trial 1/1", timeout: 120), "stderr:\n\(p.stderr)")
        usleep(1_000_000)
        return p
    }

    /// The issue's first fault: PostgreSQL SIGKILLed during a database level.
    /// battle says so in one line (time, contender, level, the log's end),
    /// starts a fresh database, runs the level again and completes (exit 0),
    /// with the incident recorded.
    @Test func databaseKilledDuringALevelIsRestartedAndTheLevelRunsAgain() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try Self.startedInTheDatabaseLevel(sandbox)
        let killed = RunHarness.killPostmaster(sandbox)
        #expect(killed != nil, "no postmaster found in \(sandbox.tmp)")
        let status = p.wait(timeout: 120)
        print("---- battle run, database killed once: exit \(status.map(String.init) ?? "none"); stderr:\n\(p.stderr)")
        #expect(status == ExitStatus.ok.rawValue, "stderr:\n\(p.stderr)")
        let line = try #require(p.stderr.split(separator: "\n").first { $0.contains("database: PostgreSQL failed at") })
        #expect(line.contains("during fake-ok db c=8"))
        #expect(line.contains("postmaster (PID \(killed ?? 0)) is gone"))
        #expect(line.contains("its log ends:"))
        #expect(
            p.stderr.contains(
                "database: starting a fresh PostgreSQL (re-seeded); fake-ok runs again from the start of db c=8"))

        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .complete)
        let incident = try #require(r.databaseIncidents?.first)
        #expect(r.databaseIncidents?.count == 1)
        #expect(incident.action == .restarted && incident.contender == "fake-ok" && incident.during == "db c=8")
        #expect(!incident.logTail.isEmpty)
        let ok = try #require(r.contender("fake-ok"))
        #expect(ok.status == .ok)
        #expect(ok.isComplete(tests: [.plaintext, .db], trials: 1), "\(ok.tests)")
        #expect(
            r.notes.contains {
                $0.contains("battle started a fresh one and ran fake-ok again from the start of db c=8")
            })
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Killed again after the restart: the database tests still to run are
    /// not run, the contender is `database-failed` (not its fault), what it
    /// measured is kept, the run is `partial` and battle exits 2.
    @Test func databaseKilledTwiceStopsTheDatabaseTestsAndExits2() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try Self.startedInTheDatabaseLevel(sandbox)
        #expect(RunHarness.killPostmaster(sandbox) != nil)
        #expect(p.waitForStderr("fake-ok: db c=8: trial 1/1", count: 2, timeout: 120), "stderr:\n\(p.stderr)")
        usleep(1_000_000)
        #expect(RunHarness.killPostmaster(sandbox) != nil, "no restarted postmaster")
        let status = p.wait(timeout: 120)
        print("---- battle run, database killed twice: exit \(status.map(String.init) ?? "none"); stderr:\n\(p.stderr)")
        #expect(status == ExitStatus.thresholdFailed.rawValue, "stderr:\n\(p.stderr)")
        #expect(p.stderr.components(separatedBy: "database: PostgreSQL failed at").count == 3)
        #expect(p.stderr.contains("the database failed again after a restart"))

        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .partial)
        #expect(r.databaseIncidents?.map(\.action) == [.restarted, .gaveUp])
        let c = try #require(r.contender("fake-ok"))
        #expect(c.status == .databaseFailed)
        #expect(
            c.failure?.contains("not measured because of the database, not this contender: db") == true,
            "\(c.failure ?? "")")
        #expect(
            c.result(for: .plaintext)?.levels.allSatisfy { $0.trials.count == 1 } == true,
            "plaintext was measured and is kept")
        #expect(
            c.result(for: .db)?.levels.allSatisfy { $0.trials.isEmpty } ?? true,
            "no db trial was recorded from a dead database")
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Killed while a contender without database tests ran: the next
    /// contender's session notices it (resetting the tables fails), the
    /// database is restarted, and that contender runs in full.
    @Test func databaseKilledBetweenContendersIsRestartedBeforeTheNext() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok-two", "fake-ok"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "json,db"] + RunHarness.quickFlags)
        #expect(p.waitForStderr("fake-ok-two: json c=8: trial 1/1", timeout: 120), "stderr:\n\(p.stderr)")
        #expect(RunHarness.killPostmaster(sandbox) != nil)
        let status = p.wait(timeout: 120)
        #expect(status == ExitStatus.ok.rawValue, "stderr:\n\(p.stderr)")
        #expect(p.stderr.contains("database: PostgreSQL failed at"), "stderr:\n\(p.stderr)")
        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .complete)
        #expect(r.databaseIncidents?.first?.during == "the start of its session (resetting the tables)")
        #expect(r.databaseIncidents?.first?.contender == "fake-ok")
        #expect(r.contender("fake-ok")?.isComplete(tests: [.json, .db], trials: 1) == true)
        #expect(r.contender("fake-ok-two")?.status == .ok)
        RunHarness.expectNothingLeft(sandbox)
    }

    /// A database of the user's (--database-url) that dies is never
    /// restarted: the incident says `not-restarted`, the database tests stop,
    /// the contender is `database-failed`, the run `partial`, exit 2.
    @Test func aDatabaseURLThatDiesStopsTheDatabaseTestsAndExits2() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let pg = sandbox.dir + "/user-pg"
        let port = Int.random(in: 20_000..<40_000)
        try #require(RunHarness.sh("\(RunHarness.repo)/scripts/dev-postgres start \(pg) \(port) >/dev/null") == 0)
        defer { _ = RunHarness.sh("\(RunHarness.repo)/scripts/dev-postgres stop \(pg) >/dev/null 2>&1") }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok"],
            arguments: [
                "--no-verify", "--duration", "3s", "--tests", "db,json", "--database-url",
                "postgres://battle@127.0.0.1:\(port)/battle",
            ]
                + RunHarness.quickFlags)
        #expect(p.waitForStderr("fake-ok: db c=8: trial 1/1", timeout: 120), "stderr:\n\(p.stderr)")
        let text = try String(contentsOfFile: pg + "/data/postmaster.pid", encoding: .utf8)
        let pid = try #require(text.split(separator: "\n").first.flatMap { Int32($0) })
        kill(pid, SIGKILL)
        let status = p.wait(timeout: 120)
        #expect(status == ExitStatus.thresholdFailed.rawValue, "stderr:\n\(p.stderr)")
        #expect(p.stderr.contains("the health query (SELECT 1) failed"), "stderr:\n\(p.stderr)")
        #expect(p.stderr.contains("battle does not restart a database it did not start"))
        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .partial)
        #expect(r.databaseIncidents?.map(\.action) == [.notRestarted])
        let c = try #require(r.contender("fake-ok"))
        #expect(c.status == .databaseFailed)
        #expect(c.result(for: .json)?.levels.allSatisfy { $0.trials.count == 1 } == true, "json still ran")
        RunHarness.expectNothingLeft(sandbox)
    }
}
