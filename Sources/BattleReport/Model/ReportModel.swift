import BattleCore

/// Read-only views of a results file that every renderer shares: which tests
/// were measured, the row each contender contributes to a test's summary, the
/// best entry, colours. Pure and cheap; renderers build one per call.
struct ReportModel {
    let results: RunResults

    init(_ results: RunResults) { self.results = results }

    var contenders: [ContenderResult] { results.contenders }

    /// Contenders that did not finish cleanly, in results order.
    var failed: [ContenderResult] { contenders.filter { $0.status != .ok } }

    /// Tests with at least one measured level, in suite order.
    var measuredTests: [SuiteTest] {
        SuiteTest.ordered(
            contenders.flatMap { c in c.tests.filter { $0.levels.contains { !$0.trials.isEmpty } }.map(\.test) })
    }

    /// The contender's slot in the palette: its position in the results, so
    /// a contender keeps its colour in every chart of a page.
    func colorIndex(_ c: ContenderResult) -> Int { contenders.firstIndex { $0.name == c.name } ?? 0 }

    /// One summary row per contender that measured `test`, best entries first.
    func entries(_ test: SuiteTest) -> [SummaryEntry] {
        var rows: [SummaryEntry] = []
        for c in contenders {
            guard let level = c.result(for: test)?.summaryLevel else { continue }
            rows.append(SummaryEntry(contender: c, test: test, level: level, factorToBest: nil))
        }
        // Stripped entries never set the bar unless nothing else was measured;
        // client-bound entries never do: their figure is a lower bound.
        let bar = rows.filter { !$0.stripped && !$0.clientBound }
        let best = (bar.isEmpty ? rows.filter { !$0.clientBound } : bar).map(\.rps).max() ?? 0
        for i in rows.indices where best > 0 && !rows[i].clientBound { rows[i].factorToBest = rows[i].rps / best }
        return rows.sorted { ($0.clientBound ? 1 : 0, -$0.rps) < ($1.clientBound ? 1 : 0, -$1.rps) }
    }

    /// One row per contender that ran `test`'s equal-rate level at `rate`.
    func equalRateRows(_ test: SuiteTest) -> [EqualRateRow] {
        var rows: [EqualRateRow] = []
        for c in contenders {
            for l in c.result(for: test)?.levels(.equalRate) ?? [] {
                rows.append(EqualRateRow(contender: c, level: l))
            }
        }
        return rows
    }

    /// Tests with equal-rate levels, in suite order.
    var equalRateTests: [SuiteTest] { measuredTests.filter { !equalRateRows($0).isEmpty } }

    /// The lowest value of `value` among rankable rows (not client-bound, not
    /// stripped, schedule kept) at the same rate: the row to mark best.
    func bestEqualRate(_ rows: [EqualRateRow], _ value: (EqualRateRow) -> Double?) -> Set<String> {
        var out: Set<String> = []
        for rate in Set(rows.compactMap(\.level.rate)) {
            let ranked = rows.filter { $0.level.rate == rate && $0.rankable }.compactMap { r in value(r).map { (r, $0) }
            }
            guard ranked.count >= 2, let best = ranked.min(by: { $0.1 < $1.1 }) else { continue }
            out.insert(best.0.id)
        }
        return out
    }

    /// Contenders with no measured level of `test`, with why when they failed.
    func missing(_ test: SuiteTest) -> [ContenderResult] {
        contenders.filter { $0.result(for: test)?.summaryLevel == nil }
    }

    /// Tests that have capacity results, in suite order.
    var capacityTests: [SuiteTest] {
        SuiteTest.ordered(contenders.flatMap { $0.capacity.map(\.test) })
    }

    /// Pairs of a large-live-heap level and the same level with the default heap.
    func heapPairs(_ test: SuiteTest) -> [HeapPair] {
        var pairs: [HeapPair] = []
        for c in contenders {
            guard let t = c.result(for: test) else { continue }
            for large in t.levels where large.isLargeHeap && !large.trials.isEmpty {
                let small = t.levels.first {
                    $0.kind == .peak && !$0.trials.isEmpty && $0.connections == large.connections
                        && $0.pipeline == large.pipeline && $0.queries == large.queries
                }
                if let small { pairs.append(HeapPair(contender: c, small: small, large: large)) }
            }
        }
        return pairs
    }

    var heapTests: [SuiteTest] { measuredTests.filter { !heapPairs($0).isEmpty } }

    /// Whether any contender has build, startup or code-size figures.
    var hasFootprint: Bool { contenders.contains { $0.build != nil || $0.startup != nil } }
}

/// What a summary table says about one contender on one test: its best
/// ordinary level (closed loop, default heap).
struct SummaryEntry {
    let contender: ContenderResult
    let test: SuiteTest
    let level: LevelResult
    /// This entry's median req/s over the best realistic entry's.
    var factorToBest: Double?

    var summary: LevelSummary { level.summary }
    var rps: Double { summary.requestsPerSecond.median }
    var stripped: Bool { contender.approach == "stripped" }
    var isBest: Bool { (factorToBest ?? 0) >= 1 && !stripped && !clientBound }
    var clientBound: Bool { level.isClientBound }
    /// `68.2k`, or `≥ 133k` when the load generator may have set the figure.
    var rpsLabel: String { (clientBound ? "≥ " : "") + NumberText.rps(rps) }
    /// `best`, `0.83×`, or `not ranked` for a lower bound.
    var factorLabel: String {
        if clientBound { return "not ranked" }
        return factorToBest.map { isBest ? "best" : NumberText.factor($0) } ?? NumberText.none
    }
    var verification: VerificationState { VerificationState(contender.verification, test: test) }

