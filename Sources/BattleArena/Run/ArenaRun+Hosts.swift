import BattleCore
import Foundation

/// `battle run --hosts FILE`: every load of the run (primer, warm-ups,
/// trials of every level kind, capacity steps) goes through the hosts
/// file's load agents, coordinated by `AgentCoordinator` and merged exactly
/// by `AgentMerge`, instead of a local `battle load` child. The merged
/// level is a normal `LoadSummary` (counts added, corrected and uncorrected
/// apart) carrying each agent's own figures (`agents`) and the merged
/// level's `standing`, which `TrialRecorder` turns into the trial's
/// judgement (`AgentJudgement`).
extension ArenaRun {
    /// The level through the agents, the server sampled here at about 10 Hz
    /// while they run; the samples inside the measured window (known once
    /// the coordinator has given T0) make the trial's `server` usage.
    func runLoadThroughAgents(
        _ level: LevelSpec, session: ContenderSession, hosts: HostsRun, seconds: Double, warmup: Double,
        sample: Bool, recording: TrialRecording?
    ) async throws -> LoadRun {
        let server = session.server
        let url = "http://\(server.host):\(server.port)\(level.path)"
        var run = LoadRun()
        let load = HostsLevel.agentLoad(
            url: url, connections: max(level.connections, hosts.file.clients.count), pipeline: level.pipeline,
            rate: level.rate, seconds: seconds, warmup: warmup, intervalSeconds: options.intervalSeconds ?? 1,
            orderBodies: level.test == .orders ? orderBodyLines() : nil)
        let own = options.loadGenerator.first ?? "battle"
        var plan = AgentPlan(
            destinations: hosts.destinations, load: load, battle: nil, sshConfig: hosts.sshConfig,
            ownExecutable: own, environment: options.environment)
        plan.commands = hosts.file.clients.indices.map { hosts.agentCommand($0, ownExecutable: own) }
        if recording?.probe == true { notePauseProbeSkipped() }
        appendLoadLog(
            "==== \(server.manifest.name) \(level.test.rawValue) \(level.label): \(plan.commands!.count) agents from \(hosts.path), \(load.connections) connections\(load.rate.map { ", \(Format.count($0)) req/s" } ?? "")\n"
        )

        // The coordinator runs in its own task; this one samples the server and
        // watches it and the database, and stops the agents through `stop`.
        let stop = Interruption()
        let lines = LockedBox<[String]>([])
        let done = LockedBox(false)
        let started = MonotonicClock.seconds
        let task = Task { () -> Result<AgentCoordinator.Outcome, AgentCoordinatorFailure> in
            defer { done.withLock { $0 = true } }
            do throws(AgentCoordinatorFailure) {
                return .success(
                    try await AgentCoordinator.run(
                        plan, interruption: stop, note: { l in lines.withLock { $0.append(l) } }))
            } catch { return .failure(error) }
        }
        var snapshots: [(wall: Double, monotonic: Double, tree: [ProcStat], cpu: CPUTimes?)] = []
        var failure: (any Error)?
        while !done.current {
            if interruption.isTriggered, !stop.isTriggered { stop.trigger(signal: interruption.signalNumber ?? SIGINT) }
            if run.serverExit == nil, let t = server.process.poll() { run.serverExit = t }
            if failure == nil {
                do { try watchDatabase(level, contender: server.manifest.name) } catch {
                    failure = error
                    stop.trigger(signal: SIGTERM)
                }
            }
            if sample, run.serverExit == nil, server.samplesFile == nil {
                snapshots.append(
                    (
                        Date().timeIntervalSince1970, MonotonicClock.seconds,
                        ProcTable.read().tree(root: server.process.pid),
                        CPUTimes.read()
                    ))
            }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        let result = await task.value
        for l in lines.current { appendLoadLog("agents: \(l)\n") }
        if let failure { throw failure }
        try interruption.check()
        if run.serverExit == nil, let t = server.process.poll() { run.serverExit = t }
        let wall = MonotonicClock.seconds - started
        session.loadSeconds += wall
        progress.done(server.manifest.name, seconds: wall)

        let coordinated: AgentCoordinator.Outcome
        switch result {
        case .success(let o): coordinated = o
        case .failure(let e):
            run.loadError = "the load agents (\(hosts.path)) failed: \(e.description); see \(loadLog)"
            return run
        }
        let merged: MergedLoad
        do {
            merged = try AgentMerge.merge(
                config: HostsLevel.record(load, threads: HostsLevel.threads(coordinated.outcomes)),
                outcomes: coordinated.outcomes, t0: coordinated.t0, policy: hosts.policy)
        } catch {
            run.loadError = "the agents' results cannot be merged: \(error)"
            return run
        }
        let summary = merged.summary
        run.summary = summary
        let agentCores = (summary.agents ?? []).compactMap(\.cpuCores)
        run.clientCores = agentCores.isEmpty ? nil : agentCores.reduce(0, +)
        run.clientBound = AgentJudgement.judge(summary.standing).notRanked

        // The server's samples inside the window, like a single-host trial's.
        let inside = HostsLevel.windowed(
            snapshots.map(\.wall), windowStart: merged.windowStart, seconds: summary.durationSeconds)
        if !inside.isEmpty {
            var sampler = ResourceAccumulator()
            for s in snapshots[inside] { sampler.add(s.tree, at: s.monotonic) }
            run.usage = sampler.usage(scaledTo: summary.durationSeconds).map(Self.bounded)
            run.samplesStartSeconds = snapshots[inside.lowerBound].wall - merged.windowStart
            if let a = snapshots[inside.lowerBound].cpu, let b = snapshots[inside.upperBound - 1].cpu {
                run.machine = CPUTimes.machineLoad(
                    from: a, to: b, placement: placement, serverCores: run.usage?.cpuCores)
            }
        }
        // A server on its own host sampled itself (`battle hosts serve`).
        if sample, server.samplesFile != nil {
            let remote = remoteSamples(server, windowStart: merged.windowStart, seconds: summary.durationSeconds)
            var sampler = ResourceAccumulator()
            for s in remote { sampler.add(s.processes.map(\.stat), at: s.t) }
            run.usage = sampler.usage(scaledTo: summary.durationSeconds).map(Self.bounded)
            run.samplesStartSeconds = remote.first.map { $0.t - merged.windowStart }
        }
        // The merged interval log, written like a single-host trial's.
        if let recording, options.intervalSeconds != nil, !merged.intervals.isEmpty, let folder = hdrFolder() {
            let path = "\(folder)/\(recording.stem).hlog"
            do {
                try AtomicFile.write(
                    Data(HostsLevel.intervalLog(merged, agents: coordinated.outcomes.count).utf8), to: path)
                run.hdrLog = "hdr/\(recording.stem).hlog"
            } catch {
                note("the interval log \(path) could not be written (\(error)); the trial is kept without it")
            }
        }
        for w in summary.warnings ?? [] { appendLoadLog("warning: \(w)\n") }
        try await checkDatabase(level, contender: server.manifest.name)
        if run.serverExit == nil, !server.answers(timeout: 3) {
            if let t = server.process.poll() { run.serverExit = t } else { run.hung = true }
        }
        return run
    }

    /// The `/orders` bodies, one JSON order per element (the same as a single-host run's file).
    func orderBodyLines() -> [String] {
        OrdersTargets.bodies().split(separator: "\n").map(String.init)
    }

    /// Said once per run: the pause probe is a local `battle load` beside the
    /// level; with load agents there is no local load generator to put it beside.
    func notePauseProbeSkipped() {
        let text = "the pause probe does not run with load agents (battle run --hosts)"
        if !results.notes.contains(where: { $0.hasPrefix(text) }) {
            note("\(text); the levels are measured without it")
        }
    }
}

// MARK: the server on its own host

extension ArenaRun {
    /// Starts the contender: here (`ContenderServer.spawn`, under `cgroup`),
    /// or on the hosts file's server host through `battle hosts serve` over
    /// ssh, which runs it under the same CPU budget in a cgroup there and
    /// sends its process tree's samples back (into a scratch file here). The
    /// ssh is the server's process here: stopping it stops the contender
    /// there (its samples' pipe closes), and its exit is the contender's.
    func spawnServer(
        manifest m: ContenderManifest, port: Int, environment: [String: String], logFile: String, cgroup: CPUCgroup?
    ) throws(SpawnError) -> ContenderServer {
        guard let hosts = options.hosts, hosts.serverSSH != nil else {
            return try ContenderServer.spawn(
                manifest: m, port: port, cpus: placement.server, environment: environment, logFile: logFile,
                logs: logs, supervisor: supervisor, cgroup: cgroup)
        }
        // What battle gives a contender, not this machine's whole environment:
        // the server host has its own (PATH, HOME) from its ssh login.
        var env = environment.filter { k, _ in
            k.hasPrefix("BATTLE_") || m.run.env[k] != nil || (options.runtimeEnv[m.baseName]?[k] != nil)
        }
        env.removeValue(forKey: "BATTLE_E2E_MARKER")
        env["BATTLE_HOST"] = hosts.serverAddress
        env["BATTLE_WORKERS"] = String(hosts.file.server.cpus.count)
        let argv = hosts.serveCommand(
            folder: m.folder, command: m.run.command, environment: env, budget: cpuBudget, grace: m.run.stopGrace,
            name: m.name)
        let samples = ResultsStore.scratchPath("server-samples-\(getpid())-\(port).jsonl")
        unlink(samples)
        logs.append(
            "\n==== battle: starting \(m.name) on \(hosts.serverAddress):\(port) (\(hosts.file.server.host)), CPUs \(hosts.file.server.cpus) there, \(Date()) ====\n\(argv.joined(separator: " "))\n",
            to: logFile)
        // Its stdin is a pipe held open here: its end (the session's stop, or
        // battle's own end) stops the contender there.
        var ends: [Int32] = [-1, -1]
        guard AgentProcess.makePipe(&ends) == 0 else {
            throw SpawnError(command: argv.joined(separator: " "), code: errno)
        }
        defer { close(ends[0]) }
        let p: ChildProcess
        do {
            p = try ChildProcess.spawn(
                argv, environment: options.environment, stdin: ends[0], stdout: .file(samples),
                stderr: logs.output(logFile), label: "\(m.name) server (ssh)", supervisor: supervisor)
        } catch {
            close(ends[1])
            throw error
        }
        return ContenderServer(
            manifest: m, port: port, process: p, logFile: logFile, host: hosts.serverAddress, samplesFile: samples,
            remoteStdin: ends[1])
    }

