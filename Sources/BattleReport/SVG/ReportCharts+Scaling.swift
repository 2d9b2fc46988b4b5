import BattleCore

/// The report's scaling chart.
extension ReportCharts {
    enum Sweep { case connections, queries }

    /// req/s against connections (or against queries per request).
    func scaling(_ test: SuiteTest, _ sweep: Sweep) -> RenderedChart? {
        var series: [LineSeries] = []
        var xs: Set<Double> = []
        for c in model.contenders {
            let levels = (c.result(for: test)?.levels ?? []).filter {
                !$0.trials.isEmpty && !$0.isLargeHeap && !$0.isOpenLoop
            }
            guard !levels.isEmpty else { continue }
            // Hold the other parameters at their most common value.
            let picked: [(Double, LevelResult)]
            switch sweep {
            case .connections:
                let key = Self.mode(levels.map { "\($0.pipeline)/\($0.queries ?? 0)" })
                picked = levels.filter { "\($0.pipeline)/\($0.queries ?? 0)" == key }.map {
                    (Double($0.connections), $0)
                }
            case .queries:
                let withQ = levels.filter { $0.queries != nil }
                let key = Self.mode(withQ.map { "\($0.connections)/\($0.pipeline)" })
                picked = withQ.filter { "\($0.connections)/\($0.pipeline)" == key }.map { (Double($0.queries!), $0) }
            }
            let points = picked.sorted { $0.0 < $1.0 }.map { x, l in
                LinePoint(
                    x: x, y: l.summary.requestsPerSecond.median,
                    tooltip:
                        "\(c.name) · \(test.rawValue) \(l.label): \(NumberText.grouped(l.summary.requestsPerSecond.median)) req/s"
                )
            }
            guard Set(points.map(\.x)).count >= 2 else { continue }
            xs.formUnion(points.map(\.x))
            series.append(LineSeries(name: c.label, color: color(c), dash: dash(c), points: points))
        }
        guard !series.isEmpty, let lo = xs.min(), let hi = xs.max(), hi > lo else { return nil }
        let top = series.flatMap { $0.points.map(\.y) }.max() ?? 1
        let yt = Ticks.linear(0, top, label: Axes.number)
        let what = sweep == .connections ? "connections" : "queries per request"
        let chart = LineChart(
            id: "chart-\(sweep == .connections ? "concurrency" : "queries")-\(test.rawValue)",
            title: "\(test.rawValue): requests per second by \(what)",
            x: AxisSpec(
                scale: .log(lo / 1.25, hi * 1.25), ticks: xs.sorted().map { Tick(value: $0, label: Axes.number($0)) },
                title: "\(what) (log scale)"),
            y: AxisSpec(scale: .linear(0, yt.top), ticks: yt.ticks, title: "requests per second"), series: series)
        return RenderedChart(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption: "Median req/s of each level; other parameters held at their most common value.")
    }

    static func mode(_ keys: [String]) -> String {
        var count: [String: Int] = [:]
        for k in keys { count[k, default: 0] += 1 }
        let top = count.values.max() ?? 0
        return keys.first { count[$0] == top } ?? ""
    }
}
