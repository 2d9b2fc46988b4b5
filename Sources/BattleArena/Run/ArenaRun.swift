import BattleCore
import Foundation
import Logging

/// The state of one `battle run`, used by one task from start to end.
final class ArenaRun {
    let options: ArenaOptions
    let logger: Logger
    let interruption: Interruption
    let progress: ProgressTracker
    let supervisor = ProcessSupervisor()
    let store: ResultsStore
    var results: RunResults
    var slots = ContenderSlots()
    var database: DatabaseHandle?
    /// The database battle started (nil for --database-url or none).
    var databaseLife: DatabaseLifecycle?
    var databaseRestarts = 0
    /// Why the database tests stopped, when the database failed for good.
    var databaseGone: String?
    var ordersBodiesFile: String?
    var ordersTargetsFile: String?
    /// With `--suite`: the combined schema file, and the targets and bodies files written for the load.
    var suiteSchemaFile: String?
    var suiteScratch: [String] = []
    /// With `--suite`: each test's targets file, written once per server port.
    var suiteTargetFiles: [String: String] = [:]
    /// The build, server and load logs; one that cannot be written is given up.
    let logs: LogAppender
    /// Set when the run stopped on an error of its own (the database did not start, ...).
    var stoppedByError: String?
    /// Every measured trial so far, and which were client-bound or disturbed.
    var trialBook = TrialBook()
    /// The thresholds measurements are judged by.
    let policy = RunPolicy.standard
    /// The CPU budget in force (the option's, unless the default could not be applied).
    var cpuBudget: CPUBudget?
    /// The last failed write of results.json (nil once a write succeeds again).
    var unsavedError: String?
    /// Every write of results.json that failed during the run.
    var failedWrites = 0
    /// Runs of the load generator that gave no summary (killed, timed out, bad output).
    var loadFailures = 0
    /// Where the results went when results.json could not be written at the end.
    var fallbackFile: String?
    let estimate: PlanEstimate

    var profile: PlanProfile { options.profile }
    var placement: CPUPlacement { options.placement }

    init(options: ArenaOptions, logger: Logger, interruption: Interruption, progress: ProgressTracker) throws {
        self.options = options
        self.logger = logger
        self.interruption = interruption
        self.progress = progress
        self.logs = LogAppender { [progress] in progress.say("warning: \($0)") }
        self.estimate = PlanEstimate(profile: options.profile)
        let started = Date()
        store = try ResultsStore.create(base: options.resultsBase, startedAt: started)
        var plan = PlanRecord(
            name: options.profile.name, tests: options.tests ?? options.dataSuite?.tests ?? SuiteTest.allCases,
            trials: options.profile.trials,
            levelSeconds: options.profile.levelSeconds, warmupSeconds: options.profile.testWarmupSeconds,
            primerSeconds: options.profile.primerSeconds, placement: options.placement.record,
            slo: options.slo?.description,
            capacityTests: options.slo == nil ? nil : options.dataSuite?.capacityTests ?? options.capacityTests,
            verificationSkipped: !options.verify,
            serverCPUBudget: options.cpuBudget)
        plan.intervalSeconds = options.intervalSeconds
        plan.heapLevelSeconds = options.profile.heapLevelSeconds
        plan.probe = options.probe.kinds.isEmpty ? nil : options.probe
        plan.tiers = options.tiers
        cpuBudget = options.cpuBudget
        results = RunResults(
            id: store.id, startedAt: started, status: .running, environment: EnvironmentProbe.probe(root: options.root),
            plan: plan, suite: options.suiteRecord)
        results.notes += options.placement.warnings
        recordHosts()
        if !options.verify {
            results.notes.append(
                "verification was skipped (--no-verify): these figures are not checked against docs/SUITE.md")
        }
        for c in options.contenders {
            switch c {
            case .valid(let m):
                var slot = ContenderSlot(manifest: m, result: Self.initialResult(m), active: true)
                slot.tests = options.plannedTests(for: m)
                slot.capacityTests = options.plannedCapacityTests(for: m)
                if slot.tests.isEmpty, options.dataSuite != nil {
                    slot.active = false
                    slot.result.status = .skipped
                    slot.result.failure = "none of the tests asked for (--tests) is a test of the suite"
                } else if slot.tests.isEmpty {
                    slot.active = false
                    slot.result.status = .skipped
                    slot.result.failure =
                        "it implements none of the tests asked for (--tests); it implements \(m.tests.map(\.rawValue).joined(separator: ", "))"
                }
                slots.append(slot)
            case .invalid(let name, _, let error):
                slots.append(
                    ContenderSlot(
                        manifest: nil,
                        result: ContenderResult(
                            name: name, displayName: name, language: "", framework: "", approach: "", status: .skipped,
                            failure: "invalid manifest: \(error)"),
                        active: false))
            }
        }
        results.contenders = slots.results
        results.notes += options.tierNotes
        if let mixed = Self.mixedTierNote(results) { results.notes.append(mixed) }
    }

