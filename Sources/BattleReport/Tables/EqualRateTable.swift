import BattleCore

/// A test's equal-rate levels: every contender offered the same open-loop
/// rate, so latency, CPU per request and memory compare directly. The
/// lowest p99 and CPU per request among the rankable rows at a rate are
/// marked best. The terminal leaves out p90 and the uncorrected p99.
enum EqualRateTable {
    /// Nil when no contender ran an equal-rate level of `test`.
    static func table(_ model: ReportModel, _ test: SuiteTest) -> Table? {
        let rows = model.equalRateRows(test)
        guard !rows.isEmpty else { return nil }
        let bestP99 = model.bestEqualRate(rows) { $0.p99 }
        let bestCPU = model.bestEqualRate(rows) { $0.summary.cpuMicrosPerRequest }
        var t = Table([
            .init("contender"), .init("level"), .init("p50", .right), .init("p90", .right, in: .detail),
            .init("p99", .right), .init("p99.9", .right), .init("max", .right),
            .init("p99 uncorrected", .right, in: .detail), .init("CPU/req", .right), .init("RSS", .right),
            .init("notes"),
        ])
        t.cssClass = "data summary"
        for r in rows {
            let s = r.summary
            t.add([
                ReportCells.contender(r.contender, model), .init(r.level.label), ReportCells.latency(s.p50Micros),
                ReportCells.latency(s.p90Micros),
                ReportCells.latency(s.p99Micros, bestP99.contains(r.id) ? .best : .plain),
                ReportCells.latency(s.p999Micros), ReportCells.latency(s.maxMicros),
                ReportCells.latency(s.uncorrectedP99Micros),
                ReportCells.cpuPerRequest(s, bestCPU.contains(r.id) ? .best : .plain),
                ReportCells.bytes(s.steadyRSSBytes), .notes(r.warnings.map { Table.Cell.Note($0) }),
            ])
        }
        return t
    }
}