    /// Short warnings for the notes column.
    var warnings: [String] {
        var w: [String] = []
        if clientBound {
            w.append("client-bound in \(summary.clientBoundTrials)/\(summary.trials) trials: a lower bound")
        }
        if summary.errors > 0 { w.append("\(NumberText.grouped(Double(summary.errors))) errors") }
        if summary.non2xx > 0 { w.append("\(NumberText.grouped(Double(summary.non2xx))) non-2xx") }
        if level.trials.contains(where: { $0.error != nil }) { w.append("ended early") }
        return w
    }
}

/// A contender at one equal-rate level: the same offered rate as every other.
struct EqualRateRow {
    let contender: ContenderResult
    let level: LevelResult

    var id: String { "\(contender.name) \(level.label)" }
    var summary: LevelSummary { level.summary }
    var clientBound: Bool { level.isClientBound }
    /// Trials in which the load generator did not keep the schedule.
    var scheduleMissed: Int { summary.scheduleMissedTrials ?? 0 }
    /// Ranked only when the client was not saturated and really offered the rate.
    var rankable: Bool { !clientBound && scheduleMissed == 0 && !contender.isStripped && summary.errors == 0 }
    var p99: Double? { summary.p99Micros.count > 0 ? summary.p99Micros.median : nil }

    var warnings: [String] {
        var w: [String] = []
        if clientBound { w.append("client-bound in \(summary.clientBoundTrials)/\(summary.trials) trials: not ranked") }
        if scheduleMissed > 0 {
            w.append("schedule not kept in \(scheduleMissed)/\(summary.trials) trials: not ranked")
        }
        if summary.errors > 0 { w.append("\(NumberText.grouped(Double(summary.errors))) errors") }
        if summary.non2xx > 0 { w.append("\(NumberText.grouped(Double(summary.non2xx))) non-2xx") }
        return w
    }
}

/// The verifier's word on one test of one contender.
enum VerificationState: Equatable {
    case notRun, skipped, passed
    case warnings(Int)
    case failed(Int)

    init(_ record: VerificationRecord?, test: SuiteTest) {
        guard let record else {
            self = .notRun
            return
        }
        if record.skipped {
            self = .skipped
            return
        }
        let relevant = record.checks.filter { $0.test == test || $0.test == nil }
        let fails = relevant.filter { $0.outcome == .fail }.count
        let warns = relevant.filter { $0.outcome == .warn }.count
        self = fails > 0 ? .failed(fails) : warns > 0 ? .warnings(warns) : .passed
    }

    var label: String {
        switch self {
        case .notRun: "not verified"
        case .skipped: "skipped"
        case .passed: "passed"
        case .warnings(let n): n == 1 ? "passed, 1 warning" : "passed, \(n) warnings"
        case .failed(let n): n == 1 ? "FAILED 1 check" : "FAILED \(n) checks"
        }
    }
}

struct HeapPair {
    let contender: ContenderResult
    let small: LevelResult
    let large: LevelResult
}

extension LevelResult {
    var isLargeHeap: Bool { (liveHeapMB ?? 0) > 0 }
    var isOpenLoop: Bool { rate != nil }
    var heapLabel: String { isLargeHeap ? "\(liveHeapMB ?? 0) MB live heap" : "default heap" }

    /// Percentile → median over trials of that percentile's latency.
    var medianSpectrum: [PercentileValue] {
        let measured = trials.filter { !$0.load.latency.percentiles.isEmpty }
        guard !measured.isEmpty else { return [] }
        return LatencySummary.standardPercentiles.compactMap { p in
            let values = measured.compactMap { $0.load.latency.micros(at: p) }
            return values.isEmpty ? nil : PercentileValue(percentile: p, micros: Statistics.median(values))
        }
    }
}

extension TestResult {
    /// The level a summary quotes: highest median req/s among the peak levels
    /// (closed loop, default heap; equal-rate, capacity and large-heap levels
    /// have their own sections) that were not client-bound; a client-bound one
    /// only when there is no other; any measured level when there is no peak.
    var summaryLevel: LevelResult? {
        let measured = levels.filter { !$0.trials.isEmpty }
        let ordinary = measured.filter { $0.kind == .peak }
        var pool = ordinary.isEmpty ? measured.filter { $0.kind != .capacityStep } : ordinary
        // A level the client may have limited is quoted only when every level is such a lower bound.
        let sure = pool.filter { !$0.isClientBound }
        if !sure.isEmpty { pool = sure }
        return pool.max { $0.summary.requestsPerSecond.median < $1.summary.requestsPerSecond.median }
    }
}

extension ContenderResult {
    var isStripped: Bool { approach == "stripped" }

    /// `swift †` for stripped entries.
    var label: String { isStripped ? "\(name) †" : name }

    /// One line on how the contender ended, for failure lists.
    var statusLine: String {
        switch status {
        case .ok: "ok"
        case .buildFailed: "build failed"
        case .startFailed: "failed to start"
        case .verifyFailed: "failed verification"
        case .crashed: "crashed"
        case .hung: "stopped answering"
        case .interrupted: "interrupted"
        case .skipped: "skipped"
        case .databaseFailed: "database failed (not its fault)"
        }
    }
}
