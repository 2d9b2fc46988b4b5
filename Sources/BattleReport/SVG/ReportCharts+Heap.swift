import BattleCore

/// The report's large live heap chart.
extension ReportCharts {
    func heap(_ test: SuiteTest) -> [RenderedChart] {
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
                            valueLabel: NumberText.micros(s.median),
                            tooltip:
                                "\(pair.contender.name) · \(test.rawValue) \(level.label): \(name) \(NumberText.micros(s.median)), median of \(s.count) trials (min \(NumberText.micros(s.min)), max \(NumberText.micros(s.max)))",
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
            return RenderedChart(
                id: chart.id, title: chart.title, svg: chart.svg(),
                caption:
                    "The same level with the contender holding a large resident catalog (BATTLE_LIVE_HEAP_MB): garbage collection and reference counting show in the tail. Whiskers: min..max over trials."
            )
        }
    }
}
