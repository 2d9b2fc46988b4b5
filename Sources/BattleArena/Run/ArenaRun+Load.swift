import BattleCore
import Foundation

/// What one run of the load generator gave.
struct LoadRun {
    var summary: LoadSummary?
    /// The server's process tree over the measured window.
    var usage: ResourceUsage?
    /// CPU cores the load generator used over its window.
    var clientCores: Double?
    var clientBound = false
    /// Set when the server exited during the run.
    var serverExit: Termination?
    /// The server is alive but does not answer.
    var hung = false
    /// Why there is no summary, when the load generator itself failed.
    var loadError: String?
    /// How busy the server's and client's CPUs were over the sampled window.
    var machine: MachineLoad?
}

extension ArenaRun {
    var loadLog: String { "\(store.logFolder)/load.log" }

    /// Runs `battle load` as a child pinned to the client CPUs against
    /// `server`, sampling the server's process tree at about 10 Hz after the
    /// warm-up when `sample` is set, and watching for a crash or a hang.
    func runLoad(
        _ level: LevelSpec, server: ContenderServer, seconds: Double, warmup: Double, sample: Bool
    ) async throws -> LoadRun {
        let url = "http://127.0.0.1:\(server.port)\(level.path)"
        var request = LoadRequest(
            url: url, connections: level.connections, durationSeconds: seconds, warmupSeconds: warmup,
            pipeline: level.pipeline,
            rate: level.rate)
        if level.test == .orders { request.targetsFile = try ordersTargets(url: url) }
        let argv = ["taskset", "-c", placement.client.description] + options.loadGenerator + request.arguments
        // In the temporary folder, not the results folder: a full or read-only
        // results folder must not cost the measurement itself.
        let stdoutFile = ResultsStore.scratchPath("load-\(getpid()).json")
        unlink(stdoutFile)
        defer { unlink(stdoutFile) }
        appendLoadLog(
            "==== \(server.manifest.name) \(level.test.rawValue) \(level.label): \(argv.joined(separator: " "))\n")

        var run = LoadRun()
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                argv, environment: options.environment, stdout: .file(stdoutFile), stderr: .file(loadLog),
                label: "battle load",
                supervisor: supervisor)
        } catch {
            run.loadError = error.description
            return run
        }
        var sampler = ResourceAccumulator()
        var termination: Termination?
        var timedOut = false
        // Samples on a fixed 10 Hz schedule from the end of the warm-up; the
        // loop also polls the children between samples.
        var nextSample = child.startedAt + warmup
        var cpuStart: CPUTimes?
        var cpuEnd: CPUTimes?
        while true {
            if let t = child.poll() {
                termination = t
                break
            }
            if interruption.isTriggered {
                _ = child.stop(grace: 1)
                try interruption.check()
            }
            if run.serverExit == nil, let t = server.process.poll() { run.serverExit = t }
            do { try watchDatabase(level, contender: server.manifest.name) } catch {
                _ = child.stop(grace: 1)
                throw error
            }
            let elapsed = Monotonic.now - child.startedAt
            if sample, run.serverExit == nil, Monotonic.now >= nextSample {
                sampler.add(ProcTable.read().tree(root: server.process.pid), at: Monotonic.now)
                if cpuStart == nil { cpuStart = CPUTimes.read() } else { cpuEnd = CPUTimes.read() }
                nextSample += 0.1
                if nextSample < Monotonic.now { nextSample = Monotonic.now + 0.1 }
            }
            if elapsed > request.deadlineSeconds {
                timedOut = true
                termination = child.stop(grace: 2).termination
                break
            }
            let pause = sample ? max(0.005, min(0.1, nextSample - Monotonic.now)) : 0.05
            try? await Task.sleep(nanoseconds: UInt64(pause * 1e9))
        }
        if run.serverExit == nil, let t = server.process.poll() { run.serverExit = t }
        let wall = Monotonic.now - child.startedAt
        loadSecondsInSession += wall
        progress.done(server.manifest.name, seconds: wall)

        let output = (try? Data(contentsOf: URL(fileURLWithPath: stdoutFile))) ?? Data()
        if timedOut {
            run.loadError =
                "it did not finish within \(Format.duration(request.deadlineSeconds)) and was stopped; see \(loadLog)"
        } else if output.isEmpty {
            run.loadError =
                "it printed no summary (\(termination?.description ?? "?")); last lines of \(loadLog):\n\(LogTail.read(loadLog, lines: 6))"
        } else {
            do {
                run.summary = try ResultsCoding.decoder().decode(LoadSummary.self, from: output)
            } catch {
                run.loadError =
                    "its output is not a LoadSummary (\(error)); is the battle executable current? See \(loadLog)"
            }
        }

        if let s = run.summary {
            run.usage = sampler.usage(scaledTo: s.durationSeconds)
            if let c = s.client, s.durationSeconds > 0 {
                run.clientCores = c.cpuSeconds / s.durationSeconds
            } else if let t = termination, wall > 0 {
                run.clientCores = (t.userSeconds + t.systemSeconds) / wall
            }
            if let a = cpuStart, let b = cpuEnd {
                run.machine = CPUTimes.machineLoad(
                    from: a, to: b, placement: placement, serverCores: run.usage?.cpuCores)
            }
            // Client-bound: the load generator used (nearly) all its CPUs, or
            // its CPUs were saturated by it and whatever shares them (battle,
            // the database on small machines, other processes).
            run.clientBound =
                (run.clientCores ?? 0) >= 0.9 * Double(placement.client.count)
                || (run.machine?.clientCPUsBusy ?? 0) >= 0.9
        }
        // A database that stopped answering fails the level, not the contender.
        try await checkDatabase(level, contender: server.manifest.name)
        // A hung server can look fine to the load generator (requests simply
        // stop completing before its timeout), so every run ends with a probe.
        if run.serverExit == nil {
            if !server.answers(timeout: 3) {
                // It may have died while being probed.
                if let t = server.process.poll() { run.serverExit = t } else { run.hung = true }
            }
        }
        return run
    }

    /// The targets file POSTing generated orders to `url` (bodies written once per run).
    func ordersTargets(url: String) throws -> String {
        if ordersBodiesFile == nil {
            let path = "\(store.logFolder)/.orders-bodies.jsonl"
            try OrdersTargets.bodies().write(toFile: path, atomically: true, encoding: .utf8)
            ordersBodiesFile = path
        }
        let file = "\(store.logFolder)/.orders-targets.toml"
        try OrdersTargets.targetsFile(url: url, bodiesFile: ordersBodiesFile!).write(
            toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func appendLoadLog(_ text: String) {
        if !FileManager.default.fileExists(atPath: loadLog) {
            _ = FileManager.default.createFile(atPath: loadLog, contents: nil)
        }
        guard let h = FileHandle(forWritingAtPath: loadLog) else { return }
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try? h.close()
    }
}
