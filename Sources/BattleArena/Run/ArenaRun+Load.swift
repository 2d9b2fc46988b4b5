import BattleCore
import BattleSuite
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
    /// Where the server samples' t = 0 lies on the load window's clock.
    var samplesStartSeconds: Double?
    /// The load's interval log, relative to the run folder, when written.
    var hdrLog: String?
    /// The pause probe, when one ran beside the load.
    var probe: PauseProbe?
    /// Why the probe gave nothing, when it failed.
    var probeError: String?
}

/// What a measured trial asks of `runLoad` beyond the load itself: its
/// interval series and log, and the pause probe beside it.
struct TrialRecording {
    /// The file stem under `hdr/`: `rust-orders-c64_heap512MB-t1`.
    var stem: String
    var probe: Bool
}

extension ArenaRun {
    var loadLog: String { "\(store.logFolder)/load.log" }

    /// Runs `battle load` as a child pinned to the client CPUs against the
    /// session's server, sampling the server's process tree at about 10 Hz after the
    /// warm-up when `sample` is set, and watching for a crash or a hang.
    func runLoad(
        _ level: LevelSpec, session: ContenderSession, seconds: Double, warmup: Double, sample: Bool,
        recording: TrialRecording? = nil
    ) async throws -> LoadRun {
        if let hosts = options.hosts {
            return try await runLoadThroughAgents(
                level, session: session, hosts: hosts, seconds: seconds, warmup: warmup, sample: sample,
                recording: recording)
        }
        let server = session.server
        let url = "http://127.0.0.1:\(server.port)\(level.path)"
        var request = LoadRequest(
            url: url, connections: level.connections, durationSeconds: seconds, warmupSeconds: warmup,
            pipeline: level.pipeline,
            rate: level.rate)
        if let suite = options.dataSuite, let test = suite.spec(of: level.test) {
            request.targetsFile = try suiteTargets(test, port: server.port)
        } else if level.test == .orders {
            request.targetsFile = try ordersTargets(url: url)
        }
        var run = LoadRun()
        var probeRequest: LoadRequest?
        // The interval logs are written in the temporary folder and moved into
        // hdr/ afterwards: a results folder that filled up or turned read-only
        // costs a log, never the trial (`battle load` refuses a log it cannot open).
        var logMoves: [(scratch: String, final: String)] = []
        defer { for move in logMoves { unlink(move.scratch) } }
        if let recording {
            request.intervalSeconds = options.intervalSeconds
            if options.intervalSeconds != nil, let folder = hdrFolder() {
                run.hdrLog = "hdr/\(recording.stem).hlog"
                request.hdrLog = ResultsStore.scratchPath("\(getpid())-\(recording.stem).hlog")
                logMoves.append((request.hdrLog!, "\(folder)/\(recording.stem).hlog"))
            }
            if recording.probe {
                var p = LoadRequest.probe(
                    port: server.port, path: probePath(server.manifest), rate: options.probe.rate,
                    durationSeconds: seconds,
                    warmupSeconds: warmup, intervalSeconds: options.intervalSeconds, hdrLog: nil,
                    connections: LoadRequest.probeConnections(for: level))
                if request.hdrLog != nil, let folder = hdrFolder() {
                    p.hdrLog = ResultsStore.scratchPath("\(getpid())-\(recording.stem)-probe.hlog")
                    logMoves.append((p.hdrLog!, "\(folder)/\(recording.stem)-probe.hlog"))
                }
                probeRequest = p
            }
        }
        let argv = ["taskset", "-c", placement.client.description] + options.loadGenerator + request.arguments
        // In the temporary folder, not the results folder: a full or read-only
        // results folder must not cost the measurement itself.
        let stdoutFile = ResultsStore.scratchPath("load-\(getpid()).json")
        let probeStdout = ResultsStore.scratchPath("probe-\(getpid()).json")
        unlink(stdoutFile)
        unlink(probeStdout)
        defer {
            unlink(stdoutFile)
            unlink(probeStdout)
        }
        appendLoadLog(
            "==== \(server.manifest.name) \(level.test.rawValue) \(level.label): \(argv.joined(separator: " "))\n")

        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                argv, environment: options.environment, stdout: .file(stdoutFile), stderr: logs.output(loadLog),
                label: "battle load",
                supervisor: supervisor)
        } catch {
            run.loadError = error.description
            return run
        }
        // The probe starts right after the load, on the same CPUs, for the same window.
        var probeChild: ChildProcess?
        if let probeRequest {
            let probeArgv =
                ["taskset", "-c", placement.client.description] + options.loadGenerator + probeRequest.arguments
            appendLoadLog(
                "==== \(server.manifest.name) \(level.test.rawValue) \(level.label) pause probe: \(probeArgv.joined(separator: " "))\n"
            )
            do {
                probeChild = try ChildProcess.spawn(
                    probeArgv, environment: options.environment, stdout: .file(probeStdout),
                    stderr: logs.output(loadLog),
                    label: "battle load (pause probe)", supervisor: supervisor)
            } catch { run.probeError = error.description }
        }
        var sampler = ResourceAccumulator()
        var termination: Termination?
        var probeTermination: Termination?
        var timedOut = false
        // Samples on a fixed 10 Hz schedule from the end of the warm-up; the
        // loop also polls the children between samples.
        var nextSample = child.startedAt + warmup
        var firstSampleAt: Date?
        var cpuStart: CPUTimes?
        var cpuEnd: CPUTimes?
        while true {
            if termination == nil, let t = child.poll() { termination = t }
            if let p = probeChild, probeTermination == nil, let t = p.poll() { probeTermination = t }
            if termination != nil, probeChild == nil || probeTermination != nil { break }
            if interruption.isTriggered {
                _ = child.stop(grace: 1)
                _ = probeChild?.stop(grace: 1)
                try interruption.check()
            }
            if run.serverExit == nil, let t = server.process.poll() { run.serverExit = t }
            do { try watchDatabase(level, contender: server.manifest.name) } catch {
                _ = child.stop(grace: 1)
                if let p = probeChild, probeTermination == nil { _ = p.stop(grace: 1) }
                throw error
            }
            let elapsed = MonotonicClock.seconds - child.startedAt
            if sample, termination == nil, run.serverExit == nil, MonotonicClock.seconds >= nextSample {
                if firstSampleAt == nil { firstSampleAt = Date() }
                sampler.add(ProcTable.read().tree(root: server.process.pid), at: MonotonicClock.seconds)
                if cpuStart == nil { cpuStart = CPUTimes.read() } else { cpuEnd = CPUTimes.read() }
                nextSample += 0.1
                if nextSample < MonotonicClock.seconds { nextSample = MonotonicClock.seconds + 0.1 }
            }
            if elapsed > request.deadlineSeconds {
                timedOut = termination == nil
                if termination == nil { termination = child.stop(grace: 2).termination }
                if let p = probeChild, probeTermination == nil {
                    probeTermination = p.stop(grace: 2).termination
                    run.probeError =
                        "it did not finish within \(Format.duration(request.deadlineSeconds)) and was stopped"
                }
                break
            }
            let pause = sample ? max(0.005, min(0.1, nextSample - MonotonicClock.seconds)) : 0.05
            try? await Task.sleep(nanoseconds: UInt64(pause * 1e9))
        }
        if run.serverExit == nil, let t = server.process.poll() { run.serverExit = t }
        let wall = MonotonicClock.seconds - child.startedAt
        session.loadSeconds += wall
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
            run.usage = sampler.usage(scaledTo: s.durationSeconds).map(Self.bounded)
            if let first = firstSampleAt {
                run.samplesStartSeconds = first.timeIntervalSince1970 - s.windowStartEpochSeconds
            }
            if probeChild != nil, run.probeError == nil {
                run.probe = readProbe(probeStdout, of: s, termination: probeTermination, run: &run)
                if let p = run.probe, p.hdrLog == nil, probeRequest?.hdrLog != nil, let stem = recording?.stem {
                    run.probe?.hdrLog = "hdr/\(stem)-probe.hlog"
                }
            }
            let assessment = LoadAssessment.assess(
                s, termination: termination, wallSeconds: wall,
                cpuTimes: cpuStart.flatMap { a in cpuEnd.map { (a, $0) } },
                serverCores: run.usage?.cpuCores, placement: placement, policy: policy)
            run.clientCores = assessment.clientCores
            run.machine = assessment.machine
            run.clientBound = assessment.clientBound
        }
        for move in logMoves { Self.moveLog(move.scratch, to: move.final) }
        // An interval log the load generator could not write, or that could not
        // be moved into a full or read-only results folder, is not referenced;
        // the trial's figures stand without it.
        for (log, clear) in [
            (run.hdrLog, { (r: inout LoadRun) in r.hdrLog = nil }), (run.probe?.hdrLog, { r in r.probe?.hdrLog = nil }),
        ] {
            guard let log, !FileManager.default.fileExists(atPath: "\(store.folder)/\(log)") else { continue }
            clear(&run)
            let said = "some interval logs could not be written"
            if !results.notes.contains(where: { $0.hasPrefix(said) }) {
                note("\(said) (the first: \(store.folder)/\(log)); their trials are kept without them, see \(loadLog)")
            }
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

    /// The probe's `battle load --json` document as a `PauseProbe`, its window placed on `main`'s clock.
    func readProbe(_ file: String, of main: LoadSummary, termination: Termination?, run: inout LoadRun) -> PauseProbe? {
        let output = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
        guard !output.isEmpty, let s = try? ResultsCoding.decoder().decode(LoadSummary.self, from: output) else {
            run.probeError = "it printed no summary (\(termination?.description ?? "?")); see \(loadLog)"
            return nil
        }
        let path = URL(string: s.config.targets.first ?? "")?.path ?? "/plaintext"
        return PauseProbe(
            summary: s, path: path, startSeconds: s.windowStartEpochSeconds - main.windowStartEpochSeconds, hdrLog: nil)
    }

    /// GET /plaintext, or the ready path for a contender without plaintext.
    func probePath(_ m: ContenderManifest) -> String {
        m.tests.contains(.plaintext) ? SuiteTest.plaintext.path : m.run.readyPath
    }

    /// Moves a finished interval log from the temporary folder into the
    /// results folder (a copy when they are on different file systems). On
    /// failure the destination is left absent, which the caller reports.
    static func moveLog(_ scratch: String, to final: String) {
        guard FileManager.default.fileExists(atPath: scratch) else { return }
        if rename(scratch, final) == 0 { return }
        unlink(final)
        do { try FileManager.default.copyItem(atPath: scratch, toPath: final) } catch { unlink(final) }
        unlink(scratch)
    }

    /// `results/<id>/hdr`, created on first use; nil (and a note) when it cannot be.
    func hdrFolder() -> String? {
        let folder = "\(store.folder)/hdr"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            note("no interval logs: cannot create \(folder): \(error)")
            return nil
        }
        return folder
    }

    /// At most `ResourceUsage.sampleCap` samples per trial (every n-th kept, the last always).
    static func bounded(_ u: ResourceUsage) -> ResourceUsage {
        var u = u
        u.samples = ResourceUsage.thinned(u.samples)
        return u
    }

    /// The targets file POSTing generated orders to `url` (bodies written once
    /// per run). Both go to the temporary folder, not the results folder: a
    /// full or read-only results folder must not cost the measurement.
    func ordersTargets(url: String) throws -> String {
        if ordersBodiesFile == nil {
            let path = ResultsStore.scratchPath("orders-bodies-\(getpid()).jsonl")
            try AtomicFile.write(Data(OrdersTargets.bodies().utf8), to: path)
            ordersBodiesFile = path
        }
        let file = ResultsStore.scratchPath("orders-targets-\(getpid()).toml")
        try AtomicFile.write(Data(OrdersTargets.targetsFile(url: url, bodiesFile: ordersBodiesFile!).utf8), to: file)
        ordersTargetsFile = file
        return file
    }

    /// A data-suite test's targets file (SuiteTargets) against `port`, and its
    /// JSONL bodies files, written once per test and port in the temporary folder.
    func suiteTargets(_ test: SuiteTestSpec, port: Int) throws -> String {
        let key = "\(test.name)-\(port)"
        if let file = suiteTargetFiles[key] { return file }
        var bodies: [String: String] = [:]
        for (i, r) in test.requests.enumerated() {
            guard case .lines(let file, let lines)? = r.body, bodies[file] == nil else { continue }
            let path = ResultsStore.scratchPath("suite-bodies-\(getpid())-\(test.name)-\(i).jsonl")
            try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: path)
            suiteScratch.append(path)
            bodies[file] = path
        }
        let text = SuiteTargets.file(
            SuiteTargets.expand(test), base: "http://127.0.0.1:\(port)", test: test.name, bodiesFiles: bodies)
        let path = ResultsStore.scratchPath("suite-targets-\(getpid())-\(key).toml")
        try AtomicFile.write(Data(text.utf8), to: path)
        suiteScratch.append(path)
        suiteTargetFiles[key] = path
        return path
    }

    func appendLoadLog(_ text: String) { logs.append(text, to: loadLog) }
}
