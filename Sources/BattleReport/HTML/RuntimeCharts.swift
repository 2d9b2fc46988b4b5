import BattleCore

/// The "Runtime behaviour" section of report.html: for each runtime level a
/// small multiple, one chart per contender on shared axes, each with the
/// level's latency over time (p50, p99 and max per interval), the pause
/// probe's maximum with its outliers marked, and the server's RSS and CPU
/// on the same time axis below. Pure: model in, HTML out.
enum RuntimeCharts {
    static let p50Color = "#56B4E9"
    static let p99Color = "#0072B2"
    static let maxColor = "#000000"
    static let probeColor = "#CC79A7"
    static let outlierColor = "#D55E00"

    /// The section's HTML, empty when no level has an interval series or a probe.
    static func section(_ model: ReportModel) -> String {
        var html = ""
        for level in model.runtimeLevels {
            let drawn = level.members.filter { m in
                m.shown.map { !($0.load.intervals ?? []).isEmpty || $0.probe != nil } ?? false
            }
            guard !drawn.isEmpty else { continue }
            let axes = SharedAxes(drawn)
            html += "<h3>\(Escape.html(level.title))</h3>\n"
            html += "<div class=\"figures small\">\n"
            for m in drawn {
                guard let trial = m.shown else { continue }
                let id = "runtime-\(level.test.rawValue)-\(slug(level.label))-\(slug(m.contender.name))"
                html += "<figure id=\"fig-\(id)\">\n<h4>\(Escape.html(m.contender.label)), trial \(trial.trial)</h4>\n"
                html += svg(id: id, title: "\(m.contender.name) \(level.title)", trial: trial, axes: axes) + "\n"
                html += "<p class=\"caption\">\(Escape.html(caption(m, trial)))</p>\n</figure>\n"
            }
            html += "</div>\n"
        }
        guard !html.isEmpty else { return "" }
        return
            "<p class=\"caption\">Each chart is one trial (the one with the highest pause-probe maximum), drawn on axes shared by every contender of the level. Latency is per interval of the level's own load (corrected from each planned send in open loop); the pause probe is a second, independent client sending GET /plaintext at a fixed low rate (one connection at open-loop levels; at closed-loop ones as many as the level, and its latency includes the wait behind the level's queue), so its outliers (marked) show the server stalling rather than working. It adds that small load. RSS and CPU are the server's process tree, sampled about 10 times a second, on the same clock.</p>\n"
            + html
    }

    static func caption(_ m: RuntimeMember, _ trial: TrialResult) -> String {
        var parts: [String] = []
        if let p = trial.probe {
            parts.append(
                "pause probe (\(Format.count(p.rate))/s): p99 \(p.latency.p99.map(NumberText.micros) ?? NumberText.none), p99.9 \(p.latency.p999.map(NumberText.micros) ?? NumberText.none), max \(NumberText.micros(p.latency.maxMicros))"
            )
        }
        if let j = IntervalJump.largestP99(trial.load.intervals ?? []) {
            parts.append(
                "largest p99 jump +\(NumberText.micros(j.riseMicros)) at \(Axes.number(j.atSeconds)) s")
        }
        if let s = m.periodicStalls {
            parts.append("periodic stalls about every \(Format.fixed(s.period, 1)) s")
        }
        return parts.joined(separator: "; ")
    }

