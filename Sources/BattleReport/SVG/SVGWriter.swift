import BattleCore

/// Accumulates SVG markup. Coordinates are written with one decimal so the
/// output is small and byte-stable (golden files).
struct SVGWriter {
    private(set) var out = ""

    static func n(_ v: Double) -> String { Axes.trim(Format.fixed(v, 1)) }

    /// A chart's root: `<svg class="chart KIND">` sized to its view box, titled for screen readers.
    mutating func openChart(_ kind: String, id: String, width: Double, height: Double, title: String) {
        open(
            "svg",
            "class=\"chart \(kind)\" id=\"\(id)\" viewBox=\"0 0 \(SVGWriter.n(width)) \(SVGWriter.n(height))\" role=\"img\" aria-labelledby=\"\(id)-title\" xmlns=\"http://www.w3.org/2000/svg\""
        )
        raw("<title id=\"\(id)-title\">\(Escape.html(title))</title>")
    }

    mutating func raw(_ s: String) { out += s }

    mutating func open(_ tag: String, _ attributes: String = "") {
        out += attributes.isEmpty ? "<\(tag)>" : "<\(tag) \(attributes)>"
    }

    mutating func close(_ tag: String) { out += "</\(tag)>" }

    mutating func text(
        _ x: Double, _ y: Double, _ s: String, cls: String, anchor: String = "start", rotate: Double? = nil,
        extra: String = ""
    ) {
        var a = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" class=\"\(cls)\""
        if anchor != "start" { a += " text-anchor=\"\(anchor)\"" }
        if let rotate { a += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        if !extra.isEmpty { a += " " + extra }
        out += "<text \(a)>\(Escape.html(s))</text>"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String, extra: String = "") {
        out +=
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" class=\"\(cls)\""
        out += extra.isEmpty ? "/>" : " \(extra)/>"
    }

    /// A shape with a hover tooltip (`<title>` child).
    mutating func shape(_ tag: String, _ attributes: String, tooltip: String?) {
        if let tooltip {
            out += "<\(tag) \(attributes)><title>\(Escape.html(tooltip))</title></\(tag)>"
        } else {
            out += "<\(tag) \(attributes)/>"
        }
    }
}

/// The drawing area of a chart inside its SVG canvas.
struct PlotArea {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    func x(_ fraction: Double) -> Double { left + min(max(fraction, 0), 1) * width }
    func y(_ fraction: Double) -> Double { bottom - min(max(fraction, 0), 1) * height }
}

/// A legend entry: a colour swatch (line or box) and a name.
struct LegendItem {
    var name: String
    var color: String
    var dash: String = ""
}

enum Legend {
    /// Draws items left to right from (x, y), wrapping at `maxWidth`; returns the height used.
    @discardableResult
    static func draw(_ items: [LegendItem], x: Double, y: Double, maxWidth: Double, into w: inout SVGWriter) -> Double {
        guard !items.isEmpty else { return 0 }
        w.open("g", "class=\"legend\"")
        var cx = x
        var cy = y
        for item in items {
            let width = 30 + Double(item.name.count) * 7 + 14
            if cx + width > x + maxWidth && cx > x {
                cx = x
                cy += 18
            }
            let dash = item.dash.isEmpty ? "" : " stroke-dasharray=\"\(item.dash)\""
            w.line(cx, cy - 4, cx + 24, cy - 4, cls: "legend-swatch", extra: "stroke=\"\(item.color)\"\(dash)")
            w.text(cx + 30, cy, item.name, cls: "legend-label")
            cx += width
        }
        w.close("g")
        return cy - y + 18
    }
}
