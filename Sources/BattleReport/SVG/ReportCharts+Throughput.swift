import BattleCore

/// The report's throughput chart.
extension ReportCharts {
    /// req/s per contender at its best level, whiskers min..max over trials.
    func throughput(_ test: SuiteTest) -> RenderedChart? {
        let entries = model.entries(test).sorted { model.colorIndex($0.contender) < model.colorIndex($1.contender) }
        guard !entries.isEmpty else { return nil }
        let bars = entries.map { e -> Bar in
            let s = e.summary.requestsPerSecond
            return Bar(
                label: e.contender.label, value: s.median, color: color(e.contender),
                valueLabel: "\(NumberText.rps(s.median)) (\(e.level.label))",
                tooltip:
                    "\(e.contender.name) · \(test.rawValue) \(e.level.label): \(NumberText.grouped(s.median)) req/s, median of \(s.count) trials (min \(NumberText.grouped(s.min)), max \(NumberText.grouped(s.max)))",
                low: s.min, high: s.max, hatched: e.stripped)
        }
        let chart = BarChart(
            id: "chart-rps-\(test.rawValue)", title: "\(test.rawValue): requests per second",
            groups: [BarGroup(label: nil, bars: bars)], axisTitle: "requests per second (median of trials)",
            tickLabel: Axes.number)
        return RenderedChart(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption:
                "Each contender at its best level (label in brackets). Bars: median over trials; whiskers: min..max."
                + notShown(test))
    }
}
