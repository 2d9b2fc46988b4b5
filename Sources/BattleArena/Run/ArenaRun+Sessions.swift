import BattleCore
import BattleHTTPClient
import Foundation

extension ArenaRun {
    enum SessionEnd {
        case completed
        /// The contender failed (its slot says how); it is not run again.
        case failed
    }

    // MARK: sessions

    /// Round `round` of a contender: start, (first round: idle RSS, verify),
    /// then every planned test: primer (first round), warm-up, one trial per level.
    ///
    /// With `resume` (after the database failed and was restarted), the
    /// session starts at that test and level: no verification, no primer.
    func mainSession(_ i: Int, round: Int, resume: ResumePoint? = nil) async throws {
        let name = slots[i].result.name
        let plans = profile.testPlans(for: slots[i].tests).filter { resume == nil || $0.test >= resume!.test }
        guard resume == nil || !plans.isEmpty else { return }
        say(
            "\(name): round \(round + 1)/\(profile.trials): \(resume == nil ? "starting" : "starting again at \(plans[0].test.rawValue)")"
        )
        try await withServer(i, liveHeapMB: 0) { server in
            let first = round == 0 && resume == nil
            if first {
                try await self.idleAndVerify(i, server)
                guard self.slots[i].active else { return .failed }
            }
            for plan in plans {
                self.applyBudget(for: plan.test)
                var levels = plan.levels
                if let r = resume, r.test == plan.test, let at = levels.firstIndex(where: { $0.label == r.level }) {
                    levels = Array(levels[at...])
                }
                if first {
                    self.say(
                        "\(name): \(plan.test.rawValue): primer (\(self.profile.primerConnections) connections, \(Format.duration(self.profile.primerSeconds)))"
                    )
                    let spec = LevelSpec(test: plan.test, connections: self.profile.primerConnections)
                    let r = try await self.runLoad(
                        spec, server: server, seconds: self.profile.primerSeconds, warmup: 0, sample: false)
                    if self.handleFailure(i, r, during: "the \(plan.test.rawValue) primer", server: server) {
                        return .failed
                    }
                    if let s = r.summary, s.successes == 0 {
                        self.note(
                            "\(name) \(plan.test.rawValue): the primer got no successful response (\(Self.statusLine(s))); see \(server.logFile)"
                        )
                    }
                }
                guard try await self.warmUp(i, plan.test, connections: plan.warmupConnections, server: server) else {
                    return .failed
                }
                for level in levels {
                    guard try await self.trial(i, level, round: round, server: server) else { return .failed }
                }
            }
            return .completed
        }
    }

    /// The large-heap /orders level: a fresh start with BATTLE_LIVE_HEAP_MB set.
    func heapSession(_ i: Int, round: Int, level: LevelSpec) async throws {
        say(
            "\(slots[i].result.name): round \(round + 1)/\(profile.trials): restarting with BATTLE_LIVE_HEAP_MB=\(level.liveHeapMB)"
        )
        try await withServer(i, liveHeapMB: level.liveHeapMB) { server in
            self.applyBudget(for: .orders)
            guard try await self.warmUp(i, .orders, connections: level.connections, server: server) else {
                return .failed
            }
            guard try await self.trial(i, level, round: round, server: server) else { return .failed }
            return .completed
        }
    }

