/// A CPU limit on the contender, like a container's: a CFS bandwidth quota of
/// `cores` CPUs per `periodMicros` on the contender's cgroup (cgroup v1
/// `cpu.cfs_quota_us`/`cpu.cfs_period_us`, v2 `cpu.max`), on top of its CPU set.
public struct CPUBudget: Codable, Sendable, Equatable {
    /// CPUs of time per wall second the server may use (0.5 = half a CPU).
    public var cores: Double
    /// The quota period. Short periods keep throttling stalls short: a server
    /// over its budget waits at most (1 - cores) × period for its next slice.
    public var periodMicros: Int
    /// Why the run has this budget: "--server-cpu-limit", or the default's reason.
    public var reason: String
    /// Tests with a budget of their own (test name to CPUs): on two CPUs the
    /// database-heavy tests get less, since their database work shares the
    /// load generator's CPU.
    public var testCores: [String: Double]?

    /// The reason of a budget given with `--server-cpu-limit`.
    public static let flagReason = "--server-cpu-limit"

    /// 5 ms: stalls of at most 2.5 ms at half a CPU (bench/quota-period, BENCHMARKS.md).
    public static let defaultPeriodMicros = 5_000

    public init(cores: Double, periodMicros: Int = CPUBudget.defaultPeriodMicros, reason: String) {
        self.cores = cores
        self.periodMicros = periodMicros
        self.reason = reason
    }

    /// The quota in microseconds per period.
    public var quotaMicros: Int { quotaMicros(cores) }

    public func quotaMicros(_ cores: Double) -> Int { quota(cores).quotaMicros }

    /// The smallest quota the kernel accepts (1 ms).
    public static let minimumQuotaMicros = 1_000

    /// Quota and period for `cores`: the budget's period, lengthened when the
    /// quota would fall under the kernel's 1 ms minimum (0.125 CPU at 5 ms
    /// becomes 1 ms per 8 ms).
    public func quota(_ cores: Double) -> (quotaMicros: Int, periodMicros: Int) {
        let period = max(periodMicros, Int((Double(Self.minimumQuotaMicros) / max(cores, 1e-6)).rounded(.up)))
        return (max(Self.minimumQuotaMicros, Int((cores * Double(period)).rounded())), period)
    }

    /// The CPUs `test` runs under.
    public func cores(for test: SuiteTest) -> Double { testCores?[test.rawValue] ?? cores }

    /// `0.50 CPU (quota 2.50ms per 5.00ms); queries, updates: 0.25 CPU`.
    public var description: String {
        var s = "\(Format.significant(cores)) CPU (quota \(Format.micros(Double(quotaMicros))) per \(Format.micros(Double(periodMicros))))"
        let own = Dictionary(grouping: (testCores ?? [:]).sorted { $0.key < $1.key }, by: \.value)
        for (value, tests) in own.sorted(by: { $0.key < $1.key }) {
            s += "; \(tests.map(\.key).joined(separator: ", ")): \(Format.significant(value)) CPU"
        }
        return s
    }
}

/// The rate every contender was offered at a test's equal-rate level, and where it came from.
public struct EqualRate: Codable, Sendable, Equatable {
    public var test: SuiteTest
    /// Requests per second offered to every contender.
    public var rate: Double
    /// How it was chosen: `--rate`, or "half of go's 8,120 req/s (the slowest peak)".
    public var basis: String

    public init(test: SuiteTest, rate: Double, basis: String) {
        self.test = test
        self.rate = rate
        self.basis = basis
    }
}

/// What a contender's runtime made of its CPUs and budget.
public struct RuntimeRecord: Codable, Sendable, Equatable {
    /// BATTLE_WORKERS battle gave it (the CPUs of its set).
    public var workersGiven: Int
    /// The CPU budget it ran under, in CPUs; nil when uncapped.
    public var cpuLimitCores: Double?
    /// Threads of its process tree one second after it was ready.
    public var idleThreads: Int?
    /// Most threads seen under load.
    public var peakThreads: Int?
    /// What it said of itself on a `battle-runtime:` line of its output
    /// (docs/SUITE.md §4), e.g. `GOMAXPROCS=1`, `tokio_workers=1`.
    public var reported: [String: String]?
    /// Runtime knobs set with `battle run --env` (declared in its manifest's
    /// `run.knobs`, e.g. GOGC=200); absent when it ran with the runtime's defaults.
    public var env: [String: String]?

    public init(
        workersGiven: Int, cpuLimitCores: Double?, idleThreads: Int? = nil, peakThreads: Int? = nil,
        reported: [String: String]? = nil
    ) {
        self.workersGiven = workersGiven
        self.cpuLimitCores = cpuLimitCores
        self.idleThreads = idleThreads
        self.peakThreads = peakThreads
        self.reported = reported
    }

    /// Parses `battle-runtime: KEY=VALUE KEY=VALUE` lines of a server's output (the last wins per key).
    public static func parseReported(_ log: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in log.split(separator: "\n") {
            guard let r = line.range(of: "battle-runtime:") else { continue }
            for pair in line[r.upperBound...].split(separator: " ") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2, !kv[0].isEmpty { out[String(kv[0])] = String(kv[1]) }
            }
        }
        return out
    }
}
