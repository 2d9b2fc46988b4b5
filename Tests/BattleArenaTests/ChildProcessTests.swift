import BattleCore
import Foundation
import Testing

@testable import BattleArena

@Suite struct ChildProcessTests {
    let env = ProcessInfo.processInfo.environment

    @Test func runsInItsOwnProcessGroupAndReportsExit() async throws {
        let supervisor = ProcessSupervisor()
        let c = try ChildProcess.spawn(["/bin/sh", "-c", "exit 7"], environment: env, supervisor: supervisor)
        #expect(c.pgid == c.pid)
        let t = try await c.wait(timeout: 10, interruption: nil)
        #expect(t?.status == 7)
        #expect(supervisor.live.isEmpty)
    }

    @Test func capturesOutputAndRunsInTheGivenFolder() async throws {
        let out = try await CapturedCommand.run(["/bin/sh", "-c", "pwd; echo oops >&2"], environment: env, directory: "/usr")
        #expect(out.succeeded)
        #expect(out.stdout == "/usr\n")
        #expect(out.stderr == "oops\n")
        #expect(out.firstLine == "/usr")
    }

    @Test func stopEscalatesToSIGKILLForTheWholeGroup() throws {
        // The shell ignores SIGTERM and has a child that does too.
        let c = try ChildProcess.spawn(
            ["/bin/sh", "-c", "trap '' TERM; sleep 30 & wait"], environment: env, supervisor: nil)
        usleep(200_000)
        let start = MonotonicClock.seconds
        let (t, killed) = c.stop(grace: 0.5)
        #expect(killed)
        #expect(t.signal == SIGKILL)
        #expect(MonotonicClock.seconds - start < 5)
        // The group's other member (sleep) was killed too; it may linger as a
        // zombie of whoever adopted it, but nothing in the group still runs.
        #expect(!c.groupAlive)
    }

    @Test func stopIsGentleWhenTheChildCooperates() throws {
        let c = try ChildProcess.spawn(["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.05; done"], environment: env, supervisor: nil)
        usleep(200_000)
        let (t, killed) = c.stop(grace: 5)
        #expect(!killed)
        #expect(t.status == 0)
    }

    @Test func interruptionStopsAWait() async throws {
        let c = try ChildProcess.spawn(["/bin/sh", "-c", "sleep 30"], environment: env, supervisor: nil)
        defer { _ = c.stop(grace: 1) }
        let flag = Interruption()
        flag.trigger(signal: SIGINT)
        await #expect(throws: Interrupted.self) { _ = try await c.wait(timeout: 10, interruption: flag) }
    }

    @Test func supervisorStopsLeftovers() throws {
        let supervisor = ProcessSupervisor()
        let c = try ChildProcess.spawn(["/bin/sh", "-c", "sleep 30"], environment: env, supervisor: supervisor)
        #expect(supervisor.live.map(\.pid) == [c.pid])
        supervisor.stopAll(grace: 1, logger: .init(label: "test"))
        #expect(c.poll() != nil)
        #expect(supervisor.live.isEmpty)
    }

    @Test func spawnFailureNamesTheCommand() {
        do {
            _ = try ChildProcess.spawn(["/no/such/program"], environment: env, supervisor: nil)
            Issue.record("spawned a missing program")
        } catch {
            #expect(error.description.contains("/no/such/program"))
        }
    }
}
