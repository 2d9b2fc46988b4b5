import BattleCore
import Foundation
import Testing

extension RunTests {
    /// SIGTERM to battle mid-level: the same as Ctrl-C (partial results,
    /// exit 130, nothing left), with the reason saying SIGTERM.
    @Test func sigtermMidLevelStopsEverythingAndExits130() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--no-verify", "--duration", "4s", "--tests", "plaintext,db"] + RunHarness.quickFlags)
        #expect(p.waitForStderr("fake-ok: plaintext c=8 p=16: trial 1/1", timeout: 120), "stderr:\n\(p.stderr)")
        usleep(1_000_000)
        kill(p.process.processIdentifier, SIGTERM)
        #expect(p.wait(timeout: 60) == ExitStatus.interrupted.rawValue, "stderr:\n\(p.stderr)")
        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .partial)
        let c = try #require(r.contender("fake-ok"))
        #expect(c.status == .interrupted)
        #expect(c.failure?.contains("stopped by SIGTERM") == true, "\(c.failure ?? "")")
        #expect(c.result(for: .plaintext)?.levels.first?.trials.count == 1)
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Ctrl-C while the database starts (initdb, pg_ctl start, seeding):
    /// exit 130, no PostgreSQL process or folder left.
    @Test func ctrlCDuringTheDatabaseStartLeavesNothing() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "db"] + RunHarness.quickFlags)
        #expect(p.waitForStderr("database: starting a throwaway PostgreSQL", timeout: 120), "stderr:\n\(p.stderr)")
        usleep(300_000)
        kill(p.process.processIdentifier, SIGINT)
        #expect(p.wait(timeout: 60) == ExitStatus.interrupted.rawValue, "stderr:\n\(p.stderr)")
        #expect(!p.stderr.contains("fake-ok: db c=8: trial"), "the database was already up: \(p.stderr)")
        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .partial)
        #expect(r.contender("fake-ok")?.status == .interrupted)
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Ctrl-C during verification: exit 130, the contender `interrupted`
    /// (not `verify-failed`), nothing left.
    @Test func ctrlCDuringVerificationLeavesNothing() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok"], arguments: ["--tests", "plaintext,json,db"] + RunHarness.quickFlags)
        #expect(p.waitForStderr("fake-ok: verifying", timeout: 120), "stderr:\n\(p.stderr)")
        kill(p.process.processIdentifier, SIGINT)
        #expect(p.wait(timeout: 60) == ExitStatus.interrupted.rawValue, "stderr:\n\(p.stderr)")
        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .partial)
        let c = try #require(r.contender("fake-ok"))
        #expect(c.status == .interrupted, "\(c.status): \(c.failure ?? "")")
        #expect(c.tests.isEmpty)
        RunHarness.expectNothingLeft(sandbox)
    }

    /// A contender that ignores SIGTERM and leaves a grandchild in a new
    /// session that ignores it too: battle SIGKILLs the contender after its
    /// grace and finds the grandchild through the contender's cgroup.
    @Test func aStubbornContenderAndItsEscapedGrandchildAreStopped() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-escape-stubborn"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "plaintext"] + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let c = try #require(out.results?.contender("fake-escape-stubborn"))
        #expect(c.exit?.killed == true && c.exit?.signal == SIGKILL, "\(String(describing: c.exit))")
        let notes = out.results?.notes ?? []
        #expect(notes.contains { $0.contains("did not exit within 2.0s of SIGTERM and was killed") }, "notes: \(notes)")
        #expect(notes.contains { $0.contains("fake-escape-stubborn left processes running") }, "notes: \(notes)")
        let escaped = ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.pids)) ?? []).filter { file in
            (try? String(contentsOfFile: sandbox.pids + "/" + file, encoding: .utf8)) == "escaped"
        }
        #expect(escaped.count == 1, "the fake did not start its escaping grandchild")
        RunHarness.expectNothingLeft(sandbox)
    }

    /// `battle load` that does not finish (it ignores SIGTERM) is SIGKILLed
    /// by the arena at its deadline: the trial is missing, a note says why,
    /// the contender is not blamed, and battle exits 1 (its own tool failed).
    @Test func aLoadGeneratorKilledByTheArenaIsBattlesFailure() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let wrapper = sandbox.dir + "/load-wrapper.sh"
        try """
        #!/bin/sh
        # The first json run hangs and ignores SIGTERM; everything else is the real load generator.
        case "$*" in
          */json*) if mkdir \(sandbox.dir)/hung-once 2>/dev/null; then trap '' TERM; exec sleep 600; fi ;;
        esac
        exec \(sandbox.battle) "$@"
        """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "plaintext,json", "--load-generator", wrapper]
                + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.failure.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results)
        #expect(r.status == .complete)
        let c = try #require(r.contender("fake-ok"))
        #expect(c.status == .ok, "the contender is not blamed")
        #expect(c.result(for: .plaintext)?.levels.allSatisfy { $0.trials.count == 1 } == true)
        // The hung run was json's primer; its measured level ran.
        #expect(c.result(for: .json)?.levels.allSatisfy { $0.trials.count == 1 } == true)
        #expect(
            r.notes.contains {
                $0.contains("the load generator failed during") && $0.contains("did not finish within")
            }, "\(r.notes)")
        RunHarness.expectNothingLeft(sandbox)
    }
}
