import Foundation

/// One battle on a Kubernetes cluster, as `battle k8s render` and `battle k8s
/// run` take it: what to run, where, and under which budget. Checked by
/// `init`, whose errors name the flag and the fix; rendered by
/// `KubernetesManifests`.
public struct KubernetesBattle: Sendable, Equatable {
    /// Names and labels everything of this battle (`battle.run=<runID>`).
    public var runID: String
    public var namespace: String
    /// The image with battle in it, for the load agents.
    public var agentImage: String
    /// The contender's image; its entrypoint starts the server.
    public var serverImage: String
    /// The contender's name (`contender.toml`'s `name`), for labels.
    public var contender: String
    public var agents: Int
    /// The server's CPU budget in millicores: both its request and its limit.
    public var serverMillicores: Int
    /// The server's memory, a Kubernetes quantity (`512Mi`): request and limit.
    public var serverMemory: String
    public var agentMillicores: Int
    public var agentMemory: String
    /// The agents' spec (`battle agent --spec`), JSON, put in a ConfigMap verbatim.
    public var agentSpec: String
    public var port: Int
    public var readyPath: String
    /// The contender's database, when the battle has database tests.
    public var databaseURL: String?
    /// How long the agents may run (the Job's `activeDeadlineSeconds`) and
    /// each wait of `battle k8s run` lasts.
    public var timeoutSeconds: Int

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let flag: String
        public let message: String
        public var description: String { "\(flag): \(message)" }
    }

    public init(
        runID: String, namespace: String = "default", agentImage: String, serverImage: String, contender: String,
        agents: Int = 1, serverCPU: Double = 1, serverMemory: String = "512Mi", agentCPU: Double = 1,
        agentMemory: String = "512Mi", agentSpec: String, port: Int = 8080, readyPath: String = "/plaintext",
        databaseURL: String? = nil, timeoutSeconds: Int = 3600
    ) throws(Invalid) {
        func fail(_ flag: String, _ message: String) -> Invalid { Invalid(flag: flag, message: message) }
        guard Self.isLabelValue(runID), runID.count <= 40 else {
            throw fail(
                "--run-id",
                "'\(runID)' must be lower case letters, digits and '-', at most 40, starting and ending with a letter or digit, like 20261206-011500"
            )
        }
        guard Self.isDNSLabel(namespace) else {
            throw fail(
                "--namespace",
                "'\(namespace)' is not a namespace name; lower case letters, digits and '-', at most 63, like battle")
        }
        for (flag, image) in [("--image", agentImage), ("--server-image", serverImage)] {
            guard !image.isEmpty, !image.contains(where: { $0.isWhitespace }), !image.hasPrefix("-") else {
                throw fail(
                    flag,
                    "'\(image)' is not an image reference; write it as docker pull takes it, like registry.example.com/battle:1.0"
                )
            }
        }
        guard !contender.isEmpty, contender.count <= 63,
            contender.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }),
            contender.first != "-", contender.last != "-"
        else {
            throw fail(
                "--contender",
                "'\(contender)' is not a contender name; lower case letters, digits and '-', as in contender.toml, like rust"
            )
        }
        guard (1...1000).contains(agents) else { throw fail("--agents", "\(agents) must be from 1 to 1000") }
        guard let server = Self.millicores(serverCPU) else {
            throw fail("--server-cpu-limit", "\(serverCPU) must be a number of CPUs from 0.001 to 1024, like 0.5 or 2")
        }
        guard let agent = Self.millicores(agentCPU) else {
            throw fail("--agent-cpus", "\(agentCPU) must be a number of CPUs from 0.001 to 1024, like 1 or 2")
        }
        for (flag, quantity) in [("--server-memory", serverMemory), ("--agent-memory", agentMemory)] {
            guard quantity.range(of: #"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$"#, options: .regularExpression) != nil
            else {
                throw fail(
                    flag, "'\(quantity)' is not a memory quantity; write it as Kubernetes does, like 512Mi or 2Gi")
            }
        }
        guard (try? JSONSerialization.jsonObject(with: Data(agentSpec.utf8))) is [String: Any] else {
            throw fail("--agent-spec", "is not a JSON object; give the agents' spec as battle agent --spec reads it")
        }
        guard (1...65535).contains(port) else { throw fail("--port", "\(port) must be from 1 to 65535") }
        guard readyPath.hasPrefix("/"), !readyPath.contains(where: { $0.isWhitespace }) else {
            throw fail("--ready-path", "'\(readyPath)' must start with '/', like /plaintext")
        }
        if let databaseURL, KubernetesManifests.databaseEnvironment(databaseURL) == nil {
            throw fail(
                "--database-url",
                "'\(databaseURL)' is not a postgres:// URL; write postgres://USER[:PASSWORD]@HOST:PORT/DATABASE")
        }
        guard (1...86_400 * 7).contains(timeoutSeconds) else {
            throw fail("--timeout", "\(timeoutSeconds) s must be from 1 s to 7 days")
        }
        self.runID = runID
        self.namespace = namespace
        self.agentImage = agentImage
        self.serverImage = serverImage
        self.contender = contender
        self.agents = agents
        self.serverMillicores = server
        self.serverMemory = serverMemory
        self.agentMillicores = agent
        self.agentMemory = agentMemory
        self.agentSpec = agentSpec
        self.port = port
        self.readyPath = readyPath
        self.databaseURL = databaseURL
        self.timeoutSeconds = timeoutSeconds
    }

    /// `20261206-011500`: the run id battle gives when none is asked for (UTC, like results folders).
    public static func defaultRunID(now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: now)
    }

    static func millicores(_ cpus: Double) -> Int? {
        guard cpus.isFinite, cpus >= 0.001, cpus <= 1024 else { return nil }
        return Int((cpus * 1000).rounded())
    }

    /// A Kubernetes CPU quantity: `2` for whole CPUs, `500m` otherwise.
    public static func cpuQuantity(millicores: Int) -> String {
        millicores % 1000 == 0 ? String(millicores / 1000) : "\(millicores)m"
    }

    /// RFC 1123 label: what namespaces and Service names must be.
    static func isDNSLabel(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 63 && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            && s.first != "-" && s.last != "-"
    }

    /// A label value battle writes: lower case letters, digits and '-', not at either end.
    static func isLabelValue(_ s: String) -> Bool { isDNSLabel(s) }
}
