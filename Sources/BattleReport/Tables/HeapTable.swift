import BattleCore

/// Large live heap: each contender's level with the default heap beside the
/// same level with a large live heap, and how p99 changed. report.md and
/// report.html (req/s only in report.html); not in the terminal.
enum HeapTable {
    /// Nil when no large-heap level was measured.
    static func table(_ model: ReportModel) -> Table? {
        var t = Table([
            .init("test"), .init("contender"), .init("level"), .init("p99", .right), .init("p99.9", .right),
            .init("req/s", .right, in: .html), .init("large-heap level"), .init("p99", .right),
            .init("p99.9", .right), .init("req/s", .right, in: .html), .init("p99 change", .right),
        ])
        for test in model.heapTests {
            for pair in model.heapPairs(test) {
                let a = pair.small.summary
                let b = pair.large.summary
                t.add([
                    .init(test.rawValue), ReportCells.contender(pair.contender, model), .init(pair.small.label),
                    ReportCells.latency(a.p99Micros), ReportCells.latency(a.p999Micros),
                    .init(NumberText.rps(a.requestsPerSecond.median)), .init(pair.large.label),
                    ReportCells.latency(b.p99Micros), ReportCells.latency(b.p999Micros),
                    .init(NumberText.rps(b.requestsPerSecond.median)),
                    .init(
                        a.p99Micros.median > 0
                            ? NumberText.factor(b.p99Micros.median / a.p99Micros.median) : NumberText.none),
                ])
            }
        }
        return t.rows.isEmpty ? nil : t
    }
}
