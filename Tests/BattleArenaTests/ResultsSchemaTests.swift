import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// schemas/results.schema.json against what battle writes: a results file
/// with every optional field filled must validate, and must use every
/// property the schema declares (so the schema cannot go stale either way).
@Suite struct ResultsSchemaTests {
    static let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func fullResults() -> RunResults {
        let latency = LatencySummary(
            count: 10, minMicros: 1, meanMicros: 2, stdevMicros: 0.5, maxMicros: 9,
            percentiles: [PercentileValue(percentile: 99, micros: 8)])
        var config = LoadConfigRecord(
            targets: ["http://127.0.0.1:1/json"], connections: 8, threads: 1, pipeline: 1, durationSeconds: 1,
            requestLimit: 10,
            warmupSeconds: 0, timeoutSeconds: 10, rate: 100)
        config.mode = .open
        config.intervalSeconds = 1
        let interval = LoadInterval(
            startSeconds: 0, seconds: 1, requests: 10, errors: 0, p50Micros: 1, p99Micros: 8, p999Micros: 9,
            maxMicros: 9)
        var load = LoadSummary(
            config: config, startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationSeconds: 1, requests: 10,
            requestsPerSecond: 10, bytesRead: 100, statusCodes: ["200": 10], errors: ErrorCounts(), reconnects: 0,
            latency: latency,
            uncorrectedLatency: latency,
            schedule: ScheduleReport(targetRate: 100, planned: 100, late: 0, unsent: 0, maxLagMicros: 1),
            endpoints: [
                EndpointSummary(
                    name: "json", method: "GET", url: "http://127.0.0.1:1/json", requests: 10, statusCodes: ["200": 10],
                    errors: ErrorCounts(), latency: latency)
            ],
            client: ClientUsage(userSeconds: 0.1, systemSeconds: 0.1, peakRSSBytes: 1))
        load.intervals = [interval]
        load.startedAtEpochSeconds = 1_800_000_000.25
        load.openConnections = 7
        load.warnings = ["1 of 8 connections could not be opened"]
        // A level run by load agents (battle run --hosts): each agent's figures and the standing.
        var agent = AgentFigures(index: 0, destination: "battle-h1", connections: 8)
        agent.host = "battle-h1"
        agent.pid = 42
        agent.openConnections = 8
        agent.threads = 1
        agent.targetRate = 100
        agent.achievedRate = 99
        agent.requests = 10
        agent.requestsPerSecond = 10
        agent.statusCodes = ["200": 10]
        agent.errors = ErrorCounts()
        agent.latency = latency
        agent.uncorrectedLatency = latency
        agent.schedule = ScheduleReport(targetRate: 100, planned: 100, late: 0, unsent: 0, maxLagMicros: 1)
        agent.cpuCores = 0.2
        agent.usableCores = 1
        agent.cpusBusy = 0.3
        agent.generatorBound = false
        agent.clockOffsetSeconds = -0.0001
        agent.clockUncertaintySeconds = 0.00005
        agent.startLagSeconds = 0.0002
        agent.failure = "died before its result"
        load.agents = [agent]
        load.standing = LevelStanding(.invalid(reasons: ["agent 0 died before its result"]))
        let usage = ResourceUsage(
            cpuSeconds: 1, cpuCores: 1, peakRSSBytes: 2, steadyRSSBytes: 1, maxThreads: 3,
            samples: [ResourceSample(t: 0, cpuSeconds: 0, rssBytes: 1, threads: 1)])
        var trial = TrialResult(
            trial: 1, load: load, server: usage, clientBound: true, error: "x",
            machine: MachineLoad(serverCPUsBusy: 0.5, clientCPUsBusy: 0.9, foreignServerCores: 0.1),
            throttling: Throttling(periods: 10, throttledPeriods: 2, throttledSeconds: 0.01))
        trial.samplesStartSeconds = -0.01
        trial.hdrLog = "hdr/c-json-c8-t1.hlog"
        trial.probe = PauseProbe(
            path: "/plaintext", connections: 1, rate: 500, requests: 500, errors: 0, latency: latency,
            intervals: [interval],
            startSeconds: 0.002, hdrLog: "hdr/c-json-c8-t1-probe.hlog")
        var level = LevelResult(
            label: "c=8 heap=128MB", connections: 8, pipeline: 1, queries: 20, liveHeapMB: 128, rate: 100,
            trials: [trial])
        level.summarize()
        let contender = ContenderResult(
            name: "c", displayName: "C", language: "L", framework: "F", approach: "realistic", status: .crashed,
            failure: "why",
            build: BuildRecord(
                cleanSeconds: 1, incrementalSeconds: 1, binaryBytes: 1, linesOfCode: 1, linesByLanguage: ["Rust": 1],
                directDependencies: 1,
                totalDependencies: 2, toolchainVersion: "v", locTool: "cloc 1.96"),
            startup: StartupRecord(secondsToReady: 0.5, idleRSSBytes: 1, samples: [0.5]),
            verification: {
                var v = VerificationRecord(
                    skipped: false, checks: [CheckResult(test: .json, name: "body", outcome: .fail, detail: "d")])
                v.notImplemented = [SuiteTest("create")]
                return v
            }(),
            tests: [TestResult(test: .json, levels: [level])],
            capacity: [
                CapacityResult(
                    test: .json, slo: "p99<=10.0ms", sustainedRate: 100, latencyMicrosAtRate: 1, cpuCoresAtRate: 1,
                    peakRSSBytesAtRate: 1,
                    steps: [
                        {
                            var step = CapacityStep(rate: 100, latencyMicros: 1, errorRate: 0, met: true)
                            step.clientBound = true
                            return step
                        }()
                    ])
            ],
            exit: ExitRecord(status: 0, signal: 9, killed: true, unexpected: false),
            runtime: RuntimeRecord(
                workersGiven: 1, cpuLimitCores: 0.5, idleThreads: 2, peakThreads: 3, reported: ["GOMAXPROCS": "1"]))
        var contenderWithEnv = contender
        contenderWithEnv.runtime?.env = ["GOGC": "200"]
        contenderWithEnv.driver = "pgx v4.18.1"
        contenderWithEnv.tier = .tuned
        contenderWithEnv.tierSettings = [
            TierSetting(name: "CARGO_PROFILE_RELEASE_LTO", value: "fat", phase: .build, source: "The Cargo Book")
        ]
        var environment = EnvironmentRecord(
            hostname: "h", os: "o", kernel: "k", cpuModel: "c", logicalCPUs: 2, memoryBytes: 1,
            governor: "performance",
            toolchains: ["go": "go1.27"], battleCommit: "abc", database: "PostgreSQL 15")
        environment.hosts = HostsEnvironment(
            file: "hosts.toml", clients: ["battle-h1"], server: "battle-h2", serverAddress: "10.213.7.12",
            database: "none",
            roundTrips: [
                HostRoundTrip(
                    from: "battle-h1", to: "10.213.7.12:22", count: 20, minMicros: 30, medianMicros: 40, maxMicros: 90)
            ])
        return RunResults(
            id: "20261129-000000", startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            finishedAt: Date(timeIntervalSince1970: 1_800_000_100),
            status: .partial,
            environment: environment,
            plan: PlanRecord(
                name: "quick", tests: [.json], trials: 1, levelSeconds: 1, warmupSeconds: 0, primerSeconds: 0,
                placement: CPUPlacementRecord(server: "0", client: "1", database: "1"), slo: "p99<=10.0ms",
                capacityTests: [.json], verificationSkipped: false,
                serverCPUBudget: {
                    var b = CPUBudget(cores: 0.5, periodMicros: 5_000, reason: "--server-cpu-limit")
                    b.testCores = ["queries": 0.25]
                    return b
                }(),
                equalRates: [EqualRate(test: .json, rate: 100, basis: "--rate")],
                intervalSeconds: 1, heapLevelSeconds: 25, probe: ProbePlan(), tiers: [.idiomatic, .tuned]),
            contenders: [contenderWithEnv], notes: ["n"],
            databaseIncidents: [
                DatabaseIncident(
                    at: Date(timeIntervalSince1970: 1_800_000_100), contender: "x", during: "db c=64",
                    problem: "its postmaster (PID 42) is gone", logTail: ["LOG: ready"], action: .gaveUp,
                    restartError: "initdb failed")
            ],
            suite: SuiteRecord(
                name: "helpdesk", version: 2, contentHash: String(repeating: "ab", count: 32), folder: "suite/helpdesk")
        )
    }

