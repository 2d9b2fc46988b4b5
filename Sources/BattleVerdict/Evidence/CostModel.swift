import BattleCore

/// What the cost model is asked: the load to serve, the latency objective, the prices.
public struct CostOptions: Sendable, Equatable {
    public static let defaultTargetRPS = 10_000.0

    public var targetRPS: Double
    /// Whether the user gave `--target-rps` (the output says when the default was used).
    public var targetGiven: Bool
    /// `--slo`; nil uses the SLO the run searched capacity under.
    public var slo: SLO?
    public var prices: PriceList
    /// `--cost-test`; nil uses the profile's, else the first priceable of `preferredTests`.
    public var test: SuiteTest?

    public init(
        targetRPS: Double = CostOptions.defaultTargetRPS, targetGiven: Bool = false, slo: SLO? = nil,
        prices: PriceList, test: SuiteTest? = nil
    ) {
        self.targetRPS = targetRPS
        self.targetGiven = targetGiven
        self.slo = slo
        self.prices = prices
        self.test = test
    }

    /// The order a cost test is picked in: a database read first, as most backends do one.
    public static let preferredTests: [SuiteTest] = [.db, .orders, .fortunes, .queries, .updates, .json, .plaintext]
}

/// How many cores and how much memory one contender needs for the target rate, and what that costs a month.
public struct CostEstimate: Codable, Sendable, Equatable {
    public enum Method: String, Codable, Sendable {
        /// From the highest open-loop rate that met the SLO.
        case capacity
        /// From successful responses per CPU-second (no capacity was measured; ignores latency).
        case cpuSeconds = "cpu-seconds"
        /// The SLO was not met even at the lowest rate tried.
        case sloNeverMet = "slo-never-met"
        case unavailable
    }

    public var contender: String
    public var method: Method
    /// Requests per second one instance (the CPUs the run measured it on) serves (capacity) or one vCPU serves (cpu-seconds).
    public var ratePerInstance: Double?
    public var coresPerInstance: Int
    /// Instances of `instanceCPUs` for the target rate, rounded up: the optional line, not the cost.
    public var instances: Int?
    /// vCPUs needed for the target rate, fractional (vCPU-hours are what is priced).
    public var vcpus: Double?
    public var memoryBytesPerInstance: Int?
    /// Memory priced: the provider's GB-per-vCPU floor or the measured RSS, whichever is more.
    public var memoryGiB: Double?
    /// The fractional cost a month.
    public var monthlyUSD: Double?
    /// The CPUs one measured instance had: the CPU budget, or the server's CPU set.
    public var instanceCPUs: Double? = nil
    /// What the same load costs when bought as whole instances of `instanceCPUs` (instance rounding).
    public var roundedMonthlyUSD: Double? = nil
    /// Dollars per million requests at the target rate.
    public var usdPerMillionRequests: Double? = nil
    /// One sentence on where the figures come from.
    public var basis: String

    public init(
        contender: String, method: Method, ratePerInstance: Double? = nil, coresPerInstance: Int, instances: Int? = nil,
        vcpus: Double? = nil, memoryBytesPerInstance: Int? = nil, memoryGiB: Double? = nil, monthlyUSD: Double? = nil,
        basis: String
    ) {
        self.contender = contender
        self.method = method
        self.ratePerInstance = ratePerInstance
        self.coresPerInstance = coresPerInstance
        self.instances = instances
        self.vcpus = vcpus
        self.memoryBytesPerInstance = memoryBytesPerInstance
        self.memoryGiB = memoryGiB
        self.monthlyUSD = monthlyUSD
        self.basis = basis
    }
}

/// The cost report of a verdict: the question asked and each contender's answer.
public struct CostReport: Codable, Sendable, Equatable {
    public var targetRPS: Double
    public var targetGiven: Bool
    public var test: SuiteTest?
    /// The SLO used, as text; nil when none applies (cpu-seconds).
    public var slo: String?
    public var method: CostEstimate.Method
    public var prices: PriceList
    public var estimates: [CostEstimate]
    /// The assumptions, stated in full.
    public var assumptions: [String]

    public func estimate(_ contender: String) -> CostEstimate? { estimates.first { $0.contender == contender } }
}

public enum CostModel {
    /// The error rate a capacity step may have and still count when the SLO is re-derived from steps.
    public static let maxErrorRate = 0.001
    static let gib = 1024.0 * 1024 * 1024

    /// Prices the target load for every contender in `contenders`, with one method for all of them.
    /// Memory is sold with vCPUs: at least this many GB per vCPU (AWS Fargate's smallest shapes: 0.25 vCPU with
    /// 0.5 GB, 0.5 with 1 GB, 1 with 2 GB), or the measured RSS when that is more.
    public static let minimumGiBPerVCPU = 2.0

