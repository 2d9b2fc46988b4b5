import BattleCore

/// The language-and-stack comparison at a glance: for each test, the largest
/// spread between the stacks of one language next to the gap between the
/// two leading languages' best stacks, both as factors, with their 95%
/// intervals as whiskers. A longer first bar: the framework matters more.
enum StackChart {
    static func figure(_ comparison: StackComparison) -> ChartFigure? {
        var groups: [BarGroup] = []
        for t in comparison.tests {
            var bars: [Bar] = []
            if let w = t.widest, let s = w.spread, let best = w.best, let worst = w.worst {
                bars.append(
                    Bar(
                        label: "inside \(w.language)", value: s, color: Palette.baseline,
                        valueLabel: StackComparison.factor(s),
                        tooltip:
                            "\(t.test.rawValue): \(best.displayName) \(Figures.grouped(best.rps)) req/s ÷ \(worst.displayName) \(Figures.grouped(worst.rps)) req/s = \(StackComparison.factor(s))\(StackComparison.interval(w.spreadInterval))",
                        low: w.spreadInterval?.low, high: w.spreadInterval?.high))
            }
            if let g = t.gap, let a = t.leader, let b = t.runnerUp, let ab = a.best, let bb = b.best {
                bars.append(
                    Bar(
                        label: "\(a.language) vs \(b.language)", value: g, color: Palette.contrast,
                        valueLabel: StackComparison.factor(g),
                        tooltip:
                            "\(t.test.rawValue): \(ab.displayName) \(Figures.grouped(ab.rps)) req/s ÷ \(bb.displayName) \(Figures.grouped(bb.rps)) req/s = \(StackComparison.factor(g))\(StackComparison.interval(t.gapInterval))",
                        low: t.gapInterval?.low, high: t.gapInterval?.high))
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
        return ChartFigure(
            id: chart.id, title: chart.title, svg: chart.svg(),
            caption:
                "Per test: when the first bar is longer, the choice of framework moved throughput more than the choice of language. Whiskers: 95% intervals over bootstrap resamples. "
                + StackComparison.method)
    }
}