    /// A small validator for the keywords the schema uses: type, properties,
    /// required, additionalProperties, items, $ref, enum, const, oneOf.
    struct Validator {
        let root: [String: Any]
        var errors: [String] = []
        var usedProperties = Set<String>()

        mutating func check(_ value: Any, _ schema: [String: Any], at path: String, defName: String = "") {
            var schema = schema
            var defName = defName
            while let ref = schema["$ref"] as? String {
                defName = String(ref.split(separator: "/").last!)
                schema = (root["$defs"] as! [String: Any])[defName] as! [String: Any]
            }
            if let options = schema["oneOf"] as? [[String: Any]] {
                let matching = options.filter { matches(value, $0, at: path) }
                if matching.count != 1 { errors.append("\(path): matches \(matching.count) of oneOf") }
                // Once more on the branch that matched, to count the properties it used.
                if matching.count == 1 { check(value, matching[0], at: path, defName: defName) }
            }
            if let options = schema["anyOf"] as? [[String: Any]],
                !options.contains(where: { matches(value, $0, at: path) })
            {
                errors.append("\(path): matches none of anyOf")
            }
            if let not = schema["not"] as? [String: Any], matches(value, not, at: path) {
                errors.append("\(path): matches the schema under not")
            }
            if let values = schema["enum"] as? [Any], !values.contains(where: { "\($0)" == "\(value)" }) {
                errors.append("\(path): \(value) not in \(values)")
            }
            if let c = schema["const"], "\(c)" != "\(value)" { errors.append("\(path): \(value) is not \(c)") }
            if let obj = value as? [String: Any], schema["type"] == nil {
                // An untyped schema (a oneOf branch) still says which keys must be there.
                for key in (schema["required"] as? [String] ?? []) where obj[key] == nil {
                    errors.append("\(path): missing \(key)")
                }
            }
            switch schema["type"] as? String {
            case "object":
                guard let obj = value as? [String: Any] else { return errors.append("\(path): not an object") }
                let props = schema["properties"] as? [String: Any] ?? [:]
                for key in (schema["required"] as? [String] ?? []) where obj[key] == nil {
                    errors.append("\(path): missing \(key)")
                }
                for (k, v) in obj {
                    if let p = props[k] as? [String: Any] {
                        usedProperties.insert("\(defName).\(k)")
                        check(v, p, at: "\(path).\(k)", defName: defName)
                    } else if let extra = schema["additionalProperties"] as? [String: Any] {
                        check(v, extra, at: "\(path).\(k)")
                    } else if schema["additionalProperties"] as? Bool == false {
                        errors.append("\(path): \(k) is not in the schema")
                    }
                }
            case "array":
                guard let a = value as? [Any] else { return errors.append("\(path): not an array") }
                if let min = schema["minItems"] as? Int, a.count < min {
                    errors.append("\(path): \(a.count) items, fewer than \(min)")
                }
                if let items = schema["items"] as? [String: Any] {
                    for (i, v) in a.enumerated() { check(v, items, at: "\(path)[\(i)]", defName: defName) }
                }
            case "string":
                guard let s = value as? String else { return errors.append("\(path): not a string") }
                if let pattern = schema["pattern"] as? String,
                    s.range(of: pattern, options: .regularExpression) == nil
                {
                    errors.append("\(path): '\(s)' does not match \(pattern)")
                }
            case "integer":
                guard let n = value as? NSNumber, !Self.isBoolean(value), n.doubleValue.rounded() == n.doubleValue
                else {
                    return errors.append("\(path): not an integer")
                }
                checkBounds(n.doubleValue, schema, at: path)
            case "number":
                guard let n = value as? NSNumber, !Self.isBoolean(value) else {
                    return errors.append("\(path): not a number")
                }
                checkBounds(n.doubleValue, schema, at: path)
            case "boolean": if !Self.isBoolean(value) { errors.append("\(path): not a boolean") }
            default: break
            }
        }

