struct Bar {
    /// The category, written left of the bar (a contender, a heap size).
    var label: String
    var value: Double
    var color: String
    /// The value written at the bar's end.
    var valueLabel: String
    var tooltip: String
    /// Min and max over trials, drawn as a whisker.
    var low: Double? = nil
    var high: Double? = nil
    /// Drawn hatched (stripped entries).
    var hatched = false
}

struct BarGroup {
    /// Written above the group's bars; nil for a single ungrouped list.
    var label: String?
    var bars: [Bar]
}

/// Horizontal bars from zero, one row per bar, optional groups: req/s per
/// contender, footprint figures, capacity, small versus large heap.
struct BarChart {
    var id: String
    var title: String
    var groups: [BarGroup]
    /// The value axis title with its unit.
    var axisTitle: String
    var tickLabel: (Double) -> String
    var legend: [LegendItem] = []
    var width = 600.0

    var markCount: Int { groups.reduce(0) { $0 + $1.bars.count } }

    func svg() -> String {
        let rowHeight = 24.0
        let labels = groups.flatMap { g in g.bars.map(\.label) + (g.label.map { [$0] } ?? []) }
        let left = min(max(Double(labels.map(\.count).max() ?? 4) * 7.2 + 18, 70), 240)
        var legendBuffer = SVGWriter()
        let legendHeight = Legend.draw(legend, x: left, y: 16, maxWidth: width - left - 20, into: &legendBuffer)
        let rows = groups.reduce(0.0) { $0 + Double($1.bars.count) + ($1.label == nil ? 0 : 1) }
        let longestValue = groups.flatMap(\.bars).map(\.valueLabel.count).max() ?? 0
        let right = min(max(Double(longestValue) * 6.4 + 14, 40), width / 3)
        let area = PlotArea(
            left: left, top: 10 + legendHeight, width: width - left - right, height: rows * rowHeight + 6)
        let height = area.bottom + 46
        let top = groups.flatMap(\.bars).map { max($0.value, $0.high ?? 0) }.max() ?? 0
        let (ticks, axisTop) = Ticks.linear(0, top > 0 ? top : 1, count: 5, label: tickLabel)
        let scale = Scale.linear(0, axisTop)

        var w = SVGWriter()
        w.openChart("bar-chart", id: id, width: width, height: height, title: title)
        w.raw(legendBuffer.out)

        w.open("g", "class=\"axis x-axis\"")
        for t in ticks {
            let px = area.x(scale.fraction(t.value))
            w.line(px, area.top, px, area.bottom, cls: "grid")
            w.text(px, area.bottom + 16, t.label, cls: "tick-label", anchor: "middle")
        }
        w.line(area.left, area.bottom, area.right, area.bottom, cls: "axis-line")
        w.text(area.left + area.width / 2, area.bottom + 38, axisTitle, cls: "axis-title", anchor: "middle")
        w.close("g")

        w.open("g", "class=\"bars\"")
        var y = area.top + 3
        for g in groups {
            if let label = g.label {
                w.text(8, y + rowHeight * 0.68, label, cls: "group-label")
                y += rowHeight
            }
            for b in g.bars {
                let x1 = area.x(scale.fraction(b.value))
                let barY = y + 4
                let barH = rowHeight - 8
                w.text(area.left - 6, y + rowHeight * 0.68, b.label, cls: "category-label", anchor: "end")
                let fill = b.hatched ? "url(#\(hatchID(b.color)))\" stroke=\"\(b.color)" : b.color
                w.shape(
                    "rect",
                    "x=\"\(SVGWriter.n(area.left))\" y=\"\(SVGWriter.n(barY))\" width=\"\(SVGWriter.n(max(x1 - area.left, 1)))\" height=\"\(SVGWriter.n(barH))\" class=\"mark bar\" fill=\"\(fill)\"",
                    tooltip: b.tooltip)
                var labelX = x1
                if let lo = b.low, let hi = b.high, hi > lo {
                    let wx1 = area.x(scale.fraction(lo))
                    let wx2 = area.x(scale.fraction(hi))
                    let cy = barY + barH / 2
                    w.line(wx1, cy, wx2, cy, cls: "whisker")
                    w.line(wx1, cy - 4, wx1, cy + 4, cls: "whisker")
                    w.line(wx2, cy - 4, wx2, cy + 4, cls: "whisker")
                    labelX = max(labelX, wx2)
                }
                w.text(labelX + 5, y + rowHeight * 0.68, b.valueLabel, cls: "value-label")
                y += rowHeight
            }
        }
        w.close("g")
        let hatchedColors = groups.flatMap(\.bars).filter(\.hatched).map(\.color)
        if !hatchedColors.isEmpty {
            w.open("defs")
            for color in Set(hatchedColors).sorted() {
                w.raw(
                    "<pattern id=\"\(hatchID(color))\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(color)\" stroke-width=\"3\"/></pattern>"
                )
            }
            w.close("defs")
        }
        w.close("svg")
        return w.out
    }

    private func hatchID(_ color: String) -> String { "hatch-\(id)-" + color.filter { $0 != "#" } }
}
