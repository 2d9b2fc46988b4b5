import Foundation

/// The Kubernetes objects of one battle, rendered as YAML. Pure: a
/// `KubernetesBattle` in, text out.
///
/// - `server.yaml`: the contender as a Deployment of one pod, its CPU and
///   memory requests equal to its limits (the CPU budget), and a Service in
///   front of it;
/// - `agents.yaml`: a ConfigMap with the agents' spec and an Indexed Job of N
///   load agents (`completions` = `parallelism` = N), each running
///   `AgentCommandLine.kubernetes` with its index from `JOB_COMPLETION_INDEX`.
///
/// Everything carries `battle.run=<run id>`, so one label selects (and
/// deletes) all of it; `battle.role` tells server from agents.
public enum KubernetesManifests {
    public static let runLabel = "battle.run"
    public static let roleLabel = "battle.role"
    public static let contenderLabel = "battle.contender"
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    /// The kinds battle creates, for `kubectl delete KINDS -l battle.run=ID`.
    public static let kinds = ["job", "deployment", "service", "configmap"]

    public struct File: Sendable, Equatable {
        public var name: String
        public var text: String
    }

    /// `server.yaml` then `agents.yaml`: the server must be ready before the agents start.
    public static func files(_ b: KubernetesBattle) -> [File] {
        [
            File(name: "server.yaml", text: documents([deployment(b), service(b)])),
            File(name: "agents.yaml", text: documents([configMap(b), job(b)])),
        ]
    }

    /// Every file as one stream, for standard output.
    public static func stream(_ b: KubernetesBattle) -> String {
        files(b).map(\.text).joined(separator: "---\n")
    }

    public static func serverName(_ b: KubernetesBattle) -> String { "battle-\(b.runID)-server" }
    public static func jobName(_ b: KubernetesBattle) -> String { "battle-\(b.runID)-agents" }
    public static func specName(_ b: KubernetesBattle) -> String { "battle-\(b.runID)-agent-spec" }

    /// The URL the agents reach the server at, inside the cluster.
    public static func serverURL(_ b: KubernetesBattle) -> String {
        "http://\(serverName(b)).\(b.namespace).svc:\(b.port)"
    }

    /// `battle.run=ID`: everything of the battle.
    public static func runSelector(_ b: KubernetesBattle) -> String { "\(runLabel)=\(b.runID)" }

    /// The pods of agent `index`: Kubernetes (1.28 and later) labels an
    /// Indexed Job's pods with their index.
    public static func agentSelector(_ b: KubernetesBattle, index: Int) -> String {
        "\(runLabel)=\(b.runID),\(roleLabel)=agent,batch.kubernetes.io/job-completion-index=\(index)"
    }

    static func documents(_ nodes: [YAMLNode]) -> String {
        nodes.map { $0.rendered() }.joined(separator: "---\n")
    }

    static func labels(_ b: KubernetesBattle, role: String) -> YAMLNode {
        .map([
            (managedByLabel, .string("battle")), (runLabel, .string(b.runID)), (roleLabel, .string(role)),
            (contenderLabel, .string(b.contender)),
        ])
    }

    static func metadata(_ b: KubernetesBattle, name: String, role: String) -> YAMLNode {
        .map([("name", .string(name)), ("namespace", .string(b.namespace)), ("labels", labels(b, role: role))])
    }

    static func env(_ pairs: [(String, String)]) -> YAMLNode { .list(pairs.map(envVar)) }

    static func envVar(_ name: String, _ value: String) -> YAMLNode {
        .map([("name", .string(name)), ("value", .string(value))])
    }

    /// Requests equal to limits: the pod's budget is a limit the scheduler
    /// also reserves (Guaranteed QoS; whole CPUs may then be exclusive under
    /// the kubelet's static CPU manager).
    static func resources(millicores: Int, memory: String) -> YAMLNode {
        let amounts = YAMLNode.map([
            ("cpu", .string(KubernetesBattle.cpuQuantity(millicores: millicores))), ("memory", .string(memory)),
        ])
        return .map([("requests", amounts), ("limits", amounts)])
    }

    static func deployment(_ b: KubernetesBattle) -> YAMLNode {
        let workers = max(1, (b.serverMillicores + 999) / 1000)
        var environment = [
            ("BATTLE_HOST", "0.0.0.0"), ("BATTLE_PORT", String(b.port)), ("BATTLE_WORKERS", String(workers)),
        ]
        if let url = b.databaseURL, let db = databaseEnvironment(url) { environment += db }
        let container = YAMLNode.map([
            ("name", .string("server")),
            ("image", .string(b.serverImage)),
            ("ports", .list([.map([("name", .string("http")), ("containerPort", .int(b.port))])])),
            ("env", env(environment)),
            ("resources", resources(millicores: b.serverMillicores, memory: b.serverMemory)),
            (
                "readinessProbe",
                .map([
                    ("httpGet", .map([("path", .string(b.readyPath)), ("port", .string("http"))])),
                    ("periodSeconds", .int(1)), ("failureThreshold", .int(3)),
                ])
            ),
        ])
        let selector = YAMLNode.map([(runLabel, .string(b.runID)), (roleLabel, .string("server"))])
        return .map([
            ("apiVersion", .string("apps/v1")),
            ("kind", .string("Deployment")),
            ("metadata", metadata(b, name: serverName(b), role: "server")),
            (
                "spec",
                .map([
                    ("replicas", .int(1)),
                    ("selector", .map([("matchLabels", selector)])),
                    (
                        "template",
                        .map([
                            ("metadata", .map([("labels", labels(b, role: "server"))])),
                            ("spec", .map([("containers", .list([container]))])),
                        ])
                    ),
                ])
            ),
        ])
    }

