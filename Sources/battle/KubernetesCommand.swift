import ArgumentParser
import BattleArena
import BattleCore
import Foundation

struct KubernetesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Run a battle's load agents and server on a Kubernetes cluster (docs/KUBERNETES.md).",
        discussion: """
            render writes the manifests; run applies them with kubectl, waits, keeps the logs and \
            deletes everything; delete removes what a run left (after battle itself was killed). \
            Tried against a fake kubectl and kubernetes-validate only, never a real cluster.
            """,
        subcommands: [Render.self, Run.self, Delete.self])

    /// What a battle on the cluster is: shared by `render` and `run`.
    struct BattleOptions: ParsableArguments {
        @Option(
            name: .customLong("run-id"),
            help: "Names and labels everything (battle.run=ID); default: the UTC time, like 20261206-011500.")
        var runID: String?

        @Option(help: "The namespace to create everything in (it must exist).")
        var namespace = "default"

        @Option(help: "The image with battle in it, for the load agents (they run `battle agent`).")
        var image: String

        @Option(help: "The contender's image; its entrypoint starts the server (docs/SUITE.md §4's variables are set).")
        var serverImage: String

        @Option(help: "The contender's name (contender.toml's name), for labels.")
        var contender: String

        @Option(help: "Load agents: the Indexed Job's completions and parallelism.")
        var agents = 1

        @Option(
            name: .customLong("server-cpu-limit"),
            help: "The server's CPU budget in CPUs (0.5, 2): its CPU request and limit, both.")
        var serverCPULimit = 1.0

        @Option(help: "The server's memory, a Kubernetes quantity: its request and limit, both.")
        var serverMemory = "512Mi"

        @Option(name: .customLong("agent-cpus"), help: "Each agent's CPUs: request and limit.")
        var agentCPUs = 1.0

        @Option(help: "Each agent's memory: request and limit.")
        var agentMemory = "512Mi"

        @Option(help: "The agents' spec (JSON, as `battle agent --spec` reads it); mounted at /spec/agent.json.")
        var agentSpec: String

        @Option(help: "The port the server listens on (BATTLE_PORT) and its Service exposes.")
        var port = 8080

        @Option(help: "The path the server's readiness probe asks for.")
        var readyPath = "/plaintext"

        @Option(
            name: .customLong("database-url"),
            help: "The contender's database, postgres://USER[:PASSWORD]@HOST:PORT/DATABASE (sets BATTLE_DB_*).")
        var databaseURL: String?

        @Option(help: "How long the agents may run, and each wait lasts (1h, 90s).")
        var timeout = "1h"

        func validate() throws {
            _ = try make(runID: runID ?? "validate")
        }

        func make(runID: String) throws(ValidationError) -> KubernetesBattle {
            let seconds: Double
            do {
                seconds = try DurationParser.seconds(timeout)
            } catch {
                throw ValidationError("--timeout: \(error.description)")
            }
            let spec: String
            do {
                spec = try String(contentsOfFile: agentSpec, encoding: .utf8)
            } catch {
                throw ValidationError(
                    "--agent-spec: \(agentSpec) cannot be read (\(error.localizedDescription)); give the agents' spec file"
                )
            }
            do {
                return try KubernetesBattle(
                    runID: runID, namespace: namespace, agentImage: image, serverImage: serverImage,
                    contender: contender, agents: agents, serverCPU: serverCPULimit, serverMemory: serverMemory,
                    agentCPU: agentCPUs, agentMemory: agentMemory, agentSpec: spec, port: port, readyPath: readyPath,
                    databaseURL: databaseURL, timeoutSeconds: Int(seconds.rounded(.up)))
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    /// Writes `files` into `folder` (created), failing with the path and why.
    static func write(_ files: [(name: String, text: String)], into folder: String) throws(CommandFailure) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(.failure, "\(folder): cannot be created (\(error.localizedDescription))")
        }
        for f in files {
            do {
                try AtomicFile.write(Data(f.text.utf8), to: folder + "/" + f.name)
            } catch {
                throw CommandFailure(.failure, "\(folder)/\(f.name): not written (\(error))")
            }
        }
    }

    static func findKubectl(_ given: String?) throws(CommandFailure) -> String {
        let name = given ?? "kubectl"
        guard let path = ExecutableLookup.find(name, path: ProcessInfo.processInfo.environment["PATH"] ?? "") else {
            throw CommandFailure(
                .failure,
                "--kubectl: '\(name)' is not an executable\(given == nil ? " on PATH" : ""); install kubectl or give its path with --kubectl"
            )
        }
        return path
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Write the Kubernetes manifests of a battle (server.yaml, agents.yaml).",
            discussion: """
                server.yaml: the contender as a Deployment (one pod, CPU and memory requests equal to \
                the limits) and a Service. agents.yaml: a ConfigMap with the agents' spec and an Indexed \
                Job of N agents, each running `battle agent --spec /spec/agent.json --index \
                $(JOB_COMPLETION_INDEX) --agents N`. Everything is labelled battle.run=ID.

                Examples:
                  battle k8s render --image reg/battle:1 --server-image reg/rust:1 \\
                    --contender rust --agents 4 --server-cpu-limit 2 \\
                    --agent-spec agent.json --output k8s/
                  battle k8s render ... | kubectl apply -f -

                Exit codes: 0 written; 1 a file could not be written; 64 bad flags.
                """)

        @OptionGroup var battle: BattleOptions

        @Option(help: "The folder to write server.yaml and agents.yaml into; default: both to standard output.")
        var output: String?

        func run() throws {
            let b = try battle.make(runID: battle.runID ?? KubernetesBattle.defaultRunID())
            guard let output else { return try CommandOutput.write(KubernetesManifests.stream(b)) }
            try KubernetesCommand.write(KubernetesManifests.files(b).map { ($0.name, $0.text) }, into: output)
            try CommandOutput.write(KubernetesManifests.files(b).map { "\(output)/\($0.name)\n" }.joined())
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Apply a battle to a cluster with kubectl, wait for the agents, keep their logs, delete it all.",
            discussion: """
                In order: kubectl apply server.yaml; kubectl rollout status (the server ready); kubectl \
                apply agents.yaml; kubectl get job (polled until the Job completes or fails, or --timeout); \
                kubectl logs of each agent (agent-I.log) and of the server (server.log); then kubectl \
                delete job,deployment,service,configmap -l battle.run=ID. The delete runs on success, on \
                failure and on Ctrl-C or SIGTERM. The manifests and logs go to --output.

                Examples:
                  battle k8s run --image reg/battle:1 --server-image reg/rust:1 \\
                    --contender rust --agents 4 --server-cpu-limit 2 \\
                    --agent-spec agent.json

                Exit codes: 0 the agents completed and everything was deleted; 1 a kubectl step failed, \
                an agent failed, the timeout passed, or the delete failed; 64 bad flags; 130 interrupted.
                """)

        @OptionGroup var battle: BattleOptions

        @Option(help: "The folder for the manifests and the logs; default: results/k8s-RUN-ID.")
        var output: String?

        @Option(help: "The kubectl to run; default: kubectl on PATH.")
        var kubectl: String?

        func run() async throws {
            let b = try battle.make(runID: battle.runID ?? KubernetesBattle.defaultRunID())
            let kubectl = try KubernetesCommand.findKubectl(self.kubectl)
            let folder = output ?? "results/k8s-\(b.runID)"
            try KubernetesCommand.write(KubernetesManifests.files(b).map { ($0.name, $0.text) }, into: folder)
            let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path

            let interruption = Interruption()
            let signals = StopSignals { sig in
                let already = interruption.isTriggered
                interruption.trigger(signal: sig)
                StandardStream.error.write(
                    already
                        ? "battle k8s: already stopping: deleting what the run made\n"
                        : "battle k8s: \(sig == SIGINT ? "Ctrl-C" : "SIGTERM"): deleting what the run made\n")
            }
            defer { signals.cancel() }
            StandardStream.error.write(
                "battle k8s: run \(b.runID) in namespace \(b.namespace); manifests in \(folder)\n")
            let report = await KubernetesLaunch.run(
                b, folder: absolute,
                runner: { step, interruptible in
                    let out = try await CapturedCommand.run(
                        [kubectl] + step.arguments, timeout: step.timeoutSeconds,
                        interruption: interruptible ? interruption : nil)
                    let status = out.termination.map { $0.status ?? 128 + ($0.signal ?? 0) }
                    return KubernetesLaunch.StepResult(status: status, stdout: out.stdout, stderr: out.stderr)
                },
                pause: { seconds in try await interruption.sleep(seconds) },
                now: { MonotonicClock.seconds },
                progress: { StandardStream.error.write("battle k8s: \($0)\n") })

            try KubernetesCommand.write(report.collected.map { ($0.file, $0.text) }, into: folder)
            var lines = report.collected.map { "\(folder)/\($0.file)" }
            if let d = report.deleteFailure {
                lines.append(
                    "not deleted: \(d); run `battle k8s delete --run-id \(b.runID) --namespace \(b.namespace)`")
            } else {
                lines.append("deleted everything labelled \(KubernetesManifests.runSelector(b))")
            }
            try CommandOutput.write(lines.joined(separator: "\n") + "\n")
            if report.interrupted != nil { throw ExitCode(ExitStatus.interrupted.rawValue) }
            if let f = report.failure { throw CommandFailure(.failure, f) }
            if let d = report.deleteFailure {
                throw CommandFailure(.failure, "the run's objects were not deleted: \(d)")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete everything a battle made on the cluster (kubectl delete ... -l battle.run=ID).",
            discussion: """
                For a run battle could not clean up itself (battle was killed with SIGKILL, or the \
                cluster was unreachable at the end).

                Exit codes: 0 deleted (or nothing was there); 1 kubectl failed; 64 bad flags.
                """)

        @Option(name: .customLong("run-id"), help: "The run's id, as `battle k8s run` printed it.")
        var runID: String

        @Option(help: "The namespace of the run.")
        var namespace = "default"

        @Option(help: "The kubectl to run; default: kubectl on PATH.")
        var kubectl: String?

        func validate() throws {
            guard runID.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) != nil else {
                throw ValidationError(
                    "--run-id: '\(runID)' is not a run id; give the one `battle k8s run` printed, like 20261206-011500")
            }
        }

        func run() async throws {
            let kubectl = try KubernetesCommand.findKubectl(self.kubectl)
            let step = KubectlSteps.delete(namespace: namespace, runID: runID)
            let out = try await CapturedCommand.run([kubectl] + step.arguments, timeout: step.timeoutSeconds)
            guard out.succeeded else {
                throw CommandFailure(
                    .failure, "\(step) failed: \(out.stderr.split(separator: "\n").suffix(3).joined(separator: " "))")
            }
            try CommandOutput.write(out.stdout)
        }
    }
}
