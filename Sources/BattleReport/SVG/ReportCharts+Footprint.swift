import BattleCore

/// The report's footprint charts.
extension ReportCharts {
    func footprint() -> [RenderedChart] {
        /// A figure per contender, drawn in `divisor` units (bytes as MiB) so ticks are round.
        struct Metric {
            var id: String
            var title: String
            var axis: String
            var divisor = 1.0
            var value: (ContenderResult) -> Double?
            var label: (Double) -> String
        }
        let mib = 1_048_576.0
        let metrics = [
            Metric(
                id: "startup", title: "Startup time", axis: "seconds from spawn to the first 200",
                value: { $0.startup?.secondsToReady }, label: NumberText.seconds),
            Metric(
                id: "idle-rss", title: "Idle memory", axis: "RSS one second after ready (MiB)", divisor: mib,
                value: { $0.startup?.idleRSSBytes.map(Double.init) }, label: { NumberText.bytes(Int($0)) }),
            Metric(
                id: "binary", title: "Binary size", axis: "size of the build artifact (MiB)", divisor: mib,
                value: { $0.build?.binaryBytes.map(Double.init) }, label: { NumberText.bytes(Int($0)) }),
            Metric(
                id: "build", title: "Clean build time", axis: "wall seconds of a clean release build",
                value: { $0.build?.cleanSeconds }, label: NumberText.seconds),
            Metric(
                id: "incremental", title: "Rebuild time", axis: "wall seconds of a build with nothing changed",
                value: { $0.build?.incrementalSeconds },
                label: NumberText.seconds),
            Metric(
                id: "loc", title: "Lines of code", axis: "lines of code (blank lines and comments excluded)",
                value: { $0.build?.linesOfCode.map(Double.init) },
                label: { NumberText.grouped($0) }),
        ]
        return metrics.compactMap { m in
            let bars = model.contenders.compactMap { c -> Bar? in
                guard let v = m.value(c) else { return nil }
                return Bar(
                    label: c.label, value: v / m.divisor, color: color(c), valueLabel: m.label(v),
                    tooltip: "\(c.name) · \(m.title.lowercased()): \(m.label(v))",
                    hatched: c.isStripped)
            }
            guard !bars.isEmpty else { return nil }
            let chart = BarChart(
                id: "chart-\(m.id)", title: m.title, groups: [BarGroup(label: nil, bars: bars)], axisTitle: m.axis,
                tickLabel: Axes.number, width: 420)
            return RenderedChart(id: chart.id, title: chart.title, svg: chart.svg(), caption: "")
        }
    }
}