    static func slug(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// The axes every chart of one level shares, so the small multiples compare at a glance.
    struct SharedAxes {
        var seconds: Double
        var latencyLo: Double
        var latencyHi: Double
        var rssHi: Double
        var cpuHi: Double

        init(_ members: [RuntimeMember]) {
            var end = 1.0
            var lo = Double.infinity
            var hi = 0.0
            var rss = 0.0
            var cpu = 0.0
            for m in members {
                guard let t = m.shown else { continue }
                end = max(end, t.load.durationSeconds)
                for i in t.load.intervals ?? [] where i.requests > 0 {
                    lo = min(lo, i.p50Micros)
                    hi = max(hi, i.maxMicros)
                }
                for i in t.probe?.intervals ?? [] where i.requests > 0 {
                    lo = min(lo, i.p50Micros)
                    hi = max(hi, i.maxMicros)
                }
                for s in RuntimeCharts.samples(t) {
                    rss = max(rss, s.rss)
                    cpu = max(cpu, s.cpu ?? 0)
                }
            }
            seconds = end
            latencyLo = lo.isFinite ? max(lo, 1) : 1
            latencyHi = max(hi, latencyLo * 10)
            rssHi = max(rss, 1)
            cpuHi = max(cpu, 0.1)
        }
    }

    struct Sample {
        var t: Double
        var rss: Double
        /// CPU cores busy since the previous sample.
        var cpu: Double?
    }

    /// The server samples on the load window's clock.
    static func samples(_ t: TrialResult) -> [Sample] {
        guard let u = t.server else { return [] }
        let shift = t.samplesStartSeconds ?? 0
        var out: [Sample] = []
        var previous: ResourceSample?
        for s in u.samples {
            var cpu: Double?
            if let p = previous, s.t > p.t { cpu = max(s.cpuSeconds - p.cpuSeconds, 0) / (s.t - p.t) }
            out.append(Sample(t: s.t + shift, rss: Double(s.rssBytes), cpu: cpu))
            previous = s
        }
        return out
    }

    /// Probe intervals that stand out: the periodic-stall detection's spike rule
    /// (at least 4× the median interval maximum and 1 ms above it).
    static func outliers(_ series: [LoadInterval]) -> [LoadInterval] {
        let answered = series.filter { $0.requests > 0 }
        guard answered.count >= 3 else { return [] }
        let baseline = Statistics.median(answered.map(\.maxMicros))
        let threshold = max(baseline * 4, baseline + 1_000)
        return answered.filter { $0.maxMicros >= threshold }
    }

    static func svg(id: String, title: String, trial: TrialResult, axes: SharedAxes) -> String {
        let width = 520.0
        let left = 62.0
        let plotWidth = width - left - 16
        var w = SVGWriter()
        var legend = SVGWriter()
        let legendHeight = Legend.draw(
            [
                LegendItem(name: "p50", color: p50Color), LegendItem(name: "p99", color: p99Color),
                LegendItem(name: "max", color: maxColor), LegendItem(name: "probe max", color: probeColor, dash: "2 3"),
                LegendItem(name: "probe outlier", color: outlierColor),
            ], x: left, y: 16, maxWidth: plotWidth, into: &legend)
        let latency = PlotArea(left: left, top: 14 + legendHeight, width: plotWidth, height: 150)
        let rss = PlotArea(left: left, top: latency.bottom + 26, width: plotWidth, height: 56)
        let cpu = PlotArea(left: left, top: rss.bottom + 26, width: plotWidth, height: 56)
        let height = cpu.bottom + 44
        w.openChart("runtime-chart", id: id, width: width, height: height, title: title)
        w.raw(legend.out)

        let x = Scale.linear(0, axes.seconds)
        let xTicks = Ticks.linear(0, axes.seconds, count: 6, label: { Axes.number($0) })
        let logTicks = Ticks.log(axes.latencyLo, axes.latencyHi, label: Axes.latency)
        let y = Scale.log(logTicks.lo, logTicks.hi)

        // Latency panel.
        frame(&w, latency, yTicks: logTicks.ticks, y: y, title: "latency", xTicks: xTicks.ticks, x: x, xLabels: false)
        let intervals = (trial.load.intervals ?? []).filter { $0.requests > 0 }
        func mid(_ i: LoadInterval, shift: Double = 0) -> Double { shift + i.startSeconds + i.seconds / 2 }
        for (value, color, name) in [
            (\LoadInterval.p50Micros, p50Color, "p50"), (\LoadInterval.p99Micros, p99Color, "p99"),
            (\LoadInterval.maxMicros, maxColor, "max"),
        ] {
            let points = intervals.map { (mid($0), $0[keyPath: value]) }
            path(&w, latency, x: x, y: y, points: points, color: color, dash: "", tooltip: "\(name) per interval")
        }
        if let probe = trial.probe, let series = probe.intervals {
            let answered = series.filter { $0.requests > 0 }
            path(
                &w, latency, x: x, y: y, points: answered.map { (mid($0, shift: probe.startSeconds), $0.maxMicros) },
                color: probeColor, dash: "2 3", tooltip: "pause probe max per interval")
            for o in outliers(series) {
                let px = latency.x(x.fraction(mid(o, shift: probe.startSeconds)))
                let py = latency.y(y.fraction(o.maxMicros))
                w.shape(
                    "circle",
                    "cx=\"\(SVGWriter.n(px))\" cy=\"\(SVGWriter.n(py))\" r=\"4\" class=\"mark dot\" fill=\"\(outlierColor)\"",
                    tooltip:
                        "pause probe outlier: max \(NumberText.micros(o.maxMicros)) in the interval from \(Axes.number(o.startSeconds + probe.startSeconds)) s"
                )
            }
        }

        // RSS and CPU panels on the same time axis.
        let samples = samples(trial)
        let rssTicks = Ticks.linear(
            0, axes.rssHi / 1_048_576, count: 2, label: { Axes.trim(Format.fixed($0, $0 < 10 ? 1 : 0)) })
        let rssScale = Scale.linear(0, rssTicks.top)
        frame(
            &w, rss, yTicks: rssTicks.ticks, y: rssScale, title: "RSS MiB", xTicks: xTicks.ticks, x: x, xLabels: false)
        path(
            &w, rss, x: x, y: rssScale, points: samples.map { ($0.t, $0.rss / 1_048_576) }, color: p99Color, dash: "",
            tooltip: "server RSS, peak \(NumberText.bytes(Int(samples.map(\.rss).max() ?? 0)))")
        let cpuTicks = Ticks.linear(0, axes.cpuHi, count: 2, label: { Axes.number($0) })
        let cpuScale = Scale.linear(0, cpuTicks.top)
        frame(
            &w, cpu, yTicks: cpuTicks.ticks, y: cpuScale, title: "CPU cores", xTicks: xTicks.ticks, x: x, xLabels: true)
        path(
            &w, cpu, x: x, y: cpuScale, points: samples.compactMap { s in s.cpu.map { (s.t, $0) } }, color: p99Color,
            dash: "", tooltip: "server CPU cores busy")
        w.text(
            left + plotWidth / 2, cpu.bottom + 36, "seconds into the measured window", cls: "axis-title",
            anchor: "middle")
        w.close("svg")
        return w.out
    }

    static func frame(
        _ w: inout SVGWriter, _ area: PlotArea, yTicks: [Tick], y: Scale, title: String, xTicks: [Tick], x: Scale,
        xLabels: Bool
    ) {
        w.open("g", "class=\"axis y-axis\"")
        for t in yTicks {
            let py = area.y(y.fraction(t.value))
            w.line(area.left, py, area.right, py, cls: "grid")
            w.text(area.left - 6, py + 4, t.label, cls: "tick-label", anchor: "end")
        }
        w.line(area.left, area.top, area.left, area.bottom, cls: "axis-line")
        w.text(14, area.top + area.height / 2, title, cls: "axis-title", anchor: "middle", rotate: -90)
        w.close("g")
        w.open("g", "class=\"axis x-axis\"")
        w.line(area.left, area.bottom, area.right, area.bottom, cls: "axis-line")
        for t in xTicks {
            let px = area.x(x.fraction(t.value))
            w.line(px, area.bottom, px, area.bottom + 4, cls: "tick")
            if xLabels { w.text(px, area.bottom + 16, t.label, cls: "tick-label", anchor: "middle") }
        }
        w.close("g")
    }

    static func path(
        _ w: inout SVGWriter, _ area: PlotArea, x: Scale, y: Scale, points: [(Double, Double)], color: String,
        dash: String,
        tooltip: String
    ) {
        guard !points.isEmpty else { return }
        var d = ""
        for (i, p) in points.enumerated() {
            d +=
                (i == 0 ? "M" : "L") + SVGWriter.n(area.x(x.fraction(p.0))) + " " + SVGWriter.n(area.y(y.fraction(p.1)))
        }
        // A single point still draws: a short tick of its own.
        if points.count == 1 { d += "h1" }
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        w.shape("path", "d=\"\(d)\" class=\"mark line\" stroke=\"\(color)\"\(dashAttribute)", tooltip: tooltip)
    }
}
