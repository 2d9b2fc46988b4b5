import BattleCore

/// The report's capacity chart.
extension ReportCharts {
    func capacity(_ test: SuiteTest) -> [RenderedChart] {
        let found = model.contenders.compactMap { c in c.capacity.first { $0.test == test }.map { (c, $0) } }
        guard !found.isEmpty else { return [] }
        let slo = found[0].1.slo
        let threshold = SLOThreshold(slo)
        let pName = threshold.map { "p" + Axes.trim(Format.fixed($0.percentile, 3)) } ?? "latency"
        var charts: [RenderedChart] = []
        let bars = found.map { c, r in
            Bar(
                label: c.label, value: r.sustainedRate, color: color(c),
                valueLabel: NumberText.rps(r.sustainedRate)
                    + (r.latencyMicrosAtRate.map { " (\(pName) \(NumberText.micros($0)))" } ?? ""),
                tooltip:
                    "\(c.name) · \(test.rawValue): \(NumberText.grouped(r.sustainedRate)) req/s sustained under \(r.slo)"
                    + (r.cpuCoresAtRate.map { ", \(Format.fixed($0, 2)) cores" } ?? "")
                    + (r.peakRSSBytesAtRate.map { ", peak RSS \(NumberText.bytes($0))" } ?? ""),
                hatched: c.isStripped)
        }
        let bar = BarChart(
            id: "chart-capacity-\(test.rawValue)", title: "\(test.rawValue): capacity under \(slo)",
            groups: [BarGroup(label: nil, bars: bars)],
            axisTitle: "highest open-loop rate meeting the SLO (requests per second)", tickLabel: Axes.number)
        charts.append(
            RenderedChart(
                id: bar.id, title: bar.title, svg: bar.svg(),
                caption:
                    "The highest rate each contender sustained while meeting \(slo), found by an open-loop search with latency measured from each request's planned send time."
            ))

        let steps = found.filter { !$0.1.steps.isEmpty }
        if !steps.isEmpty {
            let rates = steps.flatMap { $0.1.steps.map(\.rate) }
            var lats = steps.flatMap { $0.1.steps.map(\.latencyMicros) }
            if let t = threshold { lats.append(t.micros) }
            let lo = max(lats.filter { $0 > 0 }.min() ?? 1, 1)
            let hi = lats.max() ?? 1
            let yt = Ticks.log(lo, hi, label: Axes.latency)
            let xt = Ticks.linear(0, rates.max() ?? 1, label: Axes.number)
            let series = steps.map { c, r in
                LineSeries(
                    name: c.label, color: color(c), dash: dash(c),
                    points: r.steps.sorted { $0.rate < $1.rate }.map {
                        LinePoint(
                            x: $0.rate, y: max($0.latencyMicros, lo),
                            tooltip:
                                "\(c.name) · \(NumberText.grouped($0.rate)) req/s offered: \(pName) \(NumberText.micros($0.latencyMicros)), errors \(Format.fixed($0.errorRate * 100, 2))% · \($0.met ? "met" : "missed") the SLO"
                        )
                    })
            }
            let chart = LineChart(
                id: "chart-capacity-steps-\(test.rawValue)",
                title: "\(test.rawValue): \(pName) latency by offered rate",
                x: AxisSpec(scale: .linear(0, xt.top), ticks: xt.ticks, title: "offered rate (requests per second)"),
                y: AxisSpec(scale: .log(yt.lo, yt.hi), ticks: yt.ticks, title: "\(pName) latency (log scale)"),
                series: series,
                references: threshold.map { [ReferenceLine(y: $0.micros, label: "SLO \(slo)")] } ?? [])
            charts.append(
                RenderedChart(
                    id: chart.id, title: chart.title, svg: chart.svg(),
                    caption: "Every rate the capacity search tried, in rate order; points above the SLO line missed it."
                ))
        }
        return charts
    }
}
