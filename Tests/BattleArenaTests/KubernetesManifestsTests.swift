import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// `battle k8s render`'s YAML, read back line by line: the Indexed Job, the
/// server's budget, the labels, the one place the agent's command is spelled.
/// `KubernetesValidateTests` checks the same files against Kubernetes' own schemas.
@Suite struct KubernetesManifestsTests {
    static func battle(agents: Int = 3, cpu: Double = 0.5, database: String? = nil) throws -> KubernetesBattle {
        try KubernetesBattle(
            runID: "20261206-011500", namespace: "bench", agentImage: "reg.example/battle:1",
            serverImage: "reg.example/rust:1", contender: "rust", agents: agents, serverCPU: cpu,
            serverMemory: "1Gi", agentCPU: 2, agentMemory: "256Mi", agentSpec: #"{"rate": 1000}"#,
            databaseURL: database, timeoutSeconds: 900)
    }

    /// The lines of `text` from the first that is `start` to the next document or end.
    func section(_ text: String, from start: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(of: start) else { return [] }
        return Array(lines[i...].prefix { $0 != "---" })
    }

    @Test func twoFilesServerFirst() throws {
        let files = KubernetesManifests.files(try Self.battle())
        #expect(files.map(\.name) == ["server.yaml", "agents.yaml"])
        #expect(files[0].text.contains("kind: \"Deployment\"") && files[0].text.contains("kind: \"Service\""))
        #expect(files[1].text.contains("kind: \"ConfigMap\"") && files[1].text.contains("kind: \"Job\""))
        #expect(KubernetesManifests.stream(try Self.battle()) == files[0].text + "---\n" + files[1].text)
    }