    /// The server's process tree now: from /proc here, or its last sample from its host.
    func serverTree(_ server: ContenderServer) -> [ProcStat] {
        guard let file = server.samplesFile else { return ProcTable.read().tree(root: server.process.pid) }
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return ServerSample.parse(lines: String(text.suffix(16_384))).last?.processes.map(\.stat) ?? []
    }

    /// The server host's samples taken in `[start, start + seconds]` (its clock).
    func remoteSamples(_ server: ContenderServer, windowStart: Double, seconds: Double) -> [ServerSample] {
        guard let file = server.samplesFile else { return [] }
        let all = ServerSample.parse(lines: (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
        let inside = HostsLevel.windowed(all.map(\.t), windowStart: windowStart, seconds: seconds)
        return Array(all[inside])
    }

    /// results.json's `environment.hosts`: where the roles run and the TCP
    /// connect round trips from each agent's host to the server's host
    /// (`battle hosts rtt` over ssh; from here for a local agent).
    func recordHosts() {
        guard let hosts = options.hosts else { return }
        var trips: [HostRoundTrip] = []
        if hosts.serverSSH != nil {
            var measuredHere = false
            for i in hosts.file.clients.indices {
                if let argv = hosts.roundTripCommand(i, to: hosts.serverAddress) {
                    guard let out = try? CapturedCommand.runBlocking(argv, timeout: 30), out.succeeded,
                        let trip = try? ResultsCoding.decoder().decode(HostRoundTrip.self, from: Data(out.stdout.utf8))
                    else {
                        note("the round trips from client[\(i)] to the server host could not be measured")
                        continue
                    }
                    trips.append(trip)
                } else if !measuredHere {
                    measuredHere = true
                    let samples = ConnectRoundTrip.measure(address: hosts.serverAddress, port: 22, count: 20)
                    if let t = HostRoundTrip.summary(
                        from: "local", to: "\(hosts.serverAddress):22", samples: samples)
                    {
                        trips.append(t)
                    }
                }
            }
        }
        let database: String
        switch hosts.file.database {
        case .none: database = "none"
        case .host(let p): database = p.host.description
        case .url: database = "url"
        }
        results.plan.placement = hosts.placementRecord(local: results.plan.placement)
        results.environment.hosts = HostsEnvironment(
            file: hosts.path, clients: hosts.destinations.map(\.description),
            server: hosts.file.server.host.description, serverAddress: hosts.serverAddress, database: database,
            roundTrips: trips)
        for t in trips {
            say(
                "hosts: round trip \(t.from) to \(t.to): median \(Format.micros(t.medianMicros)), min \(Format.micros(t.minMicros)) (\(t.count) TCP connects)"
            )
        }
    }
}

// MARK: the database on its own host

extension ArenaRun {
    /// battle's throwaway PostgreSQL on the hosts file's database host
    /// (`battle hosts postgres` over ssh), given to `body` as an existing
    /// server at that host's address: the run uses it as it uses
    /// `--database-url` (tables recreated per session, health by queries).
    /// Closing the ssh's stdin stops and deletes it there, on every way out.
    func withRemoteDatabase(_ hosts: HostsRun, _ body: (DatabaseEndpoint) async throws -> Void) async throws {
        guard let address = hosts.databaseAddress else { return }
        let argv = hosts.postgresCommand(schemaFile: schemaFile)
        let log = "\(store.logFolder)/database.log"
        let out = ResultsStore.scratchPath("database-\(getpid()).json")
        unlink(out)
        defer { unlink(out) }
        logs.append("==== battle: starting PostgreSQL on \(address): \(argv.joined(separator: " "))\n", to: log)
        var ends: [Int32] = [-1, -1]
        guard AgentProcess.makePipe(&ends) == 0 else { throw ArenaError("no pipe for the database's ssh") }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                argv, environment: options.environment, stdin: ends[0], stdout: .file(out), stderr: logs.output(log),
                label: "PostgreSQL (ssh)", supervisor: supervisor)
        } catch {
            close(ends[0])
            close(ends[1])
            throw ArenaError("cannot start PostgreSQL on \(address): \(error)")
        }
        close(ends[0])
        var stdin: Int32? = ends[1]
        func stop() {
            if let fd = stdin { close(fd) }
            stdin = nil
            if child.waitBlocking(timeout: 20) == nil { _ = child.stop(grace: 2) }
        }
        defer { stop() }
        let deadline = MonotonicClock.seconds + 180
        var ready: DatabaseReady?
        while ready == nil {
            try interruption.check()
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first {
                ready = try? ResultsCoding.decoder().decode(DatabaseReady.self, from: Data(line.utf8))
                if ready != nil { break }
            }
            if let t = child.poll() {
                throw ArenaError(
                    "PostgreSQL did not start on \(address) (\(t.description)); last lines of \(log):\n\(LogTail.read(log, lines: 8))"
                )
            }
            if MonotonicClock.seconds > deadline {
                throw ArenaError("PostgreSQL did not start on \(address) within 180 s; see \(log)")
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        say("database: \(ready!.version ?? "PostgreSQL") on \(address):\(ready!.port) (battle hosts postgres there)")
        try await body(DatabaseEndpoint(host: address, port: ready!.port))
    }
}
