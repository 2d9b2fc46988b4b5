import ArgumentParser
import BattleArena
import BattleCore
import BattleReport
import BattleSuite
import BattleVerdict
import Dispatch
import Foundation
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Build, verify and measure every contender; write results/<id>/results.json and a report.",
        discussion: """
            Contenders are the folders contenders/*/contender.toml (docs/MANIFEST.md) plus any --contender. \
            Each is built, started pinned to the server CPUs under a CPU budget, verified, then measured in \
            rounds (one trial per level per round, contenders in rotated order), with its processes sampled \
            for CPU and memory: peak levels (closed loop), then one equal rate per test for every contender \
            (open loop: where latency, CPU per request and memory are compared), then capacity under the SLO. \
            A figure the load generator may have limited (client-bound) is shown as a lower bound and not \
            ranked. A throwaway PostgreSQL 15 serves the database tests. Progress goes to stderr, the \
            summary to stdout. See docs/RUN.md.

            With --suite DIR, the data suite in DIR (docs/SUITE.md §6) is measured instead of the Battle \
            Suite, by the contenders whose manifest lists its name in `suites`: its seed SQL is loaded after \
            the Battle Suite's schema, each contender is verified with the suite's checks (a test whose \
            first request answers 404 is not implemented: reported, not failed, not measured), and each \
            test is loaded at its plan's levels. See docs/SUITE.md, "Running a data suite".

            Exit codes: 0 every contender measured; 2 some contender failed (manifest, build, start, \
            verification, crash or hang; the others' results are complete); 3 none could be measured; \
            1 battle failed; 64 bad flags; 130 interrupted (partial results kept).
            """)

    @Option(
        name: .customLong("root"),
        help: "The repository (holding contenders/ and suite/schema.sql). Default: found above the current folder.")
    var root: String?

    @Option(name: .customLong("contender"), help: "Another contender folder (with contender.toml). Repeatable.")
    var extraContenders: [String] = []

    @Option(help: "Only these contenders, by name: --only rust,go.")
    var only: String?

    @Option(
        help:
            "Measure the data suite in this folder (suite.toml) instead of the Battle Suite: the contenders whose manifest lists its name in `suites`. --tests and --rate then take its test names."
    )
    var suite: String?

    @Flag(help: "Also the contenders whose manifest says default = false (they are left out otherwise).")
    var all = false

    @Option(help: "quick (about 3 min for three contenders on 2 cores), standard (about 15 min) or full.")
    var plan: PlanProfile.Name = .quick

    @Option(
        help:
            "Which configuration of each contender runs: idiomatic (the manifest as written: the framework's documented defaults), tuned (with the settings its experts publish, [tiers.tuned] in contender.toml; a contender without one runs idiomatic, with a note), or both (each contender twice: NAME and NAME+tuned, shown as \"... (tuned)\"). See docs/MANIFEST.md."
    )
    var tier: TierSelection = .idiomatic

    @Option(
        help: "Measured seconds per trial of a level (overrides the plan): 1s, 500ms.",
        transform: RunFlagValues.positiveSeconds)
    var duration: Double?

    @Option(
        help: "Warm-up per test before its levels (overrides the plan): 2s; 0 for none.",
        transform: RunFlagValues.seconds)
    var warmup: Double?

    @Option(help: "Trials (rounds) per level (overrides the plan).")
    var trials: Int?

    @Option(help: "Only these tests: --tests plaintext,json. Each contender runs those it implements.")
    var tests: String?

    @Option(help: "Connection levels for every test (overrides the plan's sweeps): --connections 16,64.")
    var connections: String?

    @Option(name: .customLong("server-cpus"), help: "CPUs for the contender (taskset list: 0, 0-3, 0,2).")
    var serverCPUs: String?

    @Option(name: .customLong("client-cpus"), help: "CPUs for the load generator.")
    var clientCPUs: String?

    @Option(name: .customLong("db-cpus"), help: "CPUs for PostgreSQL.")
    var dbCPUs: String?

    @Flag(name: .customLong("skip-clean-build"), help: "Build once (incremental) instead of clean, then incremental.")
    var skipCleanBuild = false

    @Flag(name: .customLong("no-build"), help: "Do not build; run what is already built (no build figures).")
    var noBuild = false

    @Flag(name: .customLong("no-verify"), help: "Measure contenders without verifying them (marked in the results).")
    var noVerify = false

    @Option(
        name: .customLong("database-url"),
        help:
            "Use this PostgreSQL (postgres://user@127.0.0.1:5432/db) instead of a throwaway one. Its world and fortune tables are recreated."
    )
    var databaseURL: String?

    @Option(
        help:
            "The SLO each contender's capacity is searched under (open loop): p99=10ms (the default), p99.9=50ms; none to skip the search."
    )
    var slo: String = "p99=10ms"

    @Option(name: .customLong("capacity-tests"), help: "Tests whose capacity is searched under --slo.")
    var capacityTests: String = "json,db"

    @Option(
        name: .customLong("server-cpu-limit"),
        help:
            "CPU budget of each contender, as a container limit: 0.5 (half a CPU), 2, or none. Default: chosen from the placement (half a CPU on 2 CPUs; see docs/RUN.md).",
        transform: RunFlagValues.cpuLimit)
    var serverCPULimit: CPULimit?

    @Option(
        name: .customLong("server-cpu-period"),
        help:
            "The CPU budget's quota period, 1ms to 1s: shorter periods give shorter throttling stalls. (default: 5ms)",
        transform: RunFlagValues.cpuPeriodMicros)
    var serverCPUPeriodMicros: Int = 5_000

    @Option(
        name: .customLong("rate"),
        help:
            "The equal rate of a test, offered to every contender: --rate json=20000 --rate db=2000,4000. Default: half of the slowest contender's peak."
    )
    var rates: [String] = []

    @Flag(
        name: .customLong("no-equal-rate"),
        help: "Skip the equal-rate levels (latency and efficiency are then not compared at equal load).")
    var noEqualRate = false

    @Option(
        help:
            "Each trial's interval series (latency, requests and errors per interval) and interval log under results/<id>/hdr/: 1s (the default), 100ms or more; none to skip.",
        transform: RunFlagValues.interval)
    var interval = IntervalSetting(seconds: 1)

    @Option(
        help:
            "Levels that run the pause probe beside them (one connection, GET /plaintext open loop): level kinds large-heap, equal-rate, peak, or none. It adds --probe-rate req/s of load. (default: large-heap,equal-rate)",
        transform: RunFlagValues.probeKinds)
    var probe = ProbeKinds(kinds: [.largeHeap, .equalRate])

    @Option(name: .customLong("probe-rate"), help: "The pause probe's requests per second.")
    var probeRate: Double = ProbePlan.defaultRate

    @Option(
        name: .customLong("heap-duration"),
        help:
            "Measured seconds per trial of the large-heap level (overrides the plan's: quick as --duration, standard 25s, full 30s).",
        transform: RunFlagValues.positiveSeconds)
    var heapDuration: Double?

    @Option(
        name: .customLong("env"),
        help:
            "A runtime knob its manifest declares (run.knobs), set for a contender: --env go:GOGC=200. Repeatable; recorded in the results."
    )
    var runtimeEnv: [String] = []

    @Option(name: .customLong("db-pool"), help: "BATTLE_DB_POOL given to contenders.")
    var dbPool: Int = 16

    @Option(help: "Folder for run folders (default ROOT/results).")
    var results: String?

    @Option(name: .customLong("load-generator"), help: .hidden)
    var loadGenerator: String?

    @OptionGroup(title: "Hosts")
    var hostsFlags: HostsRunFlags

    @Flag(name: .shortAndLong, help: "Debug logging on stderr.")
    var verbose = false

    func validate() throws {
        if let trials, trials < 1 { throw ValidationError("--trials \(trials): give at least 1") }
        if dbPool < 1 { throw ValidationError("--db-pool \(dbPool): give at least 1") }
        if !probeRate.isFinite || probeRate < 1 || probeRate > 100_000 {
            throw ValidationError("--probe-rate \(probeRate): give requests per second from 1 to 100000, such as 500")
        }
    }

    func run() async throws {
        var logger = Logger(label: "battle.run")
        logger.logLevel = verbose ? .debug : .warning

        let options = try makeOptions()
        let progress = ProgressTracker.standardError()
        let interruption = Interruption()
        let signals = Self.stopSignals(interruption, progress: progress)
        defer { signals.cancel() }

        let outcome: Arena.Outcome
        do {
            outcome = try await Arena.run(options, logger: logger, interruption: interruption, progress: progress)
        } catch {
            throw CommandFailure(.failure, "\(error)")
        }
        // The summary on standard output is the reports' (`battle report RUN
        // --format text` prints it again): a closed pipe (`battle run | head -1`)
        // loses nothing and does not change the exit code.
        var summary = TextReport.render(outcome.results, color: false)
        for line in VerdictSections.rendered(outcome.results).terminal { summary += line + "\n" }
        if let problem = StandardStream.output.write(summary) {
            progress.plain(
                "battle run: the summary was not written (\(problem)); `battle report \(outcome.store.folder) --format text` prints it"
            )
        }
        if outcome.unsaved == nil { progress.plain("results: \(outcome.store.resultsFile)") }
        let reports = ReportWriter.writeEach(outcome.results, formats: ReportFormat.files, folder: outcome.store.folder)
        for path in reports.written { progress.plain("report: \(path)") }
        for failure in reports.failures {
            progress.plain(
                "battle run: a report was not written: \(failure) (run `battle report \(outcome.store.folder)` later)")
        }
        // The last line says where the complete results are.
        if let (error, fallback) = outcome.unsaved {
            if let fallback {
                progress.plain(
                    "battle run: \(outcome.store.resultsFile) could not be written (\(error)); the complete results are in \(fallback)"
                )
            } else {
                progress.plain(
                    "battle run: \(outcome.store.resultsFile) could not be written (\(error)), nor a copy in the temporary folder; the results are lost"
                )
            }
        }
        if outcome.exitStatus != .ok { throw ExitCode(outcome.exitStatus.rawValue) }
    }

    // MARK: flags to options

    func makeOptions() throws -> ArenaOptions {
        let cwd = FileManager.default.currentDirectoryPath
        let repo: String
        if let root {
            let abs = URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
            guard ContenderDiscovery.isRoot(abs) else {
                throw ValidationError(
                    "--root \(root): \(abs) has no contenders/ folder and suite/schema.sql; pass the battle repository")
            }
            repo = abs
        } else {
            guard let found = ContenderDiscovery.findRoot(from: cwd) else {
                throw ValidationError(
                    "cannot find the battle repository (a folder holding contenders/ and suite/schema.sql) at or above \(cwd); run battle from it or pass --root"
                )
            }
            repo = found
        }

        var dataSuite: DataSuite?
        if let suite {
            let folder = URL(fileURLWithPath: suite, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
            do {
                dataSuite = DataSuite(spec: try SuiteFolder.load(folder), folder: suite)
            } catch {
                throw CommandFailure(.usage, error.description)
            }
        }
        let suiteName = dataSuite?.spec.name ?? SuiteRecord.battleName
        var discovered = ContenderDiscovery.discover(root: repo, extra: extraContenders)
        if let only {
            let names = Self.list(only)
            let known = discovered.map(\.name)
            for n in names where !known.contains(n) {
                if let plus = n.firstIndex(of: "+"), known.contains(String(n[..<plus])) {
                    throw ValidationError(
                        "--only: '\(n)' is a tier of \(n[..<plus]), not a contender; write --only \(n[..<plus]) --tier \(n[n.index(after: plus)...]) (or --tier both)"
                    )
                }
                throw ValidationError(
                    "--only: no contender named '\(n)'; found \(known.isEmpty ? "none" : known.joined(separator: ", "))"
                )
            }
            discovered = discovered.filter { names.contains($0.name) }
            for case .valid(let m) in discovered where !m.suites.contains(suiteName) {
                throw CommandFailure(
                    .usage,
                    "--only: \(m.name) does not declare suite '\(suiteName)' (its \(m.file) lists suites = [\(m.suites.map { "\"\($0)\"" }.joined(separator: ", "))]); add \"\(suiteName)\" to its suites once it implements the suite, or leave it out of --only"
                )
            }
        } else if !all {
            discovered = ContenderDiscovery.defaultSet(discovered, root: repo)
        }
        // Only the contenders that declare the suite (an invalid manifest is kept, to be reported).
        discovered = discovered.filter { c in
            guard case .valid(let m) = c else { return true }
            return m.suites.contains(suiteName)
        }
        if dataSuite != nil && discovered.isEmpty {
            throw CommandFailure(
                .usage,
                "no contender declares suite '\(suiteName)': add suites = [\"battle\", \"\(suiteName)\"] to the contender.toml of those that implement it (docs/MANIFEST.md)"
            )
        }
        guard !discovered.isEmpty else {
            throw ValidationError(
                "no contenders: \(repo)/contenders has no */contender.toml; add one (docs/MANIFEST.md) or pass --contender"
            )
        }

        let knownTests = dataSuite?.tests ?? SuiteTest.builtins
        let testList = try tests.map { try Self.suiteTests($0, flag: "--tests", known: knownTests) }
        // A data suite's capacity tests are those its plan marks `capacity = true`.
        let capacity =
            dataSuite != nil ? [] : try Self.suiteTests(capacityTests, flag: "--capacity-tests")
        var connectionList: [Int]?
        if let connections {
            let values = Self.list(connections).map { Int($0) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw ValidationError(
                    "--connections '\(connections)': write positive numbers separated by commas, like 16,64")
            }
            connectionList = values.map { $0! }
        }
        let profile = PlanProfile.named(plan).overriding(
            levelSeconds: duration, warmupSeconds: warmup, trials: trials, connections: connectionList,
            heapSeconds: heapDuration)
        let knobs: [String: [String: String]]
        do {
            knobs = try RuntimeKnobs.parse(runtimeEnv, manifests: discovered.compactMap(\.manifest))
        } catch { throw ValidationError(error.description) }
        let tiered = TierPlan.expand(discovered, tier)

        let hosts = try hostsFlags.load()
        let hostCPUs = hosts?.localCPUs
        guard let available = AffinityMask.current() else {
            throw ValidationError("cannot read battle's CPU affinity from /proc/self/status; battle run needs Linux")
        }
        let placement: CPUPlacement
        do {
            placement = try CPUPlacement.resolve(
                available: available, server: serverCPUs ?? hostCPUs?.server, client: clientCPUs ?? hostCPUs?.client,
                database: dbCPUs ?? hostCPUs?.database)
        } catch { throw ValidationError(String(describing: error)) }

        let endpoint: DatabaseEndpoint?
        do { endpoint = try (databaseURL ?? hosts?.databaseURL).map { try DatabaseEndpoint(url: $0) } } catch {
            throw ValidationError(String(describing: error))
        }
        let sloValue: SLO?
        if slo.lowercased() == "none" {
            sloValue = nil
        } else {
            do { sloValue = try SLO(parsing: slo) } catch { throw ValidationError(String(describing: error)) }
        }
        var budget: CPUBudget?
        switch serverCPULimit {
        case nil: budget = placement.defaultBudget
        case let limit? where limit.cores == nil: budget = nil
        case let limit?:
            let cores = limit.cores ?? 0
            guard cores <= Double(placement.server.count) else {
                throw ValidationError(
                    "--server-cpu-limit \(limit.text): the server has only \(placement.server.count) CPU\(placement.server.count == 1 ? "" : "s") (\(placement.server)); give at most \(placement.server.count), or more CPUs with --server-cpus"
                )
            }
            budget = CPUBudget(cores: cores, reason: CPUBudget.flagReason)
        }
        budget?.periodMicros = serverCPUPeriodMicros
        let rateOverrides: [SuiteTest: [Double]]
        do { rateOverrides = try EqualRatePlanner.parseOverrides(rates, known: knownTests) } catch {
            throw ValidationError(error.description)
        }

        let env = ProcessInfo.processInfo.environment
        let exe = loadGenerator ?? Self.ownExecutable()
        guard FileManager.default.isExecutableFile(atPath: exe) else {
            throw ValidationError("the load generator \(exe) is not an executable file (--load-generator)")
        }
        var options = ArenaOptions(
            root: repo, contenders: tiered.contenders, profile: profile, tests: testList, placement: placement,
            skipCleanBuild: skipCleanBuild, skipBuild: noBuild, verify: !noVerify, databaseURL: endpoint, slo: sloValue,
            capacityTests: capacity, cpuBudget: budget, equalRates: rateOverrides, equalRateLevels: !noEqualRate,
            resultsBase: results.map {
                URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
            } ?? repo + "/results",
            loadGenerator: [exe], tools: env["BATTLE_TOOLS"].flatMap { $0.isEmpty ? nil : $0 } ?? repo + "/.tools",
            databasePool: dbPool, environment: env)
        options.intervalSeconds = interval.seconds
        options.probe = ProbePlan(kinds: probe.kinds, rate: probeRate)
        options.runtimeEnv = knobs
        options.tiers = tier.tiers
        options.tierNotes = tiered.notes
        options.dataSuite = dataSuite
        if let suite = dataSuite {
            // --connections overrides the suite's connection levels of every loaded test.
            options.profile.suiteConnections =
                connectionList.map { c in
                    Dictionary(uniqueKeysWithValues: suite.tests.map { ($0, suite.isLoaded($0) ? c : []) })
                } ?? suite.connections
        } else {
            options.battleSuiteHash = Self.battleSuiteHash(root: repo)
        }
        options.hosts = hosts
        options.tests = HostsRunFlags.tests(options.tests, hosts: hosts)
        return options
    }

    /// The SHA-256 of ROOT/suite/battle (the Battle Suite as data) when that folder
    /// exists and parses; nil otherwise (results.json then records no hash).
    static func battleSuiteHash(root: String) -> String? {
        let folder = root + "/suite/battle"
        guard FileManager.default.fileExists(atPath: folder + "/suite.toml") else { return nil }
        return try? SuiteFolder.read(folder).contentHash
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func suiteTests(_ text: String, flag: String, known: [SuiteTest] = SuiteTest.builtins) throws -> [SuiteTest]
    {
        let names = list(text)
        guard !names.isEmpty else { throw ValidationError("\(flag) is empty; name tests like plaintext,json") }
        return try names.map { n in
            guard let t = known.first(where: { $0.rawValue == n }) else {
                throw ValidationError(
                    "\(flag): '\(n)' is not a test of the suite; use any of \(known.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return t
        }
    }

    /// battle's own executable (the load generator is `battle load`), resolved
    /// here: under `taskset`, /proc/self/exe would name taskset.
    static func ownExecutable() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// SIGINT and SIGTERM set the interruption flag; the run then stops its
    /// children and the database and writes partial results (exit 130).
    static func stopSignals(_ interruption: Interruption, progress: ProgressTracker) -> StopSignals {
        StopSignals { sig in
            if interruption.isTriggered {
                progress.plain(
                    "battle: already stopping: stopping children and the database, then writing partial results")
            } else {
                interruption.trigger(signal: sig)
                progress.plain(
                    "battle: \(sig == SIGINT ? "Ctrl-C" : "SIGTERM"): stopping children and the database, then writing partial results"
                )
            }
        }
    }
}

extension PlanProfile.Name: ExpressibleByArgument {}
extension TierSelection: ExpressibleByArgument {}
