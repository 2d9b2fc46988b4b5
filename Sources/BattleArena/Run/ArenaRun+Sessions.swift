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
    func mainSession(_ id: SlotID, round: Int, resume: ResumePoint? = nil) async throws {
        let name = slots[id].result.name
        let plans = profile.testPlans(for: slots[id].tests).filter { resume == nil || $0.test >= resume!.test }
        guard resume == nil || !plans.isEmpty else { return }
        say(
            "\(name): round \(round + 1)/\(profile.trials): \(resume == nil ? "starting" : "starting again at \(plans[0].test.rawValue)")"
        )
        try await withServer(id, liveHeapMB: 0) { session in
            let first = round == 0 && resume == nil
            if first {
                try await self.idleAndVerify(session)
                guard self.slots[id].active else { return .failed }
            }
            // Verification may have found tests not implemented (a data suite's 404s).
            for plan in plans where self.slots[id].tests.contains(plan.test) {
                self.applyBudget(for: plan.test, in: session)
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
                        spec, session: session, seconds: self.profile.primerSeconds, warmup: 0, sample: false)
                    if self.handleFailure(session, r, during: "the \(plan.test.rawValue) primer") {
                        return .failed
                    }
                    if let s = r.summary, s.successes == 0 {
                        self.note(
                            "\(name) \(plan.test.rawValue): the primer got no successful response (\(Self.statusLine(s))); see \(session.server.logFile)"
                        )
                    }
                }
                guard try await self.warmUp(session, plan.test, connections: plan.warmupConnections) else {
                    return .failed
                }
                for level in levels {
                    guard try await self.trial(session, level, round: round) else { return .failed }
                }
            }
            return .completed
        }
    }

    /// The large-heap /orders level: a fresh start with BATTLE_LIVE_HEAP_MB set.
    func heapSession(_ id: SlotID, round: Int, level: LevelSpec) async throws {
        say(
            "\(slots[id].result.name): round \(round + 1)/\(profile.trials): restarting with BATTLE_LIVE_HEAP_MB=\(level.liveHeapMB)"
        )
        try await withServer(id, liveHeapMB: level.liveHeapMB) { session in
            self.applyBudget(for: .orders, in: session)
            guard try await self.warmUp(session, .orders, connections: level.connections) else {
                return .failed
            }
            guard try await self.trial(session, level, round: round) else { return .failed }
            return .completed
        }
    }

    /// Starts the contender, runs `body` with the session it makes, and
    /// always stops it, recording how it exited. Start failures are recorded here.
    func withServer(
        _ id: SlotID, liveHeapMB: Int, _ body: (ContenderSession) async throws -> SessionEnd
    ) async throws {
        guard let m = slots[id].manifest else { return }
        if let db = database,
            options.dataSuite?.usesDatabase == true || slots[id].tests.contains(where: \.usesDatabase)
                || slots[id].capacityTests.contains(where: \.usesDatabase)
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
        // A server on another host has its cgroup there (`battle hosts serve`).
        do {
            cgroup = options.hosts?.serverSSH != nil ? nil : try CPUCgroup.create(name: m.name, budget: cpuBudget)
        } catch {
            if cpuBudget != nil { throw ArenaError("the CPU budget cannot be applied to \(m.name): \(error)") }
            logger.debug("no cgroup to track \(m.name)'s processes: \(error)")
            cgroup = nil
        }
        defer {
            if let cgroup, cgroup.killRemainingAndRemove() > 0 {
                note(
                    "\(m.name) left processes running after it was stopped (outside its process group); battle found them through its CPU budget cgroup and killed them"
                )
            }
        }
        let server: ContenderServer
        do {
            server = try spawnServer(
                manifest: m, port: port, environment: env, logFile: "\(store.logFolder)/\(m.name)-server.log",
                cgroup: cgroup)
        } catch {
            fail(id, .startFailed, "\(error) (run.command in \(m.file))")
            return
        }
        let session = ContenderSession(slot: id, server: server, cgroup: cgroup)
        let startedAt = MonotonicClock.seconds
        var end = SessionEnd.failed
        do {
            switch try await server.waitUntilReady(interruption: interruption) {
            case .ready(let seconds):
                if liveHeapMB == 0 {
                    slots[id].readySamples.append(seconds)
                    recordStartup(id, seconds: seconds)
                }
                say("\(m.name): ready in \(Format.micros(seconds * 1e6)) on port \(port)")
                end = try await body(session)
            case .exited(let t):
                fail(
                    id, .startFailed,
                    "it exited (\(t.description)) before answering \(m.run.readyPath); last lines of \(server.logFile):\n\(server.logTail())"
                )
            case .timedOut(let last):
                fail(
                    id, .startFailed,
                    "it did not answer 200 on \(m.run.readyPath) within \(Format.duration(m.run.startupTimeout)) (run.startup_timeout; last try: \(Self.describe(last))); last lines of \(server.logFile):\n\(server.logTail())"
                )
            }
        } catch {
            slots[id].result.exit = server.stop()
            progress.done(m.name, seconds: MonotonicClock.seconds - startedAt - session.loadSeconds)
            throw error
        }
        if end == .completed, slots[id].active, let t = server.process.poll() {
            // It died after its last level, before battle asked it to stop.
            slots[id].result.exit = ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
            fail(
                id, .crashed,
                "it exited (\(t.description)) after its last level, before battle stopped it; last lines of \(server.logFile):\n\(server.logTail())"
            )
            end = .failed
        }
        let exit = server.stop()
        supervisor.reapOrphans()
        // Of all its starts, the contender's record keeps the most telling exit.
        slots[id].result.exit = ExitSeverity.mostTelling(kept: slots[id].result.exit, latest: exit)
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
        progress.done(m.name, seconds: MonotonicClock.seconds - startedAt - session.loadSeconds)
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

    func recordStartup(_ id: SlotID, seconds: Double) {
        let samples = slots[id].readySamples
        var record = slots[id].result.startup ?? StartupRecord(secondsToReady: seconds, idleRSSBytes: nil)
        record.secondsToReady = Statistics.median(samples)
        record.samples = samples
        slots[id].result.startup = record
    }

    /// First session only: idle RSS one second after ready, then the verifier.
    func idleAndVerify(_ session: ContenderSession) async throws {
        let id = session.slot
        let server = session.server
        try await interruption.sleep(1)
        let tree = serverTree(server)
        if !tree.isEmpty {
            slots[id].result.startup?.idleRSSBytes = tree.reduce(0) { $0 + $1.rssPages } * ProcTable.pageSize
        }
        let reported = RuntimeRecord.parseReported(server.logTail(200))
        slots[id].result.runtime = RuntimeRecord(
            workersGiven: placement.server.count, cpuLimitCores: cpuBudget?.cores,
            idleThreads: tree.isEmpty ? nil : tree.reduce(0) { $0 + $1.threads },
            reported: reported.isEmpty ? nil : reported)
        let name = session.name
        if let base = slots[id].manifest?.baseName, let knobs = options.runtimeEnv[base], !knobs.isEmpty {
            slots[id].result.runtime?.env = knobs
        }
        guard options.verify else {
            slots[id].result.verification = VerificationRecord(skipped: true, checks: [])
            return
        }
        let tests = slots[id].tests
        say("\(name): verifying \(tests.map(\.rawValue).joined(separator: ", "))")
        if let suite = options.dataSuite {
            try await verifySuite(suite, session, tests: tests)
            return
        }
        let target = VerifyTarget(
            host: server.host, port: server.port, databaseURL: database?.endpoint.url, tests: tests)
        let record = await Verifier.verify(target, logger: logger)
        try interruption.check()
        slots[id].result.verification = record
        if let t = server.process.poll() {
            fail(
                id, .crashed,
                "it exited (\(t.description)) during verification; last lines of \(server.logFile):\n\(server.logTail())"
            )
            slots[id].result.exit = ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
            return
        }
        if !record.passed, tests.contains(where: \.usesDatabase) {
            // Failed checks may be the database's doing, not the contender's.
            try await checkDatabase(during: "verification", contender: name)
        }
        guard record.passed else { return failVerification(id, record) }
        say("\(name): verified (\(record.checks.count) checks, \(record.warnings.count) warnings)")
    }

    /// Sets the session's quota to `test`'s budget (tests may have one of their own).
    func applyBudget(for test: SuiteTest, in session: ContenderSession) {
        guard let budget = cpuBudget, let cgroup = session.cgroup, budget.testCores != nil else { return }
        if !cgroup.setQuota(budget.quota(budget.cores(for: test))) {
            note(
                "could not set the CPU budget of \(test.rawValue) (\(Format.significant(budget.cores(for: test))) CPU) in \(cgroup.path)"
            )
        }
    }

    /// Load at the test's busiest level, discarded. False when the contender failed.
    func warmUp(_ session: ContenderSession, _ test: SuiteTest, connections: Int) async throws -> Bool {
        guard profile.testWarmupSeconds > 0 else { return true }
        say(
            "\(session.name): \(test.rawValue): warm-up (\(connections) connections, \(Format.duration(profile.testWarmupSeconds)))"
        )
        let r = try await runLoad(
            LevelSpec(test: test, connections: connections), session: session, seconds: profile.testWarmupSeconds,
            warmup: 0, sample: false)
        return !handleFailure(session, r, during: "the \(test.rawValue) warm-up")
    }

    /// One measured trial of a level, recorded. False when the contender failed.
    func trial(
        _ session: ContenderSession, _ level: LevelSpec, round: Int, seconds: Double? = nil, warmup: Double? = nil,
        of total: Int? = nil
    ) async throws -> Bool {
        let name = session.name
        say("\(name): \(level.test.rawValue) \(level.label): trial \(round + 1)/\(total ?? profile.trials)")
        let before = session.cgroup?.throttling()
        let recording = TrialRecording(
            stem: Self.fileStem(name, level, trial: round + 1), probe: options.probe.probes(level.kind))
        let r = try await runLoad(
            level, session: session, seconds: seconds ?? profile.seconds(level),
            warmup: warmup ?? profile.levelWarmupSeconds,
            sample: true, recording: recording)
        if let e = r.probeError { note("\(name) \(level.test.rawValue) \(level.label): the pause probe failed: \(e)") }
        if let summary = r.summary {
            let throttling = before.flatMap { b in session.cgroup?.throttling().map { $0.since(b) } }
            recordTrial(
                session.slot,
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
        return !handleFailure(session, r, during: "\(level.test.rawValue) \(level.label) (trial \(round + 1))")
    }

    /// Records a crash, a hang or a load generator failure. True when the contender failed.
    func handleFailure(_ session: ContenderSession, _ r: LoadRun, during what: String) -> Bool {
        let name = session.name
        let server = session.server
        if let t = r.serverExit {
            slots[session.slot].result.exit = ExitRecord(
                status: t.status, signal: t.signal, killed: false, unexpected: true)
            fail(
                session.slot, .crashed,
                "it exited (\(t.description)) during \(what); what was measured before is kept. Last lines of \(server.logFile):\n\(server.logTail())"
            )
            return true
        }
        if r.hung {
            fail(
                session.slot, .hung,
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
    func recordTrial(_ id: SlotID, _ trial: MeasuredTrial) {
        TrialRecorder.record(trial, into: &slots[id].result, book: &trialBook, placement: placement, policy: policy)
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

    /// Marks `id` failed for the checks `record` failed, the first eight named
    /// (`suite`: the data suite they belong to; nil for the Battle Suite).
    func failVerification(_ id: SlotID, _ record: VerificationRecord, suite: String? = nil) {
        let failures = record.failures.prefix(8).map {
            "\($0.test.map { "\($0.rawValue): " } ?? "")\($0.name): \($0.detail)"
        }
        let of = suite.map { " of suite \($0)" } ?? ""
        fail(
            id, .verifyFailed,
            "failed \(record.failures.count) verification check(s)\(of); not benchmarked (--no-verify runs it anyway):\n"
                + failures.joined(separator: "\n"))
    }
}