        /// Whether `value` validates against `schema` (a oneOf, anyOf or not branch).
        func matches(_ value: Any, _ schema: [String: Any], at path: String) -> Bool {
            var v = Validator(root: root)
            v.check(value, schema, at: path)
            return v.errors.isEmpty
        }

        mutating func checkBounds(_ n: Double, _ schema: [String: Any], at path: String) {
            if let min = (schema["minimum"] as? NSNumber)?.doubleValue, n < min {
                errors.append("\(path): \(n) is below the minimum \(min)")
            }
            if let max = (schema["maximum"] as? NSNumber)?.doubleValue, n > max {
                errors.append("\(path): \(n) is above the maximum \(max)")
            }
        }

        /// JSONSerialization's booleans are NSNumbers that say they are booleans.
        static func isBoolean(_ value: Any) -> Bool {
            String(describing: type(of: value)).contains("Boolean") || type(of: value) == Bool.self
        }

        /// Every `def.property` the schema declares.
        func declaredProperties() -> Set<String> {
            var out = Set<String>()
            for (k, v) in root["properties"] as! [String: Any] where v is [String: Any] { out.insert(".\(k)") }
            for (name, def) in root["$defs"] as! [String: Any] {
                for k in ((def as? [String: Any])?["properties"] as? [String: Any] ?? [:]).keys {
                    out.insert("\(name).\(k)")
                }
            }
            return out
        }
    }

    @Test func aFullResultsFileValidatesAndUsesEveryProperty() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: Self.repo + "/schemas/results.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let data = try ResultsCoding.encoder().encode(Self.fullResults())
        let json = try JSONSerialization.jsonObject(with: data)
        var v = Validator(root: schema)
        v.check(json, schema, at: "$")
        #expect(v.errors.isEmpty, "\(v.errors)")
        let unused = v.declaredProperties().subtracting(v.usedProperties)
        #expect(unused.isEmpty, "declared in the schema but never written: \(unused.sorted())")
    }

    @Test func theValidatorCatchesDrift() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: Self.repo + "/schemas/results.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        var json = try #require(
            try JSONSerialization.jsonObject(with: ResultsCoding.encoder().encode(Self.fullResults())) as? [String: Any]
        )
        json["surprise"] = 1
        json.removeValue(forKey: "plan")
        var v = Validator(root: schema)
        v.check(json, schema, at: "$")
        #expect(v.errors.contains("$: surprise is not in the schema"))
        #expect(v.errors.contains("$: missing plan"))
    }
}