    /// A contender's record before it runs: what its manifest says of it (its
    /// tier and the tier's settings, its driver), status `interrupted` until measured.
    static func initialResult(_ m: ContenderManifest) -> ContenderResult {
        ContenderResult(
            name: m.name, displayName: m.displayName, language: m.language, framework: m.framework,
            approach: m.approach.rawValue, status: .interrupted, failure: "not run yet", driver: m.driver,
            tier: m.tier, tierSettings: m.tierSettings.isEmpty ? nil : m.tierSettings)
    }

    /// The note of a run whose entries are of more than one tier (`--tier both`,
    /// or `--tier tuned` with a contender that has no tuned tier).
    static func mixedTierNote(_ r: RunResults) -> String? {
        guard r.mixesTiers else { return nil }
        return
            "this run mixes tiers: entries marked (tuned) run with the settings their stack's experts publish (listed with their sources in results.json, tierSettings), the others as their framework's docs write them (idiomatic); a comparison between entries of different tiers compares configurations as well as stacks"
    }

    // MARK: the run

    func execute() async {
        ProcessSupervisor.becomeSubreaper()
        say(options.placement.summaryLine)
        for s in slots.all where !s.active { say("\(s.result.name): skipped: \(s.result.failure ?? "")") }
        save()
        do {
            try checkBudget()
            try await buildAll()
            planEstimates()
            pinSelf()
            let needsDatabase =
                (options.dataSuite?.usesDatabase ?? false)
                || slots.active.contains {
                    ($0.tests + $0.capacityTests).contains(where: \.usesDatabase)
                }
            try writeSuiteSchema()
            if !slots.anyActive {
                say("no contender left to measure")
            } else if let url = options.databaseURL, needsDatabase {
                say("database: using \(url.url) (its world and fortune tables are recreated)")
                try await PostgresFixture.withExisting(url, schemaFile: schemaFile, logger: logger) { db in
                    try await self.measureAll(database: db)
                }
                databaseLife = nil
            } else if needsDatabase, let hosts = options.hosts, hosts.databaseSSH != nil {
                try await withRemoteDatabase(hosts) { endpoint in
                    try await PostgresFixture.withExisting(endpoint, schemaFile: schemaFile, logger: logger) { db in
                        try await self.measureAll(database: db)
                    }
                }
            } else if needsDatabase {
                say("database: starting a throwaway PostgreSQL 15 on CPUs \(placement.database)")
                try await PostgresFixture.withDatabase(
                    cpus: placement.database, schemaFile: schemaFile, logger: logger, interruption: interruption,
                    supervisor: supervisor
                ) { life in
                    self.databaseLife = life
                    defer { self.databaseLife = nil }
                    let db = life.handle!
                    self.say("database: \(db.version ?? "PostgreSQL") on 127.0.0.1:\(db.endpoint.port)")
                    try await self.measureAll(database: db)
                }
            } else {
                try await measureAll(database: nil)
            }
            // Database tests lost to the database leave the run incomplete.
            results.status = databaseGone == nil ? .complete : .partial
        } catch let e as Interrupted {
            say("\(e.description): stopping")
            markUnfinished(
                "the run was \(e.signal == SIGTERM ? "stopped by SIGTERM" : "interrupted by Ctrl-C") before this contender finished; what was measured before is kept"
            )
            results.status = .partial
        } catch {
            say("error: \(error)")
            stoppedByError = String(describing: error)
            results.notes.append("the run stopped early: \(error)")
            markUnfinished("not measured: the run stopped early: \(error)", status: .skipped)
            results.status = .partial
        }
        for notice in trialBook.notices(placement: placement, policy: policy) {
            note(notice.note)
            say(notice.warning)
        }
        supervisor.stopAll(grace: 2, logger: logger)
        supervisor.reapOrphans(waitingUpTo: 2)
        for scratch in ([ordersBodiesFile, ordersTargetsFile, suiteSchemaFile].compactMap({ $0 }) + suiteScratch) {
            unlink(scratch)
        }
        results.finishedAt = Date()
        if failedWrites > 0 {
            note(
                "results.json could not be written \(failedWrites) time(s) during the run (\(unsavedError ?? "a later write succeeded")); the measurements were kept in memory"
            )
        }
        save()
        if unsavedError != nil { writeFallback() }
    }

