import BattleCore

/// Capacity under the SLO: per test and contender, the highest rate that
/// met it (a lower bound when a client-bound step decided it) and what the
/// server used there. report.md and report.html; not in the terminal.
enum CapacityTable {
    /// Nil when no capacity was searched.
    static func table(_ model: ReportModel) -> Table? {
        var t = Table([
            .init("test"), .init("contender"), .init("SLO"), .init("sustained req/s", .right),
            .init("latency at that rate", .right), .init("CPU cores", .right), .init("peak RSS", .right),
            .init("rates tried", .right),
        ])
        for test in model.capacityTests {
            for c in model.contenders {
                guard let r = c.capacity.first(where: { $0.test == test }) else { continue }
                t.add([
                    .init(test.rawValue), ReportCells.contender(c, model), .init(r.slo),
                    .init(
                        NumberText.rps(r.sustainedRate), r.isLowerBound ? .lowerBound : .plain,
                        tooltip:
                            "\(NumberText.grouped(r.sustainedRate)) req/s\(r.isLowerBound ? "; a client-bound step decided it: a lower bound" : "")"
                    ),
                    .init(r.latencyMicrosAtRate.map(NumberText.micros) ?? NumberText.none),
                    .init(r.cpuCoresAtRate.map { Format.fixed($0, 2) } ?? NumberText.none),
                    ReportCells.bytes(r.peakRSSBytesAtRate), .init("\(r.steps.count)"),
                ])
            }
        }
        return t.rows.isEmpty ? nil : t
    }
}
