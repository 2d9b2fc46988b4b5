import BattleCore
import Testing

@testable import BattleReport

@Suite("Chart scales, ticks and marks")
struct ChartTests {
    @Test func percentileAxisSpacesTheNinesEvenly() {
        #expect(abs(Scale.nines(90) - 1) < 1e-9)
        #expect(abs(Scale.nines(99) - 2) < 1e-9)
        #expect(abs(Scale.nines(99.9) - 3) < 1e-9)
        #expect(Scale.nines(0) == 0)
        let s = Scale.percentile(nines: 4)
        #expect(abs(s.fraction(99) - 0.5) < 1e-9)
        #expect(Ticks.percentiles(nines: 4).map(\.label) == ["50%", "90%", "99%", "99.9%", "99.99%"])
    }

    @Test func linearTicksAreRoundAndCoverTheData() {
        let t = Ticks.linear(0, 67_600, label: Axes.number)
        #expect(t.ticks.map(\.label) == ["0", "20k", "40k", "60k", "80k"])
        #expect(t.top >= 67_600)
        let small = Ticks.linear(0, 0.045, label: Axes.number)
        #expect(small.ticks.first?.label == "0")
        #expect(small.top >= 0.045)
        #expect(small.ticks.count >= 4 && small.ticks.count <= 7)
    }

    @Test func logTicksEndOnTheNearestRoundValue() {
        let t = Ticks.log(5.9, 1150, label: { Axes.number($0) })
        #expect(t.lo == 5)
        #expect(t.hi == 2000)
        #expect(t.ticks.map(\.label) == ["10", "100", "1k"])
        #expect(t.ticks.allSatisfy { $0.value >= t.lo && $0.value <= t.hi })
        let short = Ticks.log(600, 30_000, label: Axes.latency)
        #expect(short.ticks.map(\.label) == ["500us", "1ms", "2ms", "5ms", "10ms", "20ms", "50ms"])
        #expect(Axes.latency(1000) == "1ms")
        #expect(Axes.latency(2500) == "2.5ms")
        #expect(Axes.latency(500) == "500us")
    }

    @Test func sloThresholdsParse() {
        #expect(SLOThreshold("p99<=10ms")?.percentile == 99)
        #expect(SLOThreshold("p99<=10ms")?.micros == 10_000)
        #expect(SLOThreshold("p99.9 = 2.5ms")?.micros == 2_500)
        #expect(SLOThreshold("p99<1s")?.micros == 1_000_000)
        #expect(SLOThreshold("latency<10ms") == nil)
        #expect(SLOThreshold("p99<=fast") == nil)
    }

    @Test func barChartDrawsOneMarkPerBarWithWhiskersAndTitles() {
        let chart = BarChart(
            id: "t", title: "a <title>",
            groups: [
                BarGroup(
                    label: nil,
                    bars: [
                        Bar(
                            label: "rust", value: 10, color: "#0072B2", valueLabel: "10", tooltip: "rust & co", low: 9,
                            high: 11),
                        Bar(
                            label: "swift †", value: 5, color: "#009E73", valueLabel: "5", tooltip: "swift",
                            hatched: true),
                    ])
            ], axisTitle: "requests per second", tickLabel: Axes.number)
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "class=\"mark bar\"").count - 1 == 2)
        #expect(svg.contains("class=\"axis-title\""))
        #expect(svg.contains("<title>rust &amp; co</title>"))
        #expect(svg.contains("a &lt;title&gt;"))
        #expect(svg.contains("url(#hatch-t-009E73)"))
        #expect(svg.contains("class=\"whisker\""))
    }

    @Test func lineChartBreaksBetweenWindows() {
        let chart = LineChart(
            id: "l", title: "t", x: AxisSpec(scale: .linear(0, 10), ticks: [], title: "x"),
            y: AxisSpec(scale: .linear(0, 1), ticks: [], title: "y"),
            series: [
                LineSeries(
                    name: "a", color: "#000", dash: "",
                    points: [
                        LinePoint(x: 0, y: 0), LinePoint(x: 1, y: 1), LinePoint(x: 5, y: 0, breakBefore: true),
                        LinePoint(x: 6, y: 1),
                    ], dots: false)
            ])
        let svg = chart.svg()
        let d = svg.components(separatedBy: " d=\"")[1].prefix { $0 != "\"" }
        #expect(d.filter { $0 == "M" }.count == 2)
        #expect(d.filter { $0 == "L" }.count == 2)
    }

    @Test func decimationKeepsPeaksAndWindowBreaks() {
        var points = (0..<100).map { LinePoint(x: Double($0), y: Double($0 % 10)) }
        points[0].breakBefore = true
        points[57].y = 99
        let out = ReportCharts.decimate(points, limit: 10)
        #expect(out.count == 10)
        #expect(out.contains { $0.y == 99 })
        #expect(out[0].breakBefore)
    }
}