    /// The schema a session's database is reset to: the Battle Suite's, and with
    /// `--suite` the suite's seed files after it (written once in the temporary folder).
    var schemaFile: String { suiteSchemaFile ?? options.root + "/suite/schema.sql" }

    /// With a data suite, writes the Battle Suite's schema followed by the suite's seed.
    func writeSuiteSchema() throws {
        guard let suite = options.dataSuite, !suite.spec.seed.isEmpty else { return }
        let battle = options.root + "/suite/schema.sql"
        guard let text = try? String(contentsOfFile: battle, encoding: .utf8) else {
            throw ArenaError("cannot read \(battle), the Battle Suite's schema the suite's seed follows")
        }
        let path = ResultsStore.scratchPath("suite-schema-\(getpid()).sql")
        try AtomicFile.write(Data(suite.schema(battleSchema: text).utf8), to: path)
        suiteSchemaFile = path
    }

    /// Contenders not measured to the end get `status` (`interrupted`) with `reason`.
    func markUnfinished(_ reason: String, status: ContenderStatus = .interrupted) {
        for id in slots.ids where slots[id].active {
            slots[id].active = false
            slots[id].result.status = status
            slots[id].result.failure = reason
        }
        syncResults()
    }

    func measureAll(database: DatabaseHandle?) async throws {
        self.database = database
        results.environment.database = database?.version
        for round in 0..<max(profile.trials, 1) {
            for id in slots.inOrder(round: round) where slots[id].active {
                try await recovering { resume in try await self.mainSession(id, round: round, resume: resume) }
                save()
                if slots[id].active, let heap = profile.heapLevel(for: slots[id].tests) {
                    try await recovering { _ in try await self.heapSession(id, round: round, level: heap) }
                    save()
                }
            }
        }
        if options.equalRateLevels {
            let planner = EqualRatePlanner(
                profile: profile,
                overrides: (options.dataSuite?.rates ?? [:]).merging(options.equalRates) { _, given in given })
            var tests = SuiteTest.ordered(slots.active.flatMap(\.tests))
            if let suite = options.dataSuite { tests = tests.filter(suite.equalRateTests.contains) }
            let rates = planner.rates(tests: tests, contenders: slots.active.map(\.result))
            results.plan.equalRates = rates
            for r in rates {
                say("equal rate: \(r.test.rawValue) at \(Format.count(r.rate)) req/s for every contender (\(r.basis))")
            }
            for t in tests where !rates.contains(where: { $0.test == t }) {
                note("\(t.rawValue): no equal-rate level: no contender measured a healthy peak level of it")
            }
            for round in 0..<max(profile.trials, 1) {
                for id in slots.inOrder(round: round) where slots[id].active {
                    try await recovering { resume in
                        try await self.equalRateSession(id, round: round, rates: rates, resume: resume)
                    }
                    save()
                }
            }
        }
        if let slo = options.slo {
            for id in slots.ids where slots[id].active && !slots[id].capacityTests.isEmpty {
                try await recovering { resume in try await self.capacitySession(id, slo: slo, resume: resume) }
                save()
            }
        }
        for id in slots.ids where slots[id].active {
            slots[id].active = false
            if slots[id].lostToDatabase.isEmpty {
                slots[id].result.status = .ok
                slots[id].result.failure = nil
            } else {
                slots[id].result.status = .databaseFailed
                slots[id].result.failure =
                    "not measured because of the database, not this contender: \(slots[id].lostToDatabase.map(\.rawValue).joined(separator: ", ")) (\(databaseGone ?? "the database failed")); what was measured is kept"
            }
            progress.drop(slots[id].result.name)
        }
        syncResults()
    }

