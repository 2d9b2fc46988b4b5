/// An axis as a chart draws it: scale, ticks and a title with its unit.
struct AxisSpec {
    var scale: Scale
    var ticks: [Tick]
    var title: String
}

struct LinePoint {
    var x: Double
    var y: Double
    var tooltip: String?
    /// Starts a new segment (the line is not drawn from the previous point).
    var breakBefore = false
}

struct LineSeries {
    var name: String
    var color: String
    var dash: String
    var points: [LinePoint]
    /// Draw a dot with a tooltip at every point (off for dense time series).
    var dots = true
    /// A tooltip for the whole line, for dense series without dots.
    var tooltip: String?
}

/// A horizontal threshold, e.g. an SLO.
struct ReferenceLine {
    var y: Double
    var label: String
}

/// A labelled span of the x axis, e.g. the windows of one test in a timeline.
struct Band {
    var from: Double
    var to: Double
    var label: String
}

/// Lines over shared axes: percentile spectra, req/s against concurrency,
/// memory and CPU over time, capacity steps.
struct LineChart {
    var id: String
    var title: String
    var x: AxisSpec
    var y: AxisSpec
    var series: [LineSeries]
    var references: [ReferenceLine] = []
    var bands: [Band] = []
    var width = 640.0
    var plotHeight = 260.0

    var markCount: Int { series.reduce(0) { $0 + ($1.points.isEmpty ? 0 : 1) } }

    func svg() -> String {
        var w = SVGWriter()
        let legendItems = series.map { LegendItem(name: $0.name, color: $0.color, dash: $0.dash) }
        var legendBuffer = SVGWriter()
        let legendHeight = Legend.draw(legendItems, x: 70, y: 16, maxWidth: width - 100, into: &legendBuffer)
        let bandSpace = bands.isEmpty ? 0.0 : 16
        let area = PlotArea(left: 70, top: 12 + legendHeight + bandSpace, width: width - 110, height: plotHeight)
        let height = area.bottom + 50
        w.openChart("line-chart", id: id, width: width, height: height, title: title)
        w.raw(legendBuffer.out)

        // Bands behind everything else.
        if !bands.isEmpty {
            w.open("g", "class=\"bands\"")
            for (i, b) in bands.enumerated() {
                let x1 = area.x(x.scale.fraction(b.from))
                let x2 = area.x(x.scale.fraction(b.to))
                if i % 2 == 0 {
                    w.shape(
                        "rect",
                        "x=\"\(SVGWriter.n(x1))\" y=\"\(SVGWriter.n(area.top))\" width=\"\(SVGWriter.n(max(x2 - x1, 0)))\" height=\"\(SVGWriter.n(area.height))\" class=\"band\"",
                        tooltip: nil)
                }
                w.text((x1 + x2) / 2, area.top - 4, b.label, cls: "band-label", anchor: "middle")
            }
            w.close("g")
        }

        drawAxes(&w, area)

        // Reference lines (SLO thresholds).
        for r in references {
            let py = area.y(y.scale.fraction(r.y))
            w.line(area.left, py, area.right, py, cls: "ref")
            w.text(area.right - 4, py - 4, r.label, cls: "ref-label", anchor: "end")
        }

        w.open("g", "class=\"series\"")
        for s in series where !s.points.isEmpty {
            var d = ""
            for (i, p) in s.points.enumerated() {
                let px = area.x(x.scale.fraction(p.x))
                let py = area.y(y.scale.fraction(p.y))
                d += (i == 0 || p.breakBefore ? "M" : "L") + SVGWriter.n(px) + " " + SVGWriter.n(py)
            }
            let dash = s.dash.isEmpty ? "" : " stroke-dasharray=\"\(s.dash)\""
            w.shape("path", "d=\"\(d)\" class=\"mark line\" stroke=\"\(s.color)\"\(dash)", tooltip: s.tooltip ?? s.name)
            if s.dots {
                for p in s.points {
                    let px = area.x(x.scale.fraction(p.x))
                    let py = area.y(y.scale.fraction(p.y))
                    w.shape(
                        "circle",
                        "cx=\"\(SVGWriter.n(px))\" cy=\"\(SVGWriter.n(py))\" r=\"3.5\" class=\"mark dot\" fill=\"\(s.color)\"",
                        tooltip: p.tooltip)
                }
            }
        }
        w.close("g")
        w.close("svg")
        return w.out
    }

    private func drawAxes(_ w: inout SVGWriter, _ area: PlotArea) {
        w.open("g", "class=\"axis y-axis\"")
        for t in y.ticks {
            let py = area.y(y.scale.fraction(t.value))
            w.line(area.left, py, area.right, py, cls: "grid")
            w.text(area.left - 6, py + 4, t.label, cls: "tick-label", anchor: "end")
        }
        w.line(area.left, area.top, area.left, area.bottom, cls: "axis-line")
        w.text(16, area.top + area.height / 2, y.title, cls: "axis-title", anchor: "middle", rotate: -90)
        w.close("g")

        w.open("g", "class=\"axis x-axis\"")
        w.line(area.left, area.bottom, area.right, area.bottom, cls: "axis-line")
        for t in x.ticks {
            let px = area.x(x.scale.fraction(t.value))
            w.line(px, area.bottom, px, area.bottom + 5, cls: "tick")
            w.text(px, area.bottom + 18, t.label, cls: "tick-label", anchor: "middle")
        }
        w.text(area.left + area.width / 2, area.bottom + 40, x.title, cls: "axis-title", anchor: "middle")
        w.close("g")
    }
}