    @Test func theAgentsAreAnIndexedJobOfN() throws {
        let text = KubernetesManifests.files(try Self.battle(agents: 3))[1].text
        let job = section(text, from: "apiVersion: \"batch/v1\"")
        #expect(job.contains("  name: \"battle-20261206-011500-agents\""))
        #expect(job.contains("  completionMode: \"Indexed\""))
        #expect(job.contains("  completions: 3"))
        #expect(job.contains("  parallelism: 3"))
        #expect(job.contains("  backoffLimit: 0"))
        #expect(job.contains("  activeDeadlineSeconds: 900"))
        #expect(job.contains("      restartPolicy: \"Never\""))
        let command =
            (["          command:"]
            + ["battle", "agent", "--spec", "/spec/agent.json", "--index", "$(JOB_COMPLETION_INDEX)", "--agents", "3"]
            .map { "            - \"\($0)\"" }).joined(separator: "\n")
        #expect(job.joined(separator: "\n").contains(command), "\(job.joined(separator: "\n"))")
        #expect(
            job.contains(
                "                  fieldPath: \"metadata.annotations['batch.kubernetes.io/job-completion-index']\""))
        #expect(job.contains("              value: \"http://battle-20261206-011500-server.bench.svc:8080\""))
        #expect(job.contains("              mountPath: \"/spec\""))
        // The spec, verbatim, in the ConfigMap the pods mount.
        #expect(text.contains("  agent.json: \"{\\\"rate\\\": 1000}\""))
    }

    @Test func theAgentCommandIsSpelledInOnePlace() {
        #expect(
            AgentCommandLine.kubernetes(agents: 4) == [
                "battle", "agent", "--spec", "/spec/agent.json", "--index", "$(JOB_COMPLETION_INDEX)", "--agents", "4",
            ])
    }

    @Test func theServersBudgetIsItsRequestAndItsLimit() throws {
        let text = KubernetesManifests.files(try Self.battle(cpu: 0.5))[0].text
        let deployment = section(text, from: "apiVersion: \"apps/v1\"").joined(separator: "\n")
        let resources = [
            "          resources:", "            requests:", "              cpu: \"500m\"",
            "              memory: \"1Gi\"",
            "            limits:", "              cpu: \"500m\"", "              memory: \"1Gi\"",
        ].joined(separator: "\n")
        #expect(deployment.contains(resources), "\(deployment)")
        #expect(deployment.contains("  replicas: 1"))
        #expect(deployment.contains("path: \"/plaintext\""))
        #expect(deployment.contains("value: \"0.0.0.0\""))
        // BATTLE_WORKERS: whole CPUs of the budget, at least one.
        #expect(deployment.contains("- name: \"BATTLE_WORKERS\"\n              value: \"1\""))
        let two = KubernetesManifests.files(try Self.battle(cpu: 2))[0].text
        #expect(two.contains("cpu: \"2\"") && two.contains("- name: \"BATTLE_WORKERS\"\n              value: \"2\""))
        #expect(KubernetesBattle.cpuQuantity(millicores: 1500) == "1500m")
        // The agents' own budget, the same way.
        let agents = KubernetesManifests.files(try Self.battle())[1].text
        #expect(agents.contains("              cpu: \"2\"\n              memory: \"256Mi\""))
    }

    @Test func everythingCarriesTheRunLabelAndTheServiceSelectsTheServer() throws {
        let b = try Self.battle()
        let all = KubernetesManifests.stream(b)
        let documents = all.components(separatedBy: "---\n")
        #expect(documents.count == 4)
        for d in documents {
            #expect(d.contains("    battle.run: \"20261206-011500\""), "\(d)")
            #expect(d.contains("    app.kubernetes.io/managed-by: \"battle\""))
            #expect(d.contains("  namespace: \"bench\""))
        }
        // Pods too: the Job's and the Deployment's templates carry the label.
        #expect(all.components(separatedBy: "battle.run: \"20261206-011500\"").count - 1 >= 8)
        let service = section(all, from: "apiVersion: \"v1\"").joined(separator: "\n")
        #expect(service.contains("  selector:\n    battle.run: \"20261206-011500\"\n    battle.role: \"server\""))
        #expect(KubernetesManifests.runSelector(b) == "battle.run=20261206-011500")
        #expect(
            KubernetesManifests.agentSelector(b, index: 2)
                == "battle.run=20261206-011500,battle.role=agent,batch.kubernetes.io/job-completion-index=2")
    }

    @Test func theDatabaseURLBecomesTheSuiteVariables() throws {
        let text = KubernetesManifests.files(
            try Self.battle(database: "postgres://battle:pw@db.bench.svc:5432/battle"))[0]
            .text
        for (name, value) in [
            ("BATTLE_DB_HOST", "db.bench.svc"), ("BATTLE_DB_PORT", "5432"), ("BATTLE_DB_NAME", "battle"),
            ("BATTLE_DB_USER", "battle"), ("BATTLE_DB_PASSWORD", "pw"),
        ] {
            #expect(text.contains("- name: \"\(name)\"\n              value: \"\(value)\""), "\(name)")
        }
        #expect(!KubernetesManifests.files(try Self.battle())[0].text.contains("BATTLE_DB_"))
    }

    @Test func badValuesNameTheirFlag() {
        func flag(_ make: () throws(KubernetesBattle.Invalid) -> KubernetesBattle) -> String? {
            do {
                _ = try make()
                return nil
            } catch { return error.flag }
        }
        let spec = "{}"
        func b(
            run: String = "r1", ns: String = "default", image: String = "i", contender: String = "rust",
            agents: Int = 1,
            cpu: Double = 1, memory: String = "1Gi", spec: String = spec, port: Int = 8080,
            ready: String = "/plaintext",
            db: String? = nil, timeout: Int = 60
        ) -> String? {
            flag {
                () throws(KubernetesBattle.Invalid) in
                try KubernetesBattle(
                    runID: run, namespace: ns, agentImage: image, serverImage: "s", contender: contender,
                    agents: agents,
                    serverCPU: cpu, serverMemory: memory, agentSpec: spec, port: port, readyPath: ready,
                    databaseURL: db,
                    timeoutSeconds: timeout)
            }
        }
        #expect(b() == nil)
        #expect(b(run: "Run_1") == "--run-id")
        #expect(b(run: String(repeating: "a", count: 41)) == "--run-id")
        #expect(b(ns: "-x") == "--namespace")
        #expect(b(image: "a b") == "--image")
        #expect(b(contender: "Rust") == "--contender")
        #expect(b(agents: 0) == "--agents")
        #expect(b(cpu: 0) == "--server-cpu-limit")
        #expect(b(memory: "1 GB") == "--server-memory")
        #expect(b(spec: "[1]") == "--agent-spec")
        #expect(b(spec: "not json") == "--agent-spec")
        #expect(b(port: 0) == "--port")
        #expect(b(ready: "plaintext") == "--ready-path")
        #expect(b(db: "mysql://u@h/d") == "--database-url")
        #expect(b(timeout: 0) == "--timeout")
    }

    @Test func yamlStringsAreAlwaysQuoted() {
        let node = YAMLNode.map([
            ("a", .string("on")), ("b", .string("0755")), ("c", .string("x\n\"y\"\\")), ("yes", .int(1)),
            ("d", .list([])), ("e", .map([])), ("f", .list([.map([("g", .bool(true)), ("h", .list([.int(2)]))])])),
        ])
        #expect(
            node.rendered() == """
                a: "on"
                b: "0755"
                c: "x\\n\\"y\\"\\\\"
                "yes": 1
                d: []
                e: {}
                f:
                  - g: true
                    h:
                      - 2

                """)
    }

    @Test func theDefaultRunIDIsTheUTCTime() {
        #expect(KubernetesBattle.defaultRunID(now: Date(timeIntervalSince1970: 1_796_519_700)) == "20261206-011500")
    }
}