    public static func estimate(
        _ contenders: [ContenderResult], results: RunResults, options: CostOptions, profileTest: SuiteTest?
    ) -> CostReport {
        let cores = max(1, cpuCount(results.plan.placement.server))
        let test = pickTest(contenders, explicit: options.test, preferred: profileTest)
        let instanceCPUs = results.plan.serverCPUBudget.map { b in test.map(b.cores(for:)) ?? b.cores } ?? Double(cores)
        let recordedSLO = results.plan.slo
        let slo = options.slo ?? recordedSLO.flatMap { try? SLO(parsing: $0) }
        let measuredOn =
            results.plan.serverCPUBudget.map { "a CPU budget of \(Format.significant($0.cores)) CPU" }
            ?? "\(cores) CPU\(cores == 1 ? "" : "s") (CPU set \(results.plan.placement.server))"
        var assumptions = [
            "vCPUs are priced by the hour, fractionally: the load needs target ÷ (rate per vCPU) vCPUs, each contender measured on \(measuredOn). Buying whole instances of that size is shown as a separate line.",
            "Memory is priced as it is sold, with the vCPUs: at least \(Format.significant(minimumGiBPerVCPU)) GB per vCPU (the smallest task shapes of the example provider), or the RSS measured at that load when it is more.",
            "Only the server is priced: no database, load balancer, network or headroom; \(Format.fixed(options.prices.hoursPerMonth, 0)) hours a month.",
        ]
        guard let test else {
            return CostReport(
                targetRPS: options.targetRPS, targetGiven: options.targetGiven, test: nil, slo: nil,
                method: .unavailable,
                prices: options.prices,
                estimates: contenders.map {
                    CostEstimate(
                        contender: $0.name, method: .unavailable, coresPerInstance: cores,
                        basis: "no test with a capacity or CPU figure for every contender")
                }, assumptions: assumptions)
        }
        let useCapacity = !contenders.isEmpty && contenders.allSatisfy { c in c.capacity.contains { $0.test == test } }
        if !useCapacity {
            assumptions.append(
                "No capacity under an SLO was measured on \(test.rawValue) for every contender, so cores come from requests per CPU-second at the best level: this ignores latency."
            )
            if let asked = options.slo {
                assumptions.append(
                    "Your SLO (\(asked)) could not be applied: it needs a capacity search (`battle run` with an SLO).")
            }
        }
        let estimates = contenders.map { c in
            var e =
                useCapacity
                ? fromCapacity(c, test: test, slo: slo, cores: cores, instanceCPUs: instanceCPUs, options: options)
                : fromCPUSeconds(c, test: test, cores: cores, instanceCPUs: instanceCPUs, options: options)
            e.instanceCPUs = instanceCPUs
            return e
        }
        return CostReport(
            targetRPS: options.targetRPS, targetGiven: options.targetGiven, test: test,
            slo: useCapacity ? (slo?.description ?? recordedSLO) : nil, method: useCapacity ? .capacity : .cpuSeconds,
            prices: options.prices, estimates: estimates, assumptions: assumptions)
    }

    /// The user's test if given; else the profile's if every contender can price it; else the first of
    /// `CostOptions.preferredTests` (then a data suite's tests) every contender can price; else the first any one can.
    static func pickTest(
        _ contenders: [ContenderResult], explicit: SuiteTest?, preferred: SuiteTest? = nil
    ) -> SuiteTest? {
        if let explicit { return explicit }
        func priceable(_ c: ContenderResult, _ t: SuiteTest) -> Bool {
            c.capacity.contains { $0.test == t } || c.result(for: t)?.bestLevel?.summary.requestsPerCPUSecond != nil
        }
        if let preferred, !contenders.isEmpty, contenders.allSatisfy({ priceable($0, preferred) }) { return preferred }
        // A data suite's tests follow the Battle Suite's preferred ones, in suite order.
        let candidates =
            CostOptions.preferredTests
            + SuiteTest.ordered(contenders.flatMap { $0.tests.map(\.test) }).filter { !$0.isBuiltin }
        return candidates.first { t in !contenders.isEmpty && contenders.allSatisfy { priceable($0, t) } }
            ?? candidates.first { t in contenders.contains { priceable($0, t) } }
    }

