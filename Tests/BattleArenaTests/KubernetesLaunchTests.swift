import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// `KubernetesLaunch`'s order with a scripted runner: apply, ready, apply,
/// poll, logs, delete; and the delete on every way out (a failed step, a
/// failed Job, a timeout, Ctrl-C). The built binary against a fake kubectl
/// is `KubernetesRunTests` (end to end).
@Suite struct KubernetesLaunchTests {
    static let folder = "/tmp/k8s"

    /// Answers each step by its kind; records what it was asked.
    final class Script: Sendable {
        let asked = LockedBox<[KubectlStep]>([])
        let answer: @Sendable (KubectlStep, Int) throws -> KubernetesLaunch.StepResult

        init(_ answer: @escaping @Sendable (KubectlStep, Int) throws -> KubernetesLaunch.StepResult) {
            self.answer = answer
        }

        var runner: KubernetesLaunch.Runner {
            { step, _ in
                let n = self.asked.withLock {
                    $0.append(step)
                    return $0.filter { $0.kind == step.kind }.count
                }
                return try self.answer(step, n)
            }
        }
        var kinds: [KubectlStep.Kind] { asked.current.map(\.kind) }
    }

    static func ok(_ out: String = "") -> KubernetesLaunch.StepResult { .init(status: 0, stdout: out) }

    func launch(
        _ script: Script, agents: Int = 2, clock: LockedBox<Double> = LockedBox(0)
    ) async throws
        -> KubernetesLaunch.Report
    {
        let b = try KubernetesManifestsTests.battle(agents: agents)
        return await KubernetesLaunch.run(
            b, folder: Self.folder, runner: script.runner,
            pause: { s in clock.withLock { $0 += s } }, now: { clock.current })
    }

    @Test func theOrderIsApplyReadyApplyPollLogsDelete() async throws {
        let script = Script { step, n in
            switch step.kind {
            case .agentsStatus: Self.ok(n < 3 ? "" : "SuccessCriteriaMet Complete")
            case .agentLogs: Self.ok("{\"agent\": \(step.output ?? "")}")
            default: Self.ok()
            }
        }
        let report = try await launch(script)
        #expect(
            script.kinds == [
                .applyServer, .serverReady, .applyAgents, .agentsStatus, .agentsStatus, .agentsStatus, .agentLogs,
                .agentLogs, .serverLogs, .delete,
            ])
        #expect(report.failure == nil && report.interrupted == nil && report.deleteFailure == nil)
        #expect(report.collected.map(\.file) == ["agent-0.log", "agent-1.log", "server.log"])
        let asked = script.asked.current
        #expect(asked[0].arguments == ["apply", "--namespace", "bench", "-f", "/tmp/k8s/server.yaml"])
        #expect(asked[2].arguments == ["apply", "--namespace", "bench", "-f", "/tmp/k8s/agents.yaml"])
        #expect(asked[1].arguments.contains("deployment/battle-20261206-011500-server"))
        #expect(
            asked[6].arguments.contains(
                "battle.run=20261206-011500,battle.role=agent,batch.kubernetes.io/job-completion-index=0"))
        #expect(
            asked.last?.arguments == [
                "delete", "--namespace", "bench", "job,deployment,service,configmap", "-l",
                "battle.run=20261206-011500",
                "--ignore-not-found", "--timeout=120s",
            ])
    }

    @Test func aFailedJobStillKeepsTheLogsAndDeletes() async throws {
        let script = Script { step, _ in
            step.kind == .agentsStatus ? Self.ok("FailureTarget Failed") : Self.ok("log")
        }
        let report = try await launch(script, agents: 1)
        #expect(
            script.kinds == [.applyServer, .serverReady, .applyAgents, .agentsStatus, .agentLogs, .serverLogs, .delete])
        #expect(report.failure?.contains("the agents' Job failed") == true)
        #expect(report.collected.count == 2)
    }

    @Test func aServerThatNeverGetsReadyIsDeletedWithoutApplyingTheAgents() async throws {
        let script = Script { step, _ in
            step.kind == .serverReady
                ? .init(status: 1, stderr: "error: timed out waiting for the condition") : Self.ok()
        }
        let report = try await launch(script)
        #expect(script.kinds == [.applyServer, .serverReady, .delete])
        #expect(report.failure?.contains("rollout status") == true)
        #expect(report.failure?.contains("exited with status 1:\nerror: timed out waiting for the condition") == true)
    }

    @Test func theTimeoutEndsThePollingAndDeletes() async throws {
        let script = Script { _, _ in Self.ok("") }
        let report = try await launch(script, agents: 1)
        #expect(report.failure == "the agents did not finish within 900 s (--timeout)")
        // 900 s at one poll per 2 s, then the logs and the delete.
        #expect(script.kinds.filter { $0 == .agentsStatus }.count == 451)
        #expect(script.kinds.suffix(3) == [.agentLogs, .serverLogs, .delete])
    }

    @Test func ctrlCDuringTheWaitSkipsTheLogsAndDeletes() async throws {
        let script = Script { step, n in
            if step.kind == .agentsStatus && n == 2 { throw Interrupted(signal: SIGINT) }
            return Self.ok()
        }
        let report = try await launch(script)
        #expect(script.kinds == [.applyServer, .serverReady, .applyAgents, .agentsStatus, .agentsStatus, .delete])
        #expect(report.interrupted?.signal == SIGINT)
    }

    @Test func kubectlThatCannotStartIsAFailureAndTheDeleteIsStillTried() async throws {
        struct NoKubectl: Error {}
        let script = Script { _, _ in throw NoKubectl() }
        let report = try await launch(script)
        #expect(script.kinds == [.applyServer, .delete])
        #expect(report.failure?.contains("could not be started") == true)
        #expect(report.deleteFailure?.contains("could not be started") == true)
    }

    @Test func jobStates() {
        #expect(KubectlSteps.jobState("") == .running)
        #expect(KubectlSteps.jobState("SuccessCriteriaMet Complete") == .complete)
        #expect(KubectlSteps.jobState("FailureTarget Failed") == .failed)
        #expect(KubectlSteps.jobState("Suspended") == .running)
    }
}