    // MARK: bookkeeping

    /// Applies the CPU budget once before anything runs: a budget battle
    /// cannot apply stops the run when the user asked for it, and is
    /// dropped, with a note, when it was the default.
    func checkBudget() throws {
        guard let budget = cpuBudget else {
            say("CPU budget: none (contenders may use all of CPUs \(placement.server))")
            return
        }
        do {
            let probe = try CPUCgroup.create(name: "probe", budget: budget)
            probe.remove()
            say("CPU budget: every contender runs under \(budget.description): \(budget.reason)")
        } catch {
            if budget.reason == CPUBudget.flagReason {
                throw ArenaError("--server-cpu-limit: \(error)")
            } else {
                cpuBudget = nil
                results.plan.serverCPUBudget = nil
                note(
                    "the default CPU budget (\(budget.description)) could not be applied, so contenders ran uncapped and figures may be client-bound: \(error)"
                )
                say("warning: running uncapped: \(error)")
            }
        }
    }

    func syncResults() { results.contenders = slots.results }

    /// Writes results.json (atomically) and moves `latest` to it. A failed
    /// write is an error: the file keeps its last complete write (or stays
    /// absent), the measurements stay in memory, and the next save (at the
    /// latest the one at the end of the run) tries again.
    func save() {
        syncResults()
        for problem in logs.problems { note(problem) }
        do {
            if let stale = try store.write(results) { logger.warning("\(stale)") }
            if unsavedError != nil { say("results.json written again (\(store.resultsFile))") }
            unsavedError = nil
        } catch {
            failedWrites += 1
            if unsavedError == nil {
                say(
                    "error: cannot write \(store.resultsFile): \(error); the measurements are kept in memory and written again later"
                )
            }
            unsavedError = String(describing: error)
        }
    }

    /// The last resort when results.json cannot be written at the end: the
    /// whole results go to the system's temporary folder.
    func writeFallback() {
        let path = ResultsStore.fallbackPath(id: store.id)
        var copy = results
        copy.notes.append("this is a fallback copy: \(store.resultsFile) could not be written (\(unsavedError ?? "?"))")
        do {
            try ResultsCoding.writeAtomically(copy, to: path)
            fallbackFile = path
        } catch {
            say("error: the fallback copy \(path) could not be written either: \(error)")
        }
    }

    func say(_ message: String) { progress.say(message) }

    func note(_ message: String) {
        if !results.notes.contains(message) { results.notes.append(message) }
    }

    /// Marks the contender as failed with `status` and `reason`; it is not run again.
    func fail(_ id: SlotID, _ status: ContenderStatus, _ reason: String) {
        slots[id].active = false
        slots[id].result.status = status
        slots[id].result.failure = reason
        progress.drop(slots[id].result.name)
        say("\(slots[id].result.name): \(status.rawValue): \(reason.split(separator: "\n").first ?? "")")
        syncResults()
    }

    func planEstimates() {
        for s in slots.active {
            progress.plan(
                s.result.name,
                seconds: estimate.contender(
                    tests: s.tests, verify: options.verify, capacityTests: s.capacityTests,
                    equalRate: options.equalRateLevels))
        }
        if progress.remaining > 0 {
            say(
                "plan \(profile.name): \(profile.trials) round(s), \(Format.duration(profile.levelSeconds)) per level; about \(Format.duration(progress.remaining)) to go"
            )
        }
    }

    /// Moves battle itself (and the threads it has) off the server's CPUs,
    /// so its sampling and bookkeeping never run on the server's cores.
    func pinSelf() {
        let cpus = placement.client.union(placement.database)
        guard !cpus.intersects(placement.server) else { return }
        let out =
            (try? CapturedCommand.runBlocking(
                ["taskset", "-a", "-p", "-c", cpus.description, String(getpid())], timeout: 10))
        if out?.succeeded != true { logger.debug("could not move battle to CPUs \(cpus)") }
    }
}
