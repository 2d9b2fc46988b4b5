/// `battle k8s run`'s sequence, apart from the processes it starts: the
/// runner performs a `KubectlStep` (the command runs `kubectl`; tests pass a
/// fake), `pause` waits between polls. Whatever happens (a step fails, the
/// agents fail or time out, Ctrl-C) the last step deletes everything with
/// the run's label; logs are collected whenever the agents were applied and
/// battle was not interrupted.
public enum KubernetesLaunch {
    public struct StepResult: Sendable, Equatable {
        /// The exit status; nil when the step did not end within its timeout.
        public var status: Int32?
        public var stdout: String
        public var stderr: String

        public init(status: Int32?, stdout: String = "", stderr: String = "") {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Performs a step; `interruptible` is false for the delete, which must
    /// run to its end even after Ctrl-C. Throws `Interrupted` on Ctrl-C, or
    /// any other error when the step could not be started.
    public typealias Runner = @Sendable (_ step: KubectlStep, _ interruptible: Bool) async throws -> StepResult

    public struct Report: Sendable {
        /// Every step made, in order, with what it gave.
        public var steps: [(step: KubectlStep, result: StepResult?)] = []
        /// Each log kept: the file name (in the output folder) and its text.
        public var collected: [(file: String, text: String)] = []
        /// Why the battle failed, when it did.
        public var failure: String?
        public var interrupted: Interrupted?
        /// The delete's failure: things may be left in the cluster.
        public var deleteFailure: String?
    }

    /// Seconds between two polls of the Job's status.
    public static let pollInterval = 2.0

    public static func run(
        _ b: KubernetesBattle, folder: String, runner: Runner, pause: @Sendable (Double) async throws -> Void,
        now: @Sendable () -> Double, progress: @Sendable (String) -> Void = { _ in }
    ) async -> Report {
        var report = Report()

        /// Runs a step; nil when it stopped the battle (failure or interruption, recorded).
        func perform(_ step: KubectlStep, interruptible: Bool = true) async -> StepResult? {
            do {
                let r = try await runner(step, interruptible)
                report.steps.append((step, r))
                return r
            } catch let i as Interrupted {
                report.steps.append((step, nil))
                report.interrupted = i
            } catch {
                report.steps.append((step, nil))
                report.failure = "\(step) could not be started: \(error)"
            }
            return nil
        }
        func succeeded(_ step: KubectlStep, _ r: StepResult?) -> Bool {
            guard let r else { return false }
            guard r.status == 0 else {
                let why =
                    r.status.map { "exited with status \($0)" } ?? "did not end within \(Int(step.timeoutSeconds)) s"
                let tail = r.stderr.split(separator: "\n").suffix(5).joined(separator: "\n")
                report.failure = "\(step) \(why)" + (tail.isEmpty ? "" : ":\n\(tail)")
                return false
            }
            return true
        }

        var agentsApplied = false
        setup: do {
            progress("applying the server (\(KubernetesManifests.serverName(b)))")
            let s1 = KubectlSteps.applyServer(b, folder: folder)
            guard succeeded(s1, await perform(s1)) else { break setup }
            progress("waiting for the server to be ready")
            let s2 = KubectlSteps.serverReady(b)
            guard succeeded(s2, await perform(s2)) else { break setup }
            progress("applying \(b.agents) load agent\(b.agents == 1 ? "" : "s") (\(KubernetesManifests.jobName(b)))")
            let s3 = KubectlSteps.applyAgents(b, folder: folder)
            // From here agents' pods may exist even when the apply reports
            // an error (it applies object by object), so their logs are asked for.
            agentsApplied = true
            guard succeeded(s3, await perform(s3)) else { break setup }
            progress("waiting for the agents to finish")
            let deadline = now() + Double(b.timeoutSeconds)
            while true {
                let s4 = KubectlSteps.agentsStatus(b)
                guard let r = await perform(s4), succeeded(s4, r) else { break setup }
                switch KubectlSteps.jobState(r.stdout) {
                case .complete: break setup
                case .failed:
                    report.failure =
                        "the agents' Job failed (an agent exited non-zero or passed the deadline); see agent-*.log"
                    break setup
                case .running:
                    guard now() < deadline else {
                        report.failure = "the agents did not finish within \(b.timeoutSeconds) s (--timeout)"
                        break setup
                    }
                    do {
                        try await pause(pollInterval)
                    } catch let i as Interrupted {
                        report.interrupted = i
                        break setup
                    } catch {
                        report.failure = "waiting for the agents failed: \(error)"
                        break setup
                    }
                }
            }
        }

        if agentsApplied && report.interrupted == nil {
            progress("collecting the logs")
            let failureBefore = report.failure
            for step in KubectlSteps.logs(b) {
                guard let r = await perform(step) else { break }
                if r.status == 0, let file = step.output { report.collected.append((file, r.stdout)) }
                if r.status != 0 {
                    _ = succeeded(step, r)
                    if let failureBefore { report.failure = failureBefore }  // the first failure tells most
                }
            }
        }

        progress("deleting everything labelled \(KubernetesManifests.runSelector(b))")
        let d = KubectlSteps.delete(b)
        do {
            let r = try await runner(d, false)
            report.steps.append((d, r))
            if r.status != 0 {
                report.deleteFailure =
                    "\(d) " + (r.status.map { "exited with status \($0)" } ?? "did not end in time") + ": "
                    + r.stderr.split(separator: "\n").suffix(3).joined(separator: " ")
            }
        } catch {
            report.steps.append((d, nil))
            report.deleteFailure = "\(d) could not be started: \(error)"
        }
        return report
    }
}
