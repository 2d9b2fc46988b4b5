import BattleCore

/// Builds every chart of the HTML report from a results file. Each builder
/// returns nil when there is nothing to draw, so a page never shows an empty frame.
struct ReportCharts {
    let model: ReportModel

    init(_ model: ReportModel) { self.model = model }

    var results: RunResults { model.results }

    func color(_ c: ContenderResult) -> String { Palette.color(model.colorIndex(c)) }
    func dash(_ c: ContenderResult) -> String { Palette.dash(model.colorIndex(c)) }

    // MARK: throughput

    /// req/s per contender at its best level, whiskers min..max over trials.
    func throughput(_ test: SuiteTest) -> ChartFigure? {
        let entries = model.entries(test).sorted { model.colorIndex($0.contender) < model.colorIndex($1.contender) }
        guard !entries.isEmpty else { return nil }
        let bars = entries.map { e -> Bar in
            let s = e.summary.requestsPerSecond
            return Bar(
                label: e.contender.label, value: s.median, color: color(e.contender),
                valueLabel: "\(Figures.rps(s.median)) (\(e.level.label))",
                tooltip:
                    "\(e.contender.name) · \(test.rawValue) \(e.level.label): \(Figures.grouped(s.median)) req/s, median of \(s.count) trials (min \(Figures.grouped(s.min)), max \(Figures.grouped(s.max)))",
                low: s.min, high: s.max, hatched: e.stripped)
        }
        let chart = BarChart(
            id: "chart-rps-\(test.rawValue)", title: "\(test.rawValue): requests per second",
            groups: [BarGroup(label: nil, bars: bars)], axisTitle: "requests per second (median of trials)",
            tickLabel: Axes.number)
        return ChartFigure(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption:
                "Each contender at its best level (label in brackets). Bars: median over trials; whiskers: min..max."
                + notShown(test))
    }

    // MARK: latency spectrum

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

