import BattleCore

/// The report's latency spectrum chart.
extension ReportCharts {
    /// The level every contender can be compared at: the label measured by the
    /// most contenders, first in plan order on ties (closed loop, default heap).
    func spectrumLevelLabel(_ test: SuiteTest) -> String? {
        var order: [String] = []
        var count: [String: Int] = [:]
        for c in model.contenders {
            for l in c.result(for: test)?.levels ?? [] where !l.trials.isEmpty && !l.isLargeHeap && !l.isOpenLoop {
                if count[l.label] == nil { order.append(l.label) }
                count[l.label, default: 0] += 1
            }
        }
        let top = count.values.max() ?? 0
        return order.first { count[$0] == top }
    }

    func spectrum(_ test: SuiteTest) -> RenderedChart? {
        guard let label = spectrumLevelLabel(test) else { return nil }
        var lines: [(ContenderResult, [PercentileValue])] = []
        for c in model.contenders {
            guard let level = c.result(for: test)?.levels.first(where: { $0.label == label }) else { continue }
            let points = level.medianSpectrum.filter { $0.percentile >= 25 && $0.percentile < 100 && $0.micros > 0 }
            if !points.isEmpty { lines.append((c, points)) }
        }
        guard !lines.isEmpty else { return nil }
        let all = lines.flatMap { $0.1.map(\.micros) }
        let lo = all.min() ?? 1
        let hi = all.max() ?? 1
        let unit = LatencyUnit(maxMicros: hi)
        let maxNines = Scale.nines(lines.flatMap { $0.1.map(\.percentile) }.max() ?? 99.9)
        let nines = max(maxNines, 3)
        let logY = hi / max(lo, 1e-9) > 50
        let yAxis: AxisSpec
        if logY {
            let t = Ticks.log(lo, hi, label: Axes.latency)
            yAxis = AxisSpec(scale: .log(t.lo, t.hi), ticks: t.ticks, title: "latency (log scale)")
        } else {
            let t = Ticks.linear(0, hi, label: unit.label)
            yAxis = AxisSpec(scale: .linear(0, t.top), ticks: t.ticks, title: "latency (\(unit.name))")
        }
        let series = lines.map { c, points in
            LineSeries(
                name: c.label, color: color(c), dash: dash(c),
                points: points.map {
                    LinePoint(
                        x: $0.percentile, y: $0.micros,
                        tooltip:
                            "\(c.name) · \(test.rawValue) \(label) · p\(Axes.trim(Format.fixed($0.percentile, 3))): \(NumberText.micros($0.micros))"
                    )
                })
        }
        let chart = LineChart(
            id: "chart-latency-\(test.rawValue)", title: "\(test.rawValue): latency by percentile at \(label)",
            x: AxisSpec(
                scale: .percentile(nines: nines), ticks: Ticks.percentiles(nines: nines),
                title: "percentile (log scale of 1/(1−p))"),
            y: yAxis, series: series)
        return RenderedChart(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption:
                "Latency at each recorded percentile from 25% (HdrHistogram), median over trials, at the level \(label) that most contenders ran. The x axis spreads the tail: 90%, 99%, 99.9% are equally spaced."
                + notShown(test))
    }
}
