import BattleCore
import Foundation

/// Everything each criterion can be scored from, per ranked contender: the
/// measured components come only from the results file, the published ones
/// only from the dataset (joined by the contender's language, case-insensitively).
public enum Evidence {
    public static func collect(
        _ contenders: [ContenderResult], results: RunResults, dataset: EcosystemDataset, profile: TeamProfile,
        cost: CostReport
    ) -> [Criterion: [Component]] {
        let tests = testsToCompare(contenders, profile: profile)
        let runDay = results.startedAt.timeIntervalSince1970 / 86400
        var out: [Criterion: [Component]] = [:]
        for criterion in Criterion.allCases {
            out[criterion] = components(
                criterion, contenders, tests: tests, dataset: dataset, cost: cost, runDay: runDay)
        }
        return out
    }

    /// What `criterion` is scored from. An exhaustive switch: a new criterion
    /// does not compile until it says where its evidence comes from.
    static func components(
        _ criterion: Criterion, _ contenders: [ContenderResult], tests: [SuiteTest], dataset: EcosystemDataset,
        cost: CostReport, runDay: Double
    ) -> [Component] {
        switch criterion {
        case .throughputPerCore:
            return tests.map { throughput(contenders, $0) }
        case .tailLatency:
            return tests.map { tail(contenders, $0) }
        case .memoryFootprint:
            return tests.map { memory(contenders, $0) }
        case .costAtTargetLoad:
            return [costComponent(cost)]
        case .startupTime:
            return [
                component(
                    contenders, key: "startup", label: "seconds from spawn to ready", kind: .seconds, better: .lower
                ) {
                    $0.startup?.secondsToReady
                }
            ]
        case .codeSize:
            return [
                component(contenders, key: "loc", label: "lines of code for the suite", kind: .lines, better: .lower) {
                    $0.build?.linesOfCode.map(Double.init)
                }
            ]
        case .buildTime:
            return [
                component(contenders, key: "clean-build", label: "clean build", kind: .seconds, better: .lower) {
                    $0.build?.cleanSeconds
                },
                component(
                    contenders, key: "incremental-build", label: "incremental build", kind: .seconds, better: .lower
                ) {
                    $0.build?.incrementalSeconds
                },
            ]
        case .hiringPool, .rampUpTime, .ecosystemMaturity:
            return dataset.metrics(feeding: criterion).map {
                published(contenders, metric: $0, dataset: dataset, runDay: runDay)
            }
        }
    }

    /// The profile's tests (when it names some) among those any contender measured, in suite order.
    /// A profile names Battle Suite tests only; in a data suite's run (no built-in test measured)
    /// it looks at every measured test, each with the default weight (one component each).
    static func testsToCompare(_ contenders: [ContenderResult], profile: TeamProfile) -> [SuiteTest] {
        let measured = SuiteTest.ordered(
            contenders.flatMap { c in
                c.tests.filter { $0.levels.contains { !$0.trials.isEmpty && $0.kind != .capacityStep } }.map(\.test)
            })
        guard let wanted = profile.tests, measured.contains(where: \.isBuiltin) else { return measured }
        return measured.filter(wanted.contains)
    }

    static func component(
        _ contenders: [ContenderResult], key: String, label: String, kind: ValueKind, better: Better,
        _ value: (ContenderResult) -> Double?
    ) -> Component {
        var c = Component(key: key, label: label, kind: kind, better: better)
        for contender in contenders { if let v = value(contender) { c.values[contender.name] = v } }
        return c
    }

    /// Whether every contender ran an equal-rate level of `test` (results of battle 0.1 have none).
    static func allRanEqualRate(_ contenders: [ContenderResult], _ test: SuiteTest) -> Bool {
        contenders.allSatisfy { !($0.result(for: test)?.levels(.equalRate).isEmpty ?? true) }
    }

    static func throughput(_ contenders: [ContenderResult], _ test: SuiteTest) -> Component {
        let equal = allRanEqualRate(contenders, test)
        var c = component(
            contenders, key: test.rawValue,
            label: "\(test.rawValue): responses per CPU-second\(equal ? " at the equal rate" : "")",
            kind: .ratePerCPUSecond,
            better: .higher
        ) { efficiencyLevel($0, test).flatMap { $0.isClientBound ? nil : perCPUSecond($0) } }
        let bound = contenders.filter { efficiencyLevel($0, test)?.isClientBound ?? false }
        if !bound.isEmpty {
            c.caveat =
                "client-bound for \(bound.map(\.displayName).joined(separator: ", ")): the client may have limited the figure, so it counts as no data"
        }
        return c
    }