    static func service(_ b: KubernetesBattle) -> YAMLNode {
        .map([
            ("apiVersion", .string("v1")),
            ("kind", .string("Service")),
            ("metadata", metadata(b, name: serverName(b), role: "server")),
            (
                "spec",
                .map([
                    ("selector", .map([(runLabel, .string(b.runID)), (roleLabel, .string("server"))])),
                    (
                        "ports",
                        .list([
                            .map([("name", .string("http")), ("port", .int(b.port)), ("targetPort", .string("http"))])
                        ])
                    ),
                ])
            ),
        ])
    }

    static func configMap(_ b: KubernetesBattle) -> YAMLNode {
        .map([
            ("apiVersion", .string("v1")),
            ("kind", .string("ConfigMap")),
            ("metadata", metadata(b, name: specName(b), role: "agent")),
            ("data", .map([(AgentCommandLine.specFile, .string(b.agentSpec))])),
        ])
    }

    static func job(_ b: KubernetesBattle) -> YAMLNode {
        // The Job controller adds JOB_COMPLETION_INDEX to an Indexed Job's
        // containers unless they declare it (addCompletionIndexEnvVariable
        // skips a variable already there); declared here, from the same
        // annotation, the command's $(JOB_COMPLETION_INDEX) reads plainly.
        let index = YAMLNode.map([
            ("name", .string("JOB_COMPLETION_INDEX")),
            (
                "valueFrom",
                .map([
                    (
                        "fieldRef",
                        .map([
                            ("fieldPath", .string("metadata.annotations['batch.kubernetes.io/job-completion-index']"))
                        ])
                    )
                ])
            ),
        ])
        let container = YAMLNode.map([
            ("name", .string("agent")),
            ("image", .string(b.agentImage)),
            ("command", .list(AgentCommandLine.kubernetes(agents: b.agents).map(YAMLNode.string))),
            ("env", .list([index, envVar("BATTLE_TARGET", serverURL(b))])),
            ("resources", resources(millicores: b.agentMillicores, memory: b.agentMemory)),
            (
                "volumeMounts",
                .list([
                    .map([
                        ("name", .string("spec")), ("mountPath", .string(AgentCommandLine.specDirectory)),
                        ("readOnly", .bool(true)),
                    ])
                ])
            ),
        ])
        // Agents keep off the server's node when the cluster has room: a load
        // generator beside the server would take its CPU and its network.
        let awayFromServer = YAMLNode.map([
            (
                "preferredDuringSchedulingIgnoredDuringExecution",
                .list([
                    .map([
                        ("weight", .int(100)),
                        (
                            "podAffinityTerm",
                            .map([
                                (
                                    "labelSelector",
                                    .map([
                                        (
                                            "matchLabels",
                                            .map([(runLabel, .string(b.runID)), (roleLabel, .string("server"))])
                                        )
                                    ])
                                ),
                                ("topologyKey", .string("kubernetes.io/hostname")),
                            ])
                        ),
                    ])
                ])
            )
        ])
        let podSpec = YAMLNode.map([
            ("restartPolicy", .string("Never")),
            ("affinity", .map([("podAntiAffinity", awayFromServer)])),
            ("containers", .list([container])),
            (
                "volumes",
                .list([.map([("name", .string("spec")), ("configMap", .map([("name", .string(specName(b)))]))])])
            ),
        ])
        return .map([
            ("apiVersion", .string("batch/v1")),
            ("kind", .string("Job")),
            ("metadata", metadata(b, name: jobName(b), role: "agent")),
            (
                "spec",
                .map([
                    ("completionMode", .string("Indexed")),
                    ("completions", .int(b.agents)),
                    ("parallelism", .int(b.agents)),
                    // An agent that failed is not started again: a restarted
                    // agent's load would not line up with the others'.
                    ("backoffLimit", .int(0)),
                    ("activeDeadlineSeconds", .int(b.timeoutSeconds)),
                    (
                        "template",
                        .map([("metadata", .map([("labels", labels(b, role: "agent"))])), ("spec", podSpec)])
                    ),
                ])
            ),
        ])
    }

    /// The contender's database variables (docs/SUITE.md §4) from a
    /// `postgres://` URL; nil when it is not one.
    public static func databaseEnvironment(_ url: String) -> [(String, String)]? {
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql",
            let host = c.host, !host.isEmpty, let user = c.user, !user.isEmpty
        else { return nil }
        let name = String(c.path.drop { $0 == "/" })
        guard !name.isEmpty else { return nil }
        return [
            ("BATTLE_DB_HOST", host), ("BATTLE_DB_PORT", String(c.port ?? 5432)), ("BATTLE_DB_NAME", name),
            ("BATTLE_DB_USER", user.removingPercentEncoding ?? user),
            ("BATTLE_DB_PASSWORD", c.password?.removingPercentEncoding ?? ""), ("BATTLE_DB_URL", url),
        ]
    }
}
