/// One `kubectl` call of `battle k8s run`, as data: what it is for, its
/// arguments (after `kubectl`), how long it may take, and the file its
/// standard output is kept in (the agents' and the server's logs).
public struct KubectlStep: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case applyServer, serverReady, applyAgents, agentsStatus, agentLogs, serverLogs, delete
    }

    public var kind: Kind
    public var arguments: [String]
    public var timeoutSeconds: Double
    /// The file (in the output folder) that keeps the step's standard output.
    public var output: String?

    public var description: String { (["kubectl"] + arguments).joined(separator: " ") }
}

/// The `kubectl` calls of one battle, in the order `KubernetesLaunch` makes
/// them: the server applied and ready, the agents applied, their Job polled
/// until it completes or fails, every agent's log and the server's kept, then
/// everything with the run's label deleted.
public enum KubectlSteps {
    /// Seconds a short call (apply, logs, delete) may take.
    public static let shortTimeout = 120.0

    public static func applyServer(_ b: KubernetesBattle, folder: String) -> KubectlStep {
        KubectlStep(
            kind: .applyServer, arguments: ["apply", "--namespace", b.namespace, "-f", folder + "/server.yaml"],
            timeoutSeconds: shortTimeout)
    }

    public static func serverReady(_ b: KubernetesBattle) -> KubectlStep {
        KubectlStep(
            kind: .serverReady,
            arguments: [
                "rollout", "status", "--namespace", b.namespace, "deployment/\(KubernetesManifests.serverName(b))",
                "--timeout=\(b.timeoutSeconds)s",
            ], timeoutSeconds: Double(b.timeoutSeconds) + 30)
    }

    public static func applyAgents(_ b: KubernetesBattle, folder: String) -> KubectlStep {
        KubectlStep(
            kind: .applyAgents, arguments: ["apply", "--namespace", b.namespace, "-f", folder + "/agents.yaml"],
            timeoutSeconds: shortTimeout)
    }

    /// The Job's condition types, space-separated (`SuccessCriteriaMet Complete`,
    /// `FailureTarget Failed`, or nothing while it runs). `kubectl wait` waits
    /// for one condition only, so a failed agent would keep it waiting to its
    /// timeout; polling sees either.
    public static func agentsStatus(_ b: KubernetesBattle) -> KubectlStep {
        KubectlStep(
            kind: .agentsStatus,
            arguments: [
                "get", "--namespace", b.namespace, "job/\(KubernetesManifests.jobName(b))", "-o",
                "jsonpath={.status.conditions[*].type}",
            ], timeoutSeconds: shortTimeout)
    }

    public static func logs(_ b: KubernetesBattle) -> [KubectlStep] {
        (0..<b.agents).map { i in
            KubectlStep(
                kind: .agentLogs,
                arguments: [
                    "logs", "--namespace", b.namespace, "-l", KubernetesManifests.agentSelector(b, index: i),
                    "--tail=-1",
                ], timeoutSeconds: shortTimeout, output: "agent-\(i).log")
        } + [
            KubectlStep(
                kind: .serverLogs,
                arguments: [
                    "logs", "--namespace", b.namespace, "deployment/\(KubernetesManifests.serverName(b))", "--tail=-1",
                ], timeoutSeconds: shortTimeout, output: "server.log")
        ]
    }

    public static func delete(_ b: KubernetesBattle) -> KubectlStep {
        delete(namespace: b.namespace, runID: b.runID)
    }

    /// Everything of the run, by its label; what is already gone is no error.
    public static func delete(namespace: String, runID: String) -> KubectlStep {
        KubectlStep(
            kind: .delete,
            arguments: [
                "delete", "--namespace", namespace, KubernetesManifests.kinds.joined(separator: ","), "-l",
                "\(KubernetesManifests.runLabel)=\(runID)", "--ignore-not-found", "--timeout=\(Int(shortTimeout))s",
            ], timeoutSeconds: shortTimeout + 30)
    }

    /// What the Job's conditions say: done, failed, or still running.
    public enum JobState: Equatable, Sendable { case running, complete, failed }

    public static func jobState(_ conditionTypes: String) -> JobState {
        let types = conditionTypes.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if types.contains("Failed") { return .failed }
        if types.contains("Complete") { return .complete }
        return .running
    }
}
