import BattleCore
import BattleVerdict

/// The language-and-stack comparison at a glance: for each test, the largest
/// spread between the stacks of one language next to the gap between the
/// two leading languages' best stacks, both as factors, with their 95%
/// intervals as whiskers. A longer first bar: the framework matters more.
enum StackChart {
    static func chart(_ comparison: StackComparison) -> RenderedChart? {
        var groups: [BarGroup] = []
        for t in comparison.tests {
            var bars: [Bar] = []
            /// One ratio `top ÷ bottom` as a bar with its interval as whiskers.
            func ratio(
                _ label: String, _ value: Double, _ color: String, _ top: StackComparison.Stack,
                _ bottom: StackComparison.Stack, _ interval: Interval?
            ) -> Bar {
                Bar(
                    label: label, value: value, color: color, valueLabel: StackComparison.factor(value),
                    tooltip:
                        "\(t.test.rawValue): \(top.displayName) \(NumberText.grouped(top.rps)) req/s ÷ \(bottom.displayName) \(NumberText.grouped(bottom.rps)) req/s = \(StackComparison.factor(value))\(StackComparison.interval(interval))",
                    low: interval?.low, high: interval?.high)
            }
            if let w = t.widest, let s = w.spread, let best = w.best, let worst = w.worst {
                bars.append(ratio("inside \(w.language)", s, Palette.baseline, best, worst, w.spreadInterval))
            }
            if let g = t.gap, let a = t.leader, let b = t.runnerUp, let ab = a.best, let bb = b.best {
                bars.append(ratio("\(a.language) vs \(b.language)", g, Palette.contrast, ab, bb, t.gapInterval))
            }
            if !bars.isEmpty { groups.append(BarGroup(label: t.test.rawValue, bars: bars)) }
        }
        // Without a language of several ranked stacks the chart would only repeat the gap.
        guard groups.contains(where: { $0.bars.contains { $0.color == Palette.baseline } }) else { return nil }
        let chart = BarChart(
            id: "chart-stacks", title: "Framework spread inside a language vs the gap between languages",
            groups: groups, axisTitle: "factor (best ÷ worst stack; best ÷ best language)",
            tickLabel: { Format.fixed($0, 1) + "×" },
            legend: [
                LegendItem(name: "largest spread between one language's stacks", color: Palette.baseline),
                LegendItem(name: "leading language's best ÷ the next language's best", color: Palette.contrast),
            ])
        return RenderedChart(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption:
                "Per test: when the first bar is longer, the choice of framework moved throughput more than the choice of language. Whiskers: 95% intervals over bootstrap resamples. "
                + StackComparison.method)
    }
}
