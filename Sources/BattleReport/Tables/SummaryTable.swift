import BattleCore

/// A test's summary table: each contender at its best ordinary level, the
/// best entry first and marked, a client-bound figure as a lower bound.
/// Defined once; the terminal leaves out the detail columns (p99.9 and
/// verification: a failed verification is also the first note).
enum SummaryTable {
    static func table(_ model: ReportModel, _ test: SuiteTest) -> Table {
        var t = Table([
            .init("contender"), .init("level"), .init("req/s", .right), .init("min..max", .right),
            .init("±MAD", .right), .init("p50", .right), .init("p99", .right), .init("p99.9", .right, in: .detail),
            .init("CPU/req", .right), .init("peak RSS", .right), .init("vs best", .right),
            .init("verification", in: .detail), .init("notes"),
        ])
        t.cssClass = "data summary"
        for e in model.entries(test) { t.add(cells(e, model), role: e.isBest ? .best : .plain) }
        return t
    }

    static func cells(_ e: SummaryEntry, _ model: ReportModel) -> [Table.Cell] {
        let s = e.summary
        let rps = s.requestsPerSecond
        let failed: Bool = if case .failed = e.verification { true } else { false }
        let notes =
            (failed ? [Table.Cell.Note("verification \(e.verification.label)", .bad)] : [])
            + e.warnings.map { Table.Cell.Note($0) }
        return [
            ReportCells.contender(e.contender, model), .init(e.level.label),
            .init(
                NumberText.rps(rps.median), e.clientBound ? .lowerBound : .key,
                tooltip:
                    "\(NumberText.grouped(rps.median)) req/s, median of \(rps.count) trials\(e.clientBound ? "; client-bound: a lower bound" : "")"
            ),
            .init(
                NumberText.range(rps, NumberText.rps), .muted,
                tooltip: "\(NumberText.grouped(rps.min))..\(NumberText.grouped(rps.max))"),
            .init(NumberText.mad(rps.relativeMAD), .muted),
            ReportCells.latency(s.p50Micros), ReportCells.latency(s.p99Micros), ReportCells.latency(s.p999Micros),
            ReportCells.cpuPerRequest(s),
            .init(
                s.peakRSSBytes.map(NumberText.bytes) ?? NumberText.none,
                tooltip: s.peakRSSBytes.map { "\(NumberText.grouped(Double($0))) bytes" }),
            .init(e.factorLabel, e.isBest ? .good : .plain),
            .init(e.verification.label, failed ? .bad : .plain),
            .notes(notes),
        ]
    }

    /// The contenders without a figure for `test`, each with why: `go (crashed)`,
    /// `swift (not implemented)` for a data-suite test it answered 404.
    static func missing(_ model: ReportModel, _ test: SuiteTest) -> [String] {
        model.missing(test).map { c in
            if c.verification?.notImplemented?.contains(test) == true { return "\(c.name) (not implemented)" }
            return "\(c.name) (\(c.status == .ok ? "not in its run" : c.statusLine))"
        }
    }
}