    /// Starts the contender, runs `body`, and always stops it, recording how it
    /// exited. Start failures are recorded here.
    func withServer(_ i: Int, liveHeapMB: Int, _ body: (ContenderServer) async throws -> SessionEnd) async throws {
        guard let m = slots[i].manifest else { return }
        if let db = database,
            slots[i].tests.contains(where: \.usesDatabase) || slots[i].capacityTests.contains(where: \.usesDatabase)
        {
            do { try await db.reset(logger: logger) } catch {
                // A database that died between sessions shows here first.
                try await checkDatabase(during: "the start of its session (resetting the tables)", contender: m.name)
                note("\(m.name): \(error); the tables may hold the previous contender's updates")
            }
        }
        try interruption.check()
        guard let port = FreePort.find() else { throw ArenaError("no free TCP port on 127.0.0.1 for \(m.name)") }
        let env = ContenderServer.environment(
            base: options.environment, manifest: m, port: port,
            database: database?.endpoint ?? DatabaseEndpoint(port: 5432), workers: placement.server.count,
            pool: options.databasePool, liveHeapMB: liveHeapMB, root: options.root, tools: options.tools,
            knobs: options.runtimeEnv[m.baseName] ?? [:])
        // A cgroup per start: it holds the CPU budget, and without one it still
        // finds every process the contender starts, even one that left its
        // process group, so none outlives the session.
        let cgroup: CPUCgroup?
        do { cgroup = try CPUCgroup.create(name: m.name, budget: cpuBudget) } catch {
            if cpuBudget != nil { throw ArenaError("the CPU budget cannot be applied to \(m.name): \(error)") }
            logger.debug("no cgroup to track \(m.name)'s processes: \(error)")
            cgroup = nil
        }
        currentCgroup = cgroup
        defer {
            currentCgroup = nil
            if let cgroup, cgroup.killRemainingAndRemove() > 0 {
                note(
                    "\(m.name) left processes running after it was stopped (outside its process group); battle found them through its CPU budget cgroup and killed them"
                )
            }
        }
        let server: ContenderServer
        do {
            server = try ContenderServer.spawn(
                manifest: m, port: port, cpus: placement.server, environment: env,
                logFile: "\(store.logFolder)/\(m.name)-server.log",
                logs: logs, supervisor: supervisor, cgroup: cgroup)
        } catch {
            fail(i, .startFailed, "\(error) (run.command in \(m.file))")
            return
        }
        let startedAt = MonotonicClock.seconds
        loadSecondsInSession = 0
        var end = SessionEnd.failed
        do {
            switch try await server.waitUntilReady(interruption: interruption) {
            case .ready(let seconds):
                if liveHeapMB == 0 {
                    slots[i].readySamples.append(seconds)
                    recordStartup(i, seconds: seconds)
                }
                say("\(m.name): ready in \(Format.micros(seconds * 1e6)) on port \(port)")
                end = try await body(server)
            case .exited(let t):
                fail(
                    i, .startFailed,
                    "it exited (\(t.description)) before answering \(m.run.readyPath); last lines of \(server.logFile):\n\(server.logTail())"
                )
            case .timedOut(let last):
                fail(
                    i, .startFailed,
                    "it did not answer 200 on \(m.run.readyPath) within \(Format.duration(m.run.startupTimeout)) (run.startup_timeout; last try: \(Self.describe(last))); last lines of \(server.logFile):\n\(server.logTail())"
                )
            }
        } catch {
            slots[i].result.exit = server.stop()
            progress.done(m.name, seconds: MonotonicClock.seconds - startedAt - loadSecondsInSession)
            throw error
        }
        if end == .completed, slots[i].active, let t = server.process.poll() {
            // It died after its last level, before battle asked it to stop.
            slots[i].result.exit = ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
            fail(
                i, .crashed,
                "it exited (\(t.description)) after its last level, before battle stopped it; last lines of \(server.logFile):\n\(server.logTail())"
            )
            end = .failed
        }
        let exit = server.stop()
        supervisor.reapOrphans()
        // Of all its starts, the contender's record keeps the most telling exit.
        slots[i].result.exit = ExitSeverity.mostTelling(kept: slots[i].result.exit, latest: exit)
        if end == .completed {
            if exit.killed {
                note(
                    "\(m.name) did not exit within \(Format.duration(m.run.stopGrace)) of SIGTERM and was killed (docs/SUITE.md §4 asks for an exit within 10 s)"
                )
            } else if let s = exit.status, s != 0 {
                note("\(m.name) exited with status \(s) after SIGTERM (docs/SUITE.md §4 asks for 0)")
            } else if let sig = exit.signal {
                note("\(m.name) was ended by signal \(sig) after SIGTERM instead of exiting with status 0")
            }
        }
        progress.done(m.name, seconds: MonotonicClock.seconds - startedAt - loadSecondsInSession)
    }

