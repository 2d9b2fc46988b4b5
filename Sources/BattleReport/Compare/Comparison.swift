import BattleCore
import BattleVerdict

/// The changes between two runs, per contender and test: req/s, p99 and
/// peak memory, each marked a regression, an improvement or noise by a
/// `NoiseRule`. Pure: two results in, a value out.
public struct Comparison: Sendable {
    public enum LevelMatching: String, CaseIterable, Sendable {
        /// One level per test: the level where OLD's median req/s was highest
        /// (closed loop, default heap), at the same label in NEW, so that
        /// latency is compared at the same load. When NEW has no such level,
        /// NEW's best level at a label OLD has; failing that, each run's best.
        case best
        /// Every level whose label is in both runs.
        case matching
    }

    public enum Metric: String, CaseIterable, Sendable {
        case requestsPerSecond = "req/s"
        case p99 = "p99"
        case peakRSS = "peak RSS"

        public var higherIsBetter: Bool { self == .requestsPerSecond }

        /// The figure of one trial.
        func value(_ t: TrialResult) -> Double? {
            switch self {
            case .requestsPerSecond: t.load.requestsPerSecond
            case .p99: t.load.latency.p99
            case .peakRSS: t.server.map { Double($0.peakRSSBytes) }
            }
        }

        func format(_ v: Double) -> String {
            switch self {
            case .requestsPerSecond: NumberText.rps(v)
            case .p99: NumberText.micros(v)
            case .peakRSS: NumberText.bytes(Int(v))
            }
        }
    }

    public struct Change: Sendable {
        public var metric: Metric
        public var old: Spread
        public var new: Spread
        public var outcome: NoiseRule.Outcome
        /// The relative change the interval had to clear (the rule's minimum effect).
        public var threshold: Double
        /// 95% interval of NEW ÷ OLD over resamples; nil when noise could not be judged.
        public var interval: Interval?

        /// new / old − 1 (e.g. −0.12 for a 12% drop); nil when old is zero.
        public var relativeChange: Double? { old.median == 0 ? nil : new.median / old.median - 1 }

        /// How much worse, as a positive fraction (0.12 = 12% worse); 0 when better.
        public var worsening: Double {
            guard let c = relativeChange else { return 0 }
            return max(metric.higherIsBetter ? -c : c, 0)
        }
    }

    public struct Row: Sendable {
        public var contender: String
        public var test: SuiteTest
        public var oldLevel: String
        public var newLevel: String
        public var changes: [Change]
    }

    /// Something measured in OLD that NEW does not have (or the reverse).
    public struct Gap: Sendable {
        public var contender: String
        public var test: SuiteTest?
        public var reason: String
        /// True when NEW lost a figure OLD had because the contender failed in NEW.
        public var failedInNew: Bool
    }

    public var oldID: String
    public var newID: String
    public var rule: NoiseRule
    public var matching: LevelMatching
    public var rows: [Row] = []
    public var gaps: [Gap] = []
    /// Differences between the two runs' conditions that make changes harder to read.
    public var warnings: [String] = []

