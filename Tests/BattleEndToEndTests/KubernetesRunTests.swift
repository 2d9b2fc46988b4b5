import Foundation
import Testing

/// `battle k8s run` against a fake kubectl (Tests/Fixtures/kubectl/kubectl,
/// first on PATH), which records its calls: the order apply → rollout → apply →
/// poll → logs → delete, and the delete when the Job fails, when the server
/// never gets ready, and on Ctrl-C and SIGTERM. No real cluster is involved.
@Suite("battle k8s run against a fake kubectl (end to end)", .serialized)
struct KubernetesRunTests {
    struct Setup {
        let dir: String
        var log: String { dir + "/kubectl.log" }
        var spec: String { dir + "/agent.json" }
        var output: String { dir + "/out" }

        init() throws {
            dir = NSTemporaryDirectory() + "battle-k8s-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data(#"{"rate": 100}"#.utf8).write(to: URL(fileURLWithPath: spec))
        }

        var calls: [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        /// Each call's first word: apply, rollout, get, logs, delete.
        var verbs: [String] { calls.map { String($0.split(separator: " ").first ?? "") } }

        func arguments(agents: Int = 2) -> [String] {
            [
                "k8s", "run", "--run-id", "t1", "--namespace", "bench", "--image", "reg/battle:1", "--server-image",
                "reg/rust:1", "--contender", "rust", "--agents", String(agents), "--server-cpu-limit", "0.5",
                "--agent-spec", spec, "--output", output, "--timeout", "60s",
            ]
        }

        func process(mode: String, agents: Int = 2) -> (Process, Pipe, Pipe) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ReportE2E.binary)
            p.arguments = arguments(agents: agents)
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = ReportE2E.repo + "/Tests/Fixtures/kubectl:" + (env["PATH"] ?? "/usr/bin:/bin")
            env["FAKE_KUBECTL_LOG"] = log
            env["FAKE_KUBECTL_MODE"] = mode
            p.environment = env
            let out = Pipe()
            let err = Pipe()
            p.standardOutput = out
            p.standardError = err
            return (p, out, err)
        }

        func run(mode: String, agents: Int = 2) throws -> ReportE2E.Result {
            let (p, out, err) = process(mode: mode, agents: agents)
            try p.run()
            p.waitUntilExit()
            return ReportE2E.Result(
                status: p.terminationStatus,
                stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }

    @Test func appliesWaitsCollectsAndDeletesInOrder() throws {
        let s = try Setup()
        let r = try s.run(mode: "ok")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.verbs == ["apply", "rollout", "apply", "get", "get", "logs", "logs", "logs", "delete"], "\(s.calls)")
        #expect(
            s.calls[0]
                == "apply --namespace bench -f \(URL(fileURLWithPath: s.output).standardizedFileURL.path)/server.yaml")
        #expect(s.calls[2].hasSuffix("/agents.yaml"))
        #expect(s.calls[5].contains("-l battle.run=t1,battle.role=agent,batch.kubernetes.io/job-completion-index=0"))
        #expect(s.calls[6].contains("batch.kubernetes.io/job-completion-index=1"))
        #expect(s.calls[7].contains("deployment/battle-t1-server"))
        #expect(
            s.calls[8]
                == "delete --namespace bench job,deployment,service,configmap -l battle.run=t1 --ignore-not-found --timeout=120s"
        )
        for f in ["server.yaml", "agents.yaml", "agent-0.log", "agent-1.log", "server.log"] {
            #expect(FileManager.default.fileExists(atPath: s.output + "/" + f), "\(f)")
        }
        let log0 = try String(contentsOfFile: s.output + "/agent-0.log", encoding: .utf8)
        #expect(log0.contains("job-completion-index=0"))
        #expect(r.stdout.contains("deleted everything labelled battle.run=t1"))
    }

    @Test func aFailedJobIsCollectedAndDeletedAndExitsOne() throws {
        let s = try Setup()
        let r = try s.run(mode: "job-fails", agents: 1)
        #expect(r.status == 1)
        #expect(r.stderr.contains("battle k8s run: error: the agents' Job failed"), "\(r.stderr)")
        #expect(s.verbs == ["apply", "rollout", "apply", "get", "logs", "logs", "delete"], "\(s.calls)")
    }

    @Test func aServerNeverReadyIsDeletedWithoutStartingTheAgents() throws {
        let s = try Setup()
        let r = try s.run(mode: "not-ready")
        #expect(r.status == 1)
        #expect(r.stderr.contains("timed out waiting for the condition"), "\(r.stderr)")
        #expect(s.verbs == ["apply", "rollout", "delete"], "\(s.calls)")
    }

    @Test(arguments: [SIGINT, SIGTERM]) func aStopSignalDuringTheWaitDeletesAndExits130(_ signal: Int32) throws {
        let s = try Setup()
        let (p, out, err) = s.process(mode: "hang")
        try p.run()
        // Until battle is polling the Job (the fake's `get` hangs).
        let start = Date()
        while !s.verbs.contains("get") && Date().timeIntervalSince(start) < 60 { usleep(20_000) }
        #expect(s.verbs.contains("get"))
        usleep(200_000)
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 130, "\(stderr)")
        #expect(s.verbs == ["apply", "rollout", "apply", "get", "delete"], "\(s.calls)")
        #expect(stderr.contains("\(signal == SIGINT ? "Ctrl-C" : "SIGTERM"): deleting what the run made"), "\(stderr)")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func deleteAloneRemovesARunsObjects() throws {
        let s = try Setup()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ReportE2E.binary)
        p.arguments = [
            "k8s", "delete", "--run-id", "t9", "--namespace", "bench", "--kubectl",
            ReportE2E.repo + "/Tests/Fixtures/kubectl/kubectl",
        ]
        var env = ProcessInfo.processInfo.environment
        env["FAKE_KUBECTL_LOG"] = s.log
        p.environment = env
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(
            s.calls == [
                "delete --namespace bench job,deployment,service,configmap -l battle.run=t9 --ignore-not-found --timeout=120s"
            ])
    }

    @Test func aMissingKubectlIsNamed() throws {
        let s = try Setup()
        var args = s.arguments()
        args += ["--kubectl", "/nonexistent/kubectl"]
        let r = try ReportE2E.battle(args)
        #expect(r.status == 1)
        #expect(r.stderr.contains("--kubectl: '/nonexistent/kubectl' is not an executable"), "\(r.stderr)")
    }
}

/// `battle k8s render` as a user runs it.
@Suite("battle k8s render (end to end)")
struct RenderCommandTests {
    @Test func renderWritesToStandardOutputOrAFolder() throws {
        let dir = NSTemporaryDirectory() + "battle-render-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/agent.json"))
        let base = [
            "k8s", "render", "--run-id", "r1", "--image", "b:1", "--server-image", "s:1", "--contender", "go",
            "--agents", "4", "--agent-spec", dir + "/agent.json",
        ]
        let r = try ReportE2E.battle(base)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("completions: 4") && r.stdout.contains("kind: \"Service\""))
        let w = try ReportE2E.battle(base + ["--output", dir + "/k8s"])
        #expect(w.status == 0)
        #expect(w.stdout == "\(dir)/k8s/server.yaml\n\(dir)/k8s/agents.yaml\n")
        let bad = try ReportE2E.battle(base + ["--agents", "0"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--agents: 0 must be from 1 to 1000"), "\(bad.stderr)")
    }
}