    func spectrum(_ test: SuiteTest) -> ChartFigure? {
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
                            "\(c.name) · \(test.rawValue) \(label) · p\(Axes.trim(Format.fixed($0.percentile, 3))): \(Figures.micros($0.micros))"
                    )
                })
        }
        let chart = LineChart(
            id: "chart-latency-\(test.rawValue)", title: "\(test.rawValue): latency by percentile at \(label)",
            x: AxisSpec(
                scale: .percentile(nines: nines), ticks: Ticks.percentiles(nines: nines),
                title: "percentile (log scale of 1/(1−p))"),
            y: yAxis, series: series)
        return ChartFigure(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption:
                "Latency at each recorded percentile from 25% (HdrHistogram), median over trials, at the level \(label) that most contenders ran. The x axis spreads the tail: 90%, 99%, 99.9% are equally spaced."
                + notShown(test))
    }

    // MARK: scaling

    enum Sweep { case connections, queries }

    /// req/s against connections (or against queries per request).
    func scaling(_ test: SuiteTest, _ sweep: Sweep) -> ChartFigure? {
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
                        "\(c.name) · \(test.rawValue) \(l.label): \(Figures.grouped(l.summary.requestsPerSecond.median)) req/s"
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
        return ChartFigure(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption: "Median req/s of each level; other parameters held at their most common value.")
    }

    static func mode(_ keys: [String]) -> String {
        var count: [String: Int] = [:]
        for k in keys { count[k, default: 0] += 1 }
        let top = count.values.max() ?? 0
        return keys.first { count[$0] == top } ?? ""
    }

    // MARK: resources over the run

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

    func overTime(_ resource: Resource) -> ChartFigure? {
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
            case .rss: tooltip = "\(c.name): peak RSS \(Figures.bytes(Int(top))) over the measured windows"
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
            return ChartFigure(
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
            return ChartFigure(
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

    // MARK: footprint

    func footprint() -> [ChartFigure] {
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
                value: { $0.startup?.secondsToReady }, label: Figures.seconds),
            Metric(
                id: "idle-rss", title: "Idle memory", axis: "RSS one second after ready (MiB)", divisor: mib,
                value: { $0.startup?.idleRSSBytes.map(Double.init) }, label: { Figures.bytes(Int($0)) }),
            Metric(
                id: "binary", title: "Binary size", axis: "size of the build artifact (MiB)", divisor: mib,
                value: { $0.build?.binaryBytes.map(Double.init) }, label: { Figures.bytes(Int($0)) }),
            Metric(
                id: "build", title: "Clean build time", axis: "wall seconds of a clean release build",
                value: { $0.build?.cleanSeconds }, label: Figures.seconds),
            Metric(
                id: "incremental", title: "Rebuild time", axis: "wall seconds of a build with nothing changed",
                value: { $0.build?.incrementalSeconds },
                label: Figures.seconds),
            Metric(
                id: "loc", title: "Lines of code", axis: "lines of code (blank lines and comments excluded)",
                value: { $0.build?.linesOfCode.map(Double.init) },
                label: { Figures.grouped($0) }),
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
            return ChartFigure(id: chart.id, title: chart.title, svg: chart.svg(), caption: "")
        }
    }

    // MARK: capacity

    func capacity(_ test: SuiteTest) -> [ChartFigure] {
        let found = model.contenders.compactMap { c in c.capacity.first { $0.test == test }.map { (c, $0) } }
        guard !found.isEmpty else { return [] }
        let slo = found[0].1.slo
        let threshold = SLOThreshold(slo)
        let pName = threshold.map { "p" + Axes.trim(Format.fixed($0.percentile, 3)) } ?? "latency"
        var figures: [ChartFigure] = []
        let bars = found.map { c, r in
            Bar(
                label: c.label, value: r.sustainedRate, color: color(c),
                valueLabel: Figures.rps(r.sustainedRate)
                    + (r.latencyMicrosAtRate.map { " (\(pName) \(Figures.micros($0)))" } ?? ""),
                tooltip:
                    "\(c.name) · \(test.rawValue): \(Figures.grouped(r.sustainedRate)) req/s sustained under \(r.slo)"
                    + (r.cpuCoresAtRate.map { ", \(Format.fixed($0, 2)) cores" } ?? "")
                    + (r.peakRSSBytesAtRate.map { ", peak RSS \(Figures.bytes($0))" } ?? ""),
                hatched: c.isStripped)
        }
        let bar = BarChart(
            id: "chart-capacity-\(test.rawValue)", title: "\(test.rawValue): capacity under \(slo)",
            groups: [BarGroup(label: nil, bars: bars)],
            axisTitle: "highest open-loop rate meeting the SLO (requests per second)", tickLabel: Axes.number)
        figures.append(
            ChartFigure(
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
                                "\(c.name) · \(Figures.grouped($0.rate)) req/s offered: \(pName) \(Figures.micros($0.latencyMicros)), errors \(Format.fixed($0.errorRate * 100, 2))% · \($0.met ? "met" : "missed") the SLO"
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
            figures.append(
                ChartFigure(
                    id: chart.id, title: chart.title, svg: chart.svg(),
                    caption: "Every rate the capacity search tried, in rate order; points above the SLO line missed it."
                ))
        }
        return figures
    }

    // MARK: large live heap

    func heap(_ test: SuiteTest) -> [ChartFigure] {
        let pairs = model.heapPairs(test)
        guard !pairs.isEmpty else { return [] }
        let largeMB = Set(pairs.map { $0.large.liveHeapMB ?? 0 })
        let largeName = largeMB.count == 1 ? "\(largeMB.first!) MB live heap" : "large live heap"
        let metrics: [(String, String, KeyPath<LevelSummary, Spread>)] = [
            ("p99", "p99", \.p99Micros), ("p999", "p99.9", \.p999Micros),
        ]
        return metrics.compactMap { id, name, path in
            let groups = pairs.map { pair in
                BarGroup(
                    label: pair.contender.label + " · " + pair.small.label,
                    bars: [pair.small, pair.large].map { level in
                        let s = level.summary[keyPath: path]
                        return Bar(
                            label: level.isLargeHeap ? "\(level.liveHeapMB ?? 0) MB heap" : "default heap",
                            value: s.median,
                            color: level.isLargeHeap ? Palette.contrast : Palette.baseline,
                            valueLabel: Figures.micros(s.median),
                            tooltip:
                                "\(pair.contender.name) · \(test.rawValue) \(level.label): \(name) \(Figures.micros(s.median)), median of \(s.count) trials (min \(Figures.micros(s.min)), max \(Figures.micros(s.max)))",
                            low: s.min, high: s.max)
                    })
            }
            let top = groups.flatMap(\.bars).map { max($0.value, $0.high ?? 0) }.max() ?? 1
            let unit = LatencyUnit(maxMicros: top)
            let chart = BarChart(
                id: "chart-heap-\(id)-\(test.rawValue)",
                title: "\(test.rawValue): \(name) latency, default heap vs \(largeName)", groups: groups,
                axisTitle: "\(name) latency (\(unit.name))", tickLabel: unit.label,
                legend: [
                    LegendItem(name: "default heap", color: Palette.baseline),
                    LegendItem(name: largeName, color: Palette.contrast),
                ])
            return ChartFigure(
                id: chart.id, title: chart.title, svg: chart.svg(),
                caption:
                    "The same level with the contender holding a large resident catalog (BATTLE_LIVE_HEAP_MB): garbage collection and reference counting show in the tail. Whiskers: min..max over trials."
            )
        }
    }

    // MARK: helpers

    /// ` Not shown: go (crashed).` for contenders without figures for `test`.
    func notShown(_ test: SuiteTest) -> String {
        let missing = model.missing(test)
        guard !missing.isEmpty else { return "" }
        return " Not shown: "
            + missing.map { "\($0.name) (\($0.status == .ok ? "not measured" : $0.statusLine))" }.joined(
                separator: ", ") + "."
    }
}