    public init(old: RunResults, new: RunResults, rule: NoiseRule = .standard, matching: LevelMatching = .best) {
        oldID = old.id
        newID = new.id
        self.rule = rule
        self.matching = matching
        warnings = Self.conditions(old, new)
        let newByName = Dictionary(new.contenders.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var pending: [(String, SuiteTest, LevelResult, LevelResult)] = []
        for o in old.contenders {
            guard let n = newByName[o.name] else {
                gaps.append(Gap(contender: o.name, test: nil, reason: "not in NEW", failedInNew: false))
                continue
            }
            for test in SuiteTest.ordered(o.tests.map(\.test) + n.tests.map(\.test)) {
                let ot = o.result(for: test)
                let nt = n.result(for: test)
                guard let ot, ot.summaryLevel != nil else {
                    if nt?.summaryLevel != nil {
                        gaps.append(
                            Gap(contender: o.name, test: test, reason: "measured only in NEW", failedInNew: false))
                    }
                    continue
                }
                guard let nt, nt.summaryLevel != nil else {
                    let failed = n.status != .ok
                    let why =
                        failed
                        ? "not measured in NEW: \(n.statusLine)" + (n.failure.map { " (\($0.firstLine))" } ?? "")
                        : "not measured in NEW"
                    gaps.append(Gap(contender: o.name, test: test, reason: why, failedInNew: failed))
                    continue
                }
                for (ol, nl) in pairs(ot, nt) { pending.append((o.name, test, ol, nl)) }
            }
        }
        let spreads = spreads(pending.map { ($0.2, $0.3) })
        for (name, test, ol, nl) in pending {
            rows.append(
                Row(
                    contender: name, test: test, oldLevel: ol.label, newLevel: nl.label,
                    changes: changes(ol, nl, spreads: spreads)))
        }
        let oldNames = Set(old.contenders.map(\.name))
        for n in new.contenders where !oldNames.contains(n.name) {
            gaps.append(Gap(contender: n.name, test: nil, reason: "not in OLD", failedInNew: false))
        }
    }

    /// Why figures of `old` and `new` must not be compared: they belong to different
    /// suites (another name, or both hashes known and different). Nil when they may be.
    public static func suiteMismatch(_ old: RunResults, _ new: RunResults) -> String? {
        let a = old.suiteIdentity
        let b = new.suiteIdentity
        let differ =
            a.name != b.name || (a.contentHash != nil && b.contentHash != nil && a.contentHash != b.contentHash)
        guard differ else { return nil }
        let why = a.name != b.name ? "different suites" : "different contents of suite \(a.name)"
        return
            "OLD \(old.id) ran \(a.titleWithHash), NEW \(new.id) ran \(b.titleWithHash): \(why), so their figures do not measure the same work and are not compared. Compare two runs of the same suite folder (`battle suite check DIR` prints its hash), or run the old one again with the current folder: battle run --suite DIR"
    }

    static func conditions(_ old: RunResults, _ new: RunResults) -> [String] {
        var w: [String] = []
        let unrecorded = [("OLD", old), ("NEW", new)].filter { $0.1.suite == nil }.map(\.0)
        if !unrecorded.isEmpty {
            w.append(
                (unrecorded.count == 2 ? "Neither run records" : "\(unrecorded[0]) does not record")
                    + " its suite (written by an older battle): counted as the Battle Suite, its folder's hash unknown."
            )
        }
        if let a = old.suite, let b = new.suite, (a.contentHash == nil) != (b.contentHash == nil) {
            w.append(
                "\(a.contentHash == nil ? "OLD" : "NEW") ran \(a.title) without its folder's hash: whether its tests are the same cannot be told."
            )
        }
        if old.suiteVersion != new.suiteVersion {
            w.append(
                "OLD ran Battle Suite v\(old.suiteVersion), NEW v\(new.suiteVersion): the tests may not measure the same work."
            )
        }
        let a = old.environment
        let b = new.environment
        if a.cpuModel != b.cpuModel || a.logicalCPUs != b.logicalCPUs || a.hostname != b.hostname {
            w.append(
                "The runs were on different machines (\(a.hostname), \(a.cpuModel) vs \(b.hostname), \(b.cpuModel)): changes may come from the machine."
            )
        }
        if old.plan.placement != new.plan.placement {
            w.append(
                "CPU placement differs (server \(old.plan.placement.server), client \(old.plan.placement.client) vs server \(new.plan.placement.server), client \(new.plan.placement.client))."
            )
        }
        if old.plan.levelSeconds != new.plan.levelSeconds {
            w.append(
                "Level durations differ (\(NumberText.seconds(old.plan.levelSeconds)) vs \(NumberText.seconds(new.plan.levelSeconds)))."
            )
        }
        // Files written before tiers existed measured the manifests as written: idiomatic.
        let oldTiers = Set(old.contenders.map { $0.tier ?? .idiomatic })
        let newTiers = Set(new.contenders.map { $0.tier ?? .idiomatic })
        if oldTiers != newTiers {
            func list(_ t: Set<ContenderTier>) -> String { t.sorted().map(\.rawValue).joined(separator: " and ") }
            w.append(
                "The runs measured different tiers (OLD \(list(oldTiers)), NEW \(list(newTiers))): a change may come from the configuration (docs/MANIFEST.md, Tiers), not the code."
            )
        }
        if old.status != .complete || new.status != .complete {
            w.append("A run is not complete (OLD \(old.status.rawValue), NEW \(new.status.rawValue)).")
        }
        return w
    }

    func pairs(_ o: TestResult, _ n: TestResult) -> [(LevelResult, LevelResult)] {
        switch matching {
        case .best:
            guard let a = o.summaryLevel, let b = n.summaryLevel else { return [] }
            if let same = n.measuredLevel(a.label) { return [(a, same)] }
            if let same = o.measuredLevel(b.label) { return [(same, b)] }
            return [(a, b)]
        case .matching:
            return o.levels.filter { !$0.trials.isEmpty }.compactMap { ol in
                n.levels.first { $0.label == ol.label && !$0.trials.isEmpty }.map { (ol, $0) }
            }
        }
    }

    func changes(_ o: LevelResult, _ n: LevelResult, spreads: [Metric: Double]) -> [Change] {
        Metric.allCases.compactMap { m in
            let a = o.trials.compactMap(m.value)
            let b = n.trials.compactMap(m.value)
            guard !a.isEmpty, !b.isEmpty else { return nil }
            let j = rule.judge(
                old: a, new: b, spread: spreads[m] ?? Resampler.minimumSpread, higherIsBetter: m.higherIsBetter)
            return Change(
                metric: m, old: Spread(a), new: Spread(b), outcome: j.outcome, threshold: rule.minimumEffect,
                interval: j.interval)
        }
    }

    /// The pooled spread of each figure over every level pair compared, both runs.
    func spreads(_ pairs: [(LevelResult, LevelResult)]) -> [Metric: Double] {
        Dictionary(
            uniqueKeysWithValues: Metric.allCases.map { m in
                (
                    m,
                    NoiseRule.pooledSpread(
                        pairs.flatMap { [$0.0.trials.compactMap(m.value), $0.1.trials.compactMap(m.value)] })
                )
            })
    }

    /// Every significant regression, worst first.
    public var regressions: [(row: Row, change: Change)] {
        rows.flatMap { r in r.changes.filter { $0.outcome == .regression }.map { (r, $0) } }.sorted {
            $0.1.worsening > $1.1.worsening
        }
    }

    public var improvements: [(row: Row, change: Change)] {
        rows.flatMap { r in r.changes.filter { $0.outcome == .improvement }.map { (r, $0) } }
    }

    /// Significant regressions worse than `percent` (5 = 5%), plus figures
    /// lost because a contender failed in NEW: what `--fail-on-regression` fails on.
    public func failures(worseThan percent: Double) -> [String] {
        var out = regressions.filter { $0.change.worsening * 100 > percent }.map { r, c in
            "\(r.contender) \(r.test.rawValue) \(r.newLevel): \(c.metric.rawValue) \(NumberText.signedPercent(c.relativeChange ?? 0))"
        }
        out += gaps.filter(\.failedInNew).map { "\($0.contender) \($0.test?.rawValue ?? ""): \($0.reason)" }
        return out
    }

    /// Changes whose noise could not be judged (single trials).
    public var unknownCount: Int {
        rows.reduce(0) {
            $0 + $1.changes.filter { if case .unknown = $0.outcome { return true } else { return false } }.count
        }
    }
}

extension TestResult {
    func measuredLevel(_ label: String) -> LevelResult? { levels.first { $0.label == label && !$0.trials.isEmpty } }
}

extension NumberText {
    /// `+12.5%`, `-3.0%` from a relative change.
    static func signedPercent(_ change: Double) -> String { Format.percentChange(change + 1) }
}