    /// The level a test's efficiency is read from: its equal-rate level (the
    /// same work for every contender; the lowest rate when there are several),
    /// else the highest median req/s among the peak levels, else among all
    /// levels at the default heap.
    static func efficiencyLevel(_ c: ContenderResult, _ test: SuiteTest) -> LevelResult? {
        guard let t = c.result(for: test) else { return nil }
        if let equal = t.levels(.equalRate).min(by: { ($0.rate ?? 0) < ($1.rate ?? 0) }) { return equal }
        if let peak = t.bestLevel { return peak }
        let ran = t.levels.filter { !$0.trials.isEmpty && $0.kind != .capacityStep }
        let plain = ran.filter { ($0.liveHeapMB ?? 0) == 0 }
        return (plain.isEmpty ? ran : plain).max {
            $0.summary.requestsPerSecond.median < $1.summary.requestsPerSecond.median
        }
    }

    /// Responses per CPU-second; 0 when the server used CPU but answered nothing successfully.
    static func perCPUSecond(_ level: LevelResult) -> Double? {
        if let v = level.summary.requestsPerCPUSecond { return v }
        let measuredCPU = level.trials.contains { ($0.server?.cpuSeconds ?? 0) > 0 }
        return measuredCPU && level.trials.allSatisfy({ $0.load.successes == 0 }) ? 0 : nil
    }

    /// p99 at one level every contender ran: the highest common open-loop rate,
    /// else the first common closed-loop level (levels are matched by label).
    static func tail(_ contenders: [ContenderResult], _ test: SuiteTest) -> Component {
        let levelSets = contenders.map { c in
            (c.result(for: test)?.levels ?? []).filter { !$0.trials.isEmpty && $0.kind != .capacityStep }
        }
        var label: String?
        if let first = levelSets.first, levelSets.allSatisfy({ !$0.isEmpty }) {
            let common = first.filter { l in levelSets.allSatisfy { set in set.contains { $0.label == l.label } } }
            label = common.filter { $0.rate != nil }.max { $0.rate! < $1.rate! }?.label ?? common.first?.label
        }
        var c = Component(
            key: test.rawValue, label: "\(test.rawValue): p99 at \(label ?? "a common level")", kind: .micros,
            better: .lower)
        for (contender, levels) in zip(contenders, levelSets) {
            let level = label.flatMap { l in levels.first { $0.label == l } }
            guard let level else { continue }
            // A client-bound level, or one whose schedule was not kept, did not get the rate asked: no data.
            if level.isClientBound || (level.summary.scheduleMissedTrials ?? 0) > 0 {
                c.caveat =
                    "\(contender.displayName): the load generator did not offer this level fully (client-bound or schedule not kept), so it counts as no data"
                continue
            }
            // A level that ran but answered nothing successfully has no finite tail: it scores 0.
            let answered = level.trials.contains { $0.load.successes > 0 } && level.summary.p99Micros.count > 0
            c.values[contender.name] = answered ? level.summary.p99Micros.median : .infinity
        }
        if label == nil, contenders.count > 1 {
            c.caveat =
                "no level of \(test.rawValue) was run by every contender, so p99 cannot be compared at equal load"
            c.values = [:]
        }
        return c
    }

    /// RSS at the equal rate (the median under the same work) when every
    /// contender ran one, else peak RSS over every level.
    static func memory(_ contenders: [ContenderResult], _ test: SuiteTest) -> Component {
        let equal = allRanEqualRate(contenders, test)
        if equal {
            return component(
                contenders, key: test.rawValue, label: "\(test.rawValue): RSS at the equal rate", kind: .bytes,
                better: .lower
            ) {
                $0.result(for: test)?.levels(.equalRate).compactMap(\.summary.steadyRSSBytes).max().map(Double.init)
            }
        }
        return component(
            contenders, key: test.rawValue, label: "\(test.rawValue): peak RSS under load", kind: .bytes, better: .lower
        ) {
            $0.result(for: test)?.levels.compactMap(\.summary.peakRSSBytes).max().map(Double.init)
        }
    }

    static func costComponent(_ cost: CostReport) -> Component {
        let rate = Format.count(cost.targetRPS)
        var label = "monthly cost at \(rate) req/s"
        if let test = cost.test { label += " of \(test.rawValue)" }
        if let slo = cost.slo { label += " under \(slo)" }
        var c = Component(key: "cost", label: label, kind: .usdPerMonth, better: .lower)
        for e in cost.estimates { if let v = e.monthlyUSD { c.values[e.contender] = v } }
        if cost.method == .cpuSeconds {
            c.caveat = "from requests per CPU-second: no capacity under an SLO was measured"
        }
        return c
    }

    static func published(
        _ contenders: [ContenderResult], metric: Metric, dataset: EcosystemDataset, runDay: Double
    ) -> Component {
        var c = Component(
            key: metric.id, label: metric.label, kind: .figure, unit: metric.unit, better: metric.better,
            caveat: metric.caveat)
        for contender in contenders {
            guard let f = dataset.figure(language: contender.language, metric: metric.id) else { continue }
            c.citations[contender.name] = f.citation
            if let v = f.scoredValue(runDay: runDay) { c.values[contender.name] = v }
            if let text = f.text {
                c.shown[contender.name] = text
            } else if let since = f.since, let v = c.values[contender.name] {
                c.shown[contender.name] = "\(Format.fixed(v, 1)) years (since \(since))"
            }
        }
        return c
    }
}