    static func describe(_ o: HTTPProbe.Outcome?) -> String {
        switch o {
        case nil: "none"
        case .status(let s)?: "status \(s)"
        case .refused?: "connection refused"
        case .timedOut?: "no answer"
        case .failed(let why)?: why
        }
    }

    func recordStartup(_ i: Int, seconds: Double) {
        let samples = slots[i].readySamples
        var record = slots[i].result.startup ?? StartupRecord(secondsToReady: seconds, idleRSSBytes: nil)
        record.secondsToReady = Statistics.median(samples)
        record.samples = samples
        slots[i].result.startup = record
    }

    /// First session only: idle RSS one second after ready, then the verifier.
    func idleAndVerify(_ i: Int, _ server: ContenderServer) async throws {
        try await interruption.sleep(1)
        let tree = ProcTable.read().tree(root: server.process.pid)
        if !tree.isEmpty {
            slots[i].result.startup?.idleRSSBytes = tree.reduce(0) { $0 + $1.rssPages } * ProcTable.pageSize
        }
        let reported = RuntimeRecord.parseReported(server.logTail(200))
        slots[i].result.runtime = RuntimeRecord(
            workersGiven: placement.server.count, cpuLimitCores: cpuBudget?.cores,
            idleThreads: tree.isEmpty ? nil : tree.reduce(0) { $0 + $1.threads },
            reported: reported.isEmpty ? nil : reported)
        if let base = slots[i].manifest?.baseName, let knobs = options.runtimeEnv[base], !knobs.isEmpty {
            slots[i].result.runtime?.env = knobs
        }
        let name = slots[i].result.name
        guard options.verify else {
            slots[i].result.verification = VerificationRecord(skipped: true, checks: [])
            return
        }
        say("\(name): verifying \(slots[i].tests.map(\.rawValue).joined(separator: ", "))")
        let target = VerifyTarget(
            host: "127.0.0.1", port: server.port, databaseURL: database?.endpoint.url, tests: slots[i].tests)
        let record = await Verifier.verify(target, logger: logger)
        try interruption.check()
        slots[i].result.verification = record
        if let t = server.process.poll() {
            fail(
                i, .crashed,
                "it exited (\(t.description)) during verification; last lines of \(server.logFile):\n\(server.logTail())"
            )
            slots[i].result.exit = ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
            return
        }
        if !record.passed, slots[i].tests.contains(where: \.usesDatabase) {
            // Failed checks may be the database's doing, not the contender's.
            try await checkDatabase(during: "verification", contender: name)
        }
        guard record.passed else {
            let failures = record.failures.prefix(8).map {
                "\($0.test.map { "\($0.rawValue): " } ?? "")\($0.name): \($0.detail)"
            }
            fail(
                i, .verifyFailed,
                "failed \(record.failures.count) verification check(s); not benchmarked (--no-verify runs it anyway):\n"
                    + failures.joined(separator: "\n"))
            return
        }
        say("\(name): verified (\(record.checks.count) checks, \(record.warnings.count) warnings)")
    }

    /// Sets the contender's quota to `test`'s budget (tests may have one of their own).
    func applyBudget(for test: SuiteTest) {
        guard let budget = cpuBudget, let cgroup = currentCgroup, budget.testCores != nil else { return }
        if !cgroup.setQuota(budget.quota(budget.cores(for: test))) {
            note(
                "could not set the CPU budget of \(test.rawValue) (\(Format.significant(budget.cores(for: test))) CPU) in \(cgroup.path)"
            )
        }
    }

    /// Load at the test's busiest level, discarded. False when the contender failed.
    func warmUp(_ i: Int, _ test: SuiteTest, connections: Int, server: ContenderServer) async throws -> Bool {
        guard profile.testWarmupSeconds > 0 else { return true }
        say(
            "\(slots[i].result.name): \(test.rawValue): warm-up (\(connections) connections, \(Format.duration(profile.testWarmupSeconds)))"
        )
        let r = try await runLoad(
            LevelSpec(test: test, connections: connections), server: server, seconds: profile.testWarmupSeconds,
            warmup: 0, sample: false)
        return !handleFailure(i, r, during: "the \(test.rawValue) warm-up", server: server)
    }

