import BattleCore

/// Builds every chart of the HTML report from a results file. Each builder
/// returns nil when there is nothing to draw, so a page never shows an empty frame.
struct ReportCharts {
    let model: ReportModel

    init(_ model: ReportModel) { self.model = model }

    var results: RunResults { model.results }

    func color(_ c: ContenderResult) -> String { Palette.color(model.colorIndex(c)) }
    func dash(_ c: ContenderResult) -> String { Palette.dash(model.colorIndex(c)) }

    /// ` Not shown: go (crashed).` for contenders without figures for `test`.
    func notShown(_ test: SuiteTest) -> String {
        let missing = model.missing(test)
        guard !missing.isEmpty else { return "" }
        return " Not shown: "
            + missing.map { "\($0.name) (\($0.status == .ok ? "not measured" : $0.statusLine))" }.joined(
                separator: ", ") + "."
    }
}
