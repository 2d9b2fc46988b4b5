import BattleCore

/// The cells several report tables share: a contender's name (with its
/// colour swatch and stripped badge in HTML) and a latency figure (the
/// median over trials, with its range on hover).
enum ReportCells {
    /// `swift †`; in HTML the swatch, the name and the stripped badge.
    static func contender(_ c: ContenderResult, _ model: ReportModel) -> Table.Cell {
        var cell = Table.Cell(c.label)
        cell.markup = contenderMarkup(c, model)
        return cell
    }

    static func contenderMarkup(_ c: ContenderResult, _ model: ReportModel) -> String {
        var s =
            "<span class=\"swatch\" style=\"background:\(Palette.color(model.colorIndex(c)))\"></span>\(Escape.html(c.name))"
        if c.isStripped {
            s +=
                "<span class=\"badge stripped\" title=\"stripped entry (docs/SUITE.md §5): never the best\">† stripped</span>"
        }
        return s
    }

    /// The median over trials, `–` when no trial measured it.
    static func latency(_ s: Spread, _ role: Table.Role = .plain) -> Table.Cell {
        guard s.count > 0 else { return .init(NumberText.none) }
        return .init(
            NumberText.micros(s.median), role,
            tooltip: "median of \(s.count) trials; min \(NumberText.micros(s.min)), max \(NumberText.micros(s.max))")
    }

    /// A latency that may not have been recorded at all (older results files).
    static func latency(_ s: Spread?) -> Table.Cell { s.map { latency($0) } ?? .init(NumberText.none) }

    /// CPU time per successful request, with requests per CPU-second on hover.
    static func cpuPerRequest(_ s: LevelSummary, _ role: Table.Role = .plain) -> Table.Cell {
        .init(
            NumberText.cpuPerRequest(s.cpuMicrosPerRequest), role,
            tooltip: s.requestsPerCPUSecond.map { "\(NumberText.grouped($0)) requests per CPU-second" })
    }

    static func bytes(_ b: Int?) -> Table.Cell { .init(b.map(NumberText.bytes) ?? NumberText.none) }
}
