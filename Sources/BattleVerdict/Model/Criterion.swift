/// What a team can weigh when choosing a backend language. Each criterion is
/// either measured by the run (read only from the results file) or taken from
/// published figures (the cited dataset); docs/VERDICT.md describes each one.
public enum Criterion: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case throughputPerCore = "throughput-per-core"
    case tailLatency = "tail-latency"
    case memoryFootprint = "memory-footprint"
    case costAtTargetLoad = "cost-at-target-load"
    case startupTime = "startup-time"
    case codeSize = "code-size"
    case buildTime = "build-time"
    case hiringPool = "hiring-pool"
    case rampUpTime = "ramp-up-time"
    case ecosystemMaturity = "ecosystem-maturity"

    public enum Basis: String, Codable, Sendable {
        /// Measured on the user's machine, read from the results file.
        case measured
        /// Published figures about the language, from the cited dataset.
        case published
    }

    public var basis: Basis {
        switch self {
        case .hiringPool, .rampUpTime, .ecosystemMaturity: .published
        default: .measured
        }
    }

    /// A short title for tables: "throughput per core".
    public var title: String {
        switch self {
        case .throughputPerCore: "throughput per core"
        case .tailLatency: "tail latency"
        case .memoryFootprint: "memory footprint"
        case .costAtTargetLoad: "cost at target load"
        case .startupTime: "startup time"
        case .codeSize: "code size"
        case .buildTime: "build time"
        case .hiringPool: "hiring pool"
        case .rampUpTime: "ramp-up time"
        case .ecosystemMaturity: "ecosystem maturity"
        }
    }

    /// What the criterion's score is computed from, for the methods note.
    public var source: String {
        switch self {
        case .throughputPerCore:
            "successful responses per server CPU-second at each test's equal rate (the same work for every contender; the best peak level in older results); not scored when cost rests on it"
        case .tailLatency: "p99 latency at each test's equal rate, corrected for coordinated omission"
        case .memoryFootprint: "median RSS of the server at each test's equal rate (peak RSS under load in older results)"
        case .costAtTargetLoad:
            "monthly cost of the vCPU-hours and memory needed for the target rate, from capacity under the SLO at the CPU budget (cost model)"
        case .startupTime: "seconds from spawn to the first answer on the ready path"
        case .codeSize: "lines of code of the contender (cloc)"
        case .buildTime: "clean and incremental build seconds"
        case .hiringPool: "dataset metrics with criterion = \"hiring-pool\""
        case .rampUpTime: "dataset metrics with criterion = \"ramp-up-time\""
        case .ecosystemMaturity: "dataset metrics with criterion = \"ecosystem-maturity\""
        }
    }

    public static func < (a: Criterion, b: Criterion) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public static var knownNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Which way a value is better.
public enum Better: String, Codable, Sendable {
    case higher, lower

    /// The ratio-scale score of `value` against the best value of its kind, in 0...1.
    public func score(_ value: Double, best: Double) -> Double {
        switch self {
        case .higher:
            guard best > 0 else { return value >= best ? 1 : 0 }
            return max(0, min(1, value / best))
        case .lower:
            guard value > 0 else { return 1 }
            guard value.isFinite else { return 0 }
            return max(0, min(1, best / value))
        }
    }

    /// The best of `values`.
    public func best(_ values: [Double]) -> Double? {
        switch self {
        case .higher: values.max()
        case .lower: values.min()
        }
    }
}