    /// One measured trial of a level, recorded. False when the contender failed.
    func trial(
        _ i: Int, _ level: LevelSpec, round: Int, server: ContenderServer, seconds: Double? = nil,
        warmup: Double? = nil,
        of total: Int? = nil
    ) async throws -> Bool {
        let name = slots[i].result.name
        say("\(name): \(level.test.rawValue) \(level.label): trial \(round + 1)/\(total ?? profile.trials)")
        let before = currentCgroup?.throttling()
        let recording = TrialRecording(
            stem: Self.fileStem(name, level, trial: round + 1), probe: options.probe.probes(level.kind))
        let r = try await runLoad(
            level, server: server, seconds: seconds ?? profile.seconds(level),
            warmup: warmup ?? profile.levelWarmupSeconds,
            sample: true, recording: recording)
        if let e = r.probeError { note("\(name) \(level.test.rawValue) \(level.label): the pause probe failed: \(e)") }
        if let summary = r.summary {
            let throttling = before.flatMap { b in currentCgroup?.throttling().map { $0.since(b) } }
            recordTrial(
                i,
                MeasuredTrial(
                    contender: name, level: level, number: round + 1, summary: summary, run: r, throttling: throttling))
            let probeText =
                r.probe.map {
                    ", pause probe p99.9 \($0.latency.p999.map(Format.micros) ?? "-") max \(Format.micros($0.latency.maxMicros))"
                } ?? ""
            say(
                "\(name): \(level.test.rawValue) \(level.label): \(Format.count(summary.requestsPerSecond)) req/s, p99 \(summary.latency.p99.map(Format.micros) ?? "-")\(probeText)\(r.usage.map { ", server CPU \(Format.fixed($0.cpuCores, 2)) cores, RSS \(Format.bytes($0.peakRSSBytes))" } ?? "")\(summary.successes < summary.requests || summary.errors.total > 0 ? " (\(Self.statusLine(summary)))" : "")"
            )
        }
        return !handleFailure(
            i, r, during: "\(level.test.rawValue) \(level.label) (trial \(round + 1))", server: server)
    }

    /// Records a crash, a hang or a load generator failure. True when the contender failed.
    func handleFailure(_ i: Int, _ r: LoadRun, during what: String, server: ContenderServer) -> Bool {
        let name = slots[i].result.name
        if let t = r.serverExit {
            slots[i].result.exit = ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
            fail(
                i, .crashed,
                "it exited (\(t.description)) during \(what); what was measured before is kept. Last lines of \(server.logFile):\n\(server.logTail())"
            )
            return true
        }
        if r.hung {
            fail(
                i, .hung,
                "it stopped answering during \(what) (its process is alive; \(server.manifest.run.readyPath) does not answer within 3 s); what was measured before is kept"
            )
            return true
        }
        if let e = r.loadError {
            loadFailures += 1
            note("\(name): the load generator failed during \(what): \(e)")
            say("\(name): load generator failed during \(what): \(e.split(separator: "\n").first ?? "")")
        }
        return false
    }

    /// Records a measured trial of any level kind through the one `TrialRecorder`.
    func recordTrial(_ i: Int, _ trial: MeasuredTrial) {
        TrialRecorder.record(trial, into: &slots[i].result, book: &trialBook, placement: placement, policy: policy)
    }

    /// `rust-orders-c64_heap512MB-t1`: a trial's file stem under `hdr/`.
    static func fileStem(_ name: String, _ level: LevelSpec, trial: Int) -> String {
        let label = String(
            level.label.compactMap { c -> Character? in
                if c == " " || c == "/" { return "_" }
                return c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-") ? c : nil
            })
        return "\(name)-\(level.test.rawValue)-\(label)-t\(trial)"
    }

    static func statusLine(_ s: LoadSummary) -> String {
        var parts = s.statusCodes.sorted { $0.key < $1.key }.map { "\($0.value)×\($0.key)" }
        if s.errors.total > 0 { parts.append("\(s.errors.total) errors") }
        return parts.isEmpty ? "no responses" : parts.joined(separator: ", ")
    }
}