    static func fromCapacity(
        _ c: ContenderResult, test: SuiteTest, slo: SLO?, cores: Int, instanceCPUs: Double, options: CostOptions
    ) -> CostEstimate {
        let cap = c.capacity.first { $0.test == test }!
        var rate = cap.sustainedRate
        var basis = "highest open-loop rate meeting \(cap.slo) on \(test.rawValue): \(Format.count(rate)) req/s"
        if let slo, let recorded = try? SLO(parsing: cap.slo), slo != recorded {
            // Judge every rate the search tried by the asked SLO, with the search's own rule.
            let steps = c.result(for: test)?.levels(.capacityStep) ?? []
            if !steps.isEmpty {
                rate = steps.filter { $0.trials.contains { slo.judge($0.load).met } }.compactMap(\.rate).max() ?? 0
                basis =
                    "highest rate of the \(cap.slo) search that met \(slo) on \(test.rawValue): \(Format.count(rate)) req/s"
            } else if slo.percentile == recorded.percentile {
                let ok = cap.steps.filter { $0.latencyMicros <= slo.thresholdMicros && $0.errorRate < slo.maxErrorRate }
                rate = ok.map(\.rate).max() ?? 0
                basis =
                    "highest rate tried whose \(recorded.description.prefix { $0 != "<" }) met \(slo) (from the \(cap.slo) search's steps) on \(test.rawValue): \(Format.count(rate)) req/s"
            } else {
                basis += "; your \(slo) cannot be read from a \(cap.slo) search, so the run's SLO is used"
            }
        }
        let rss = cap.peakRSSBytesAtRate ?? peakRSS(c, test) ?? c.startup?.idleRSSBytes
        guard rate > 0 else {
            return CostEstimate(
                contender: c.name, method: .sloNeverMet, ratePerInstance: 0, coresPerInstance: cores,
                memoryBytesPerInstance: rss, monthlyUSD: .infinity,
                basis: "did not meet the SLO even at the lowest rate tried on \(test.rawValue)")
        }
        return priced(
            c.name, .capacity, ratePerInstance: rate, ratePerVCPU: rate / instanceCPUs, cores: cores,
            instanceCPUs: instanceCPUs, rss: rss, options: options, basis: basis)
    }

    static func fromCPUSeconds(
        _ c: ContenderResult, test: SuiteTest, cores: Int, instanceCPUs: Double, options: CostOptions
    ) -> CostEstimate {
        guard let level = Evidence.efficiencyLevel(c, test), let perCPU = level.summary.requestsPerCPUSecond, perCPU > 0
        else {
            return CostEstimate(
                contender: c.name, method: .unavailable, coresPerInstance: cores,
                basis: "no requests per CPU-second measured on \(test.rawValue)")
        }
        let rss = level.summary.peakRSSBytes ?? peakRSS(c, test) ?? c.startup?.idleRSSBytes
        let basis =
            "\(Format.count(perCPU)) responses per CPU-second on \(test.rawValue) at \(level.label) (no capacity measured)"
        return priced(
            c.name, .cpuSeconds, ratePerInstance: perCPU, ratePerVCPU: perCPU, cores: cores, instanceCPUs: instanceCPUs,
            rss: rss, options: options, basis: basis)
    }

    /// Fractional vCPU-hours and memory for the target rate; whole instances as a separate figure.
    static func priced(
        _ name: String, _ method: CostEstimate.Method, ratePerInstance: Double, ratePerVCPU: Double, cores: Int,
        instanceCPUs: Double, rss: Int?, options: CostOptions, basis: String
    ) -> CostEstimate {
        let vcpus = options.targetRPS / ratePerVCPU
        let instances = Int((vcpus / instanceCPUs - 1e-9).rounded(.up))
        let floorGiB = minimumGiBPerVCPU * vcpus
        let rssGiB = rss.map { Double($0) / CostModel.gib / instanceCPUs * vcpus }
        let gib = max(floorGiB, rssGiB ?? 0)
        func monthly(_ v: Double, _ g: Double) -> Double {
            (v * options.prices.vcpuHour + g * options.prices.gbHour) * options.prices.hoursPerMonth
        }
        let wholeVCPUs = Double(instances) * instanceCPUs
        var e = CostEstimate(
            contender: name, method: method, ratePerInstance: ratePerInstance, coresPerInstance: cores,
            instances: instances, vcpus: vcpus, memoryBytesPerInstance: rss, memoryGiB: gib,
            monthlyUSD: monthly(vcpus, gib), basis: basis)
        e.roundedMonthlyUSD = monthly(
            wholeVCPUs, max(minimumGiBPerVCPU * wholeVCPUs, rssGiB.map { $0 / vcpus * wholeVCPUs } ?? 0))
        let requestsPerMonth = options.targetRPS * 3600 * options.prices.hoursPerMonth
        e.usdPerMillionRequests = monthly(vcpus, gib) / requestsPerMonth * 1e6
        return e
    }

    static func peakRSS(_ c: ContenderResult, _ test: SuiteTest) -> Int? {
        c.result(for: test)?.levels.compactMap(\.summary.peakRSSBytes).max()
    }

    /// CPUs in a `taskset -c` list: `0` -> 1, `1-3` -> 3, `0,2` -> 2.
    public static func cpuCount(_ list: String) -> Int {
        var n = 0
        for part in list.split(separator: ",") {
            let ends = part.split(separator: "-").compactMap { Int($0.filter { !$0.isWhitespace }) }
            if ends.count == 2, ends[1] >= ends[0] { n += ends[1] - ends[0] + 1 } else if ends.count == 1 { n += 1 }
        }
        return n
    }
}
