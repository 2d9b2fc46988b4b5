import BattleCore

/// The report's resources over the run charts.
extension ReportCharts {
    struct Slot {
        var test: SuiteTest
        var label: String
        var trial: Int
        var start: Double
        var length: Double
    }

    /// Every measured window of the run laid end to end, in plan order, so
    /// that contenders line up window by window.
    func timeline() -> [Slot] {
        var slots: [Slot] = []
        var start = 0.0
        for test in model.measuredTests {
            var labels: [String] = []
            for c in model.contenders {
                for l in c.result(for: test)?.levels ?? [] where !labels.contains(l.label) && !l.trials.isEmpty {
                    labels.append(l.label)
                }
            }
            for label in labels {
                let trials = model.contenders.compactMap { $0.result(for: test)?.levels.first { $0.label == label } }
                    .flatMap(\.trials)
                for n in Set(trials.map(\.trial)).sorted() {
                    let windows = trials.filter { $0.trial == n }
                    let length =
                        windows.map { max($0.server?.samples.last?.t ?? 0, $0.load.durationSeconds) }.max() ?? 0
                    let slotLength = length > 0 ? length : max(results.plan.levelSeconds, 1)
                    slots.append(Slot(test: test, label: label, trial: n, start: start, length: slotLength))
                    start += slotLength
                }
            }
        }
        return slots
    }

    enum Resource { case rss, cpu }

    func overTime(_ resource: Resource) -> RenderedChart? {
        let slots = timeline()
        guard let end = slots.last.map({ $0.start + $0.length }), end > 0 else { return nil }
        var series: [LineSeries] = []
        var peak = 0.0
        for c in model.contenders {
            var points: [LinePoint] = []
            var summaryValues: [Double] = []
            for slot in slots {
                guard
                    let trial = c.result(for: slot.test)?.levels.first(where: { $0.label == slot.label })?.trials.first(
                        where: { $0.trial == slot.trial }),
                    let usage = trial.server, !usage.samples.isEmpty
                else { continue }
                var window: [LinePoint] = []
                switch resource {
                case .rss:
                    for s in usage.samples {
                        window.append(LinePoint(x: slot.start + min(s.t, slot.length), y: Double(s.rssBytes)))
                    }
                case .cpu:
                    for (a, b) in zip(usage.samples, usage.samples.dropFirst()) where b.t > a.t {
                        window.append(
                            LinePoint(
                                x: slot.start + min(b.t, slot.length),
                                y: max(b.cpuSeconds - a.cpuSeconds, 0) / (b.t - a.t)))
                    }
                }
                guard !window.isEmpty else { continue }
                window[0].breakBefore = true
                summaryValues += window.map(\.y)
                points += Self.decimate(window, limit: max(2000 / max(slots.count, 1), 8))
            }
            guard !points.isEmpty else { continue }
            let top = summaryValues.max() ?? 0
            peak = max(peak, top)
            let tooltip: String
            switch resource {
            case .rss: tooltip = "\(c.name): peak RSS \(NumberText.bytes(Int(top))) over the measured windows"
            case .cpu:
                tooltip =
                    "\(c.name): median \(Format.fixed(Statistics.median(summaryValues), 2)) CPU cores busy, highest \(Format.fixed(top, 2))"
            }
            series.append(
                LineSeries(name: c.label, color: color(c), dash: dash(c), points: points, dots: false, tooltip: tooltip)
            )
        }
        guard !series.isEmpty else { return nil }
        let xt = Ticks.linear(0, end, count: 8, label: { Axes.number($0) })
        var bands: [Band] = []
        for test in model.measuredTests {
            let mine = slots.filter { $0.test == test }
            if let first = mine.first, let last = mine.last {
                bands.append(Band(from: first.start, to: last.start + last.length, label: test.rawValue))
            }
        }
        let x = AxisSpec(
            scale: .linear(0, end), ticks: xt.ticks.filter { $0.value <= end },
            title: "measured time (s), windows laid end to end")
        switch resource {
        case .rss:
            let mib = 1_048_576.0
            let scaled = series.map { s in
                var s = s
                s.points = s.points.map {
                    LinePoint(x: $0.x, y: $0.y / mib, tooltip: $0.tooltip, breakBefore: $0.breakBefore)
                }
                return s
            }
            let values = scaled.flatMap { $0.points.map(\.y) }.filter { $0 > 0 }
            let lo = values.min() ?? 1
            let hi = values.max() ?? 1
            let y: AxisSpec
            if hi / lo > 20 {
                let t = Ticks.log(lo, hi, label: { Axes.number($0) + " MiB" })
                y = AxisSpec(scale: .log(t.lo, t.hi), ticks: t.ticks, title: "RSS (log scale)")
            } else {
                let t = Ticks.linear(0, hi, label: Axes.number)
                y = AxisSpec(scale: .linear(0, t.top), ticks: t.ticks, title: "RSS (MiB)")
            }
            let chart = LineChart(
                id: "chart-rss", title: "Server memory (RSS) over the run", x: x, y: y, series: scaled, bands: bands)
            return RenderedChart(
                id: chart.id, title: chart.title, svg: chart.svg(),
                caption:
                    "Resident memory of the server's process tree, sampled about 10 times a second from /proc during each measured window (warmup excluded), windows in plan order."
                    + (hi / lo > 20 ? " Log scale: large-heap levels would flatten the others." : ""))
        case .cpu:
            let yt = Ticks.linear(0, max(peak, 1), label: Axes.number)
            let chart = LineChart(
                id: "chart-cpu", title: "Server CPU over the run", x: x,
                y: AxisSpec(scale: .linear(0, yt.top), ticks: yt.ticks, title: "CPU cores busy"), series: series,
                bands: bands)
            return RenderedChart(
                id: chart.id, title: chart.title, svg: chart.svg(),
                caption:
                    "CPU time (user + system) of the server's process tree per wall second between samples; 1.0 = one core fully busy."
            )
        }
    }

    /// At most about `limit` points per window: the highest point of each bucket, so peaks stay visible.
    static func decimate(_ points: [LinePoint], limit: Int) -> [LinePoint] {
        guard points.count > limit, limit > 0 else { return points }
        let stride = (points.count + limit - 1) / limit
        var out: [LinePoint] = []
        var i = 0
        while i < points.count {
            let bucket = points[i..<min(i + stride, points.count)]
            var p = bucket.max { $0.y < $1.y }!
            p.breakBefore = bucket.contains { $0.breakBefore }
            out.append(p)
            i += stride
        }
        return out
    }
}
