import BattleCore
import Testing

@testable import BattleReport

/// The report tables, each defined once (Sources/BattleReport/Tables): their
/// columns per format, which cell is best, lower bounds shown as such.
@Suite("Report tables")
struct ReportTableTests {
    func small() throws -> RunResults { try ResultsCoding.readResults(at: Repo.fixture("small.json")) }

    static func titles(_ t: Table, _ format: Table.Formats) -> [String] {
        t.columnIndices(in: format).map { t.columns[$0].title }
    }

    /// Every trial of `name`'s `test` client-bound.
    static func clientBound(_ r: inout RunResults, _ name: String, _ test: SuiteTest) throws {
        let c = try #require(r.contenders.firstIndex { $0.name == name })
        let t = try #require(r.contenders[c].tests.firstIndex { $0.test == test })
        for l in r.contenders[c].tests[t].levels.indices {
            for k in r.contenders[c].tests[t].levels[l].trials.indices {
                r.contenders[c].tests[t].levels[l].trials[k].clientBound = true
            }
            r.contenders[c].tests[t].levels[l].summarize()
        }
    }

    /// An equal-rate level for `name` on json, from its first trial with the given p99 and CPU per request.
    static func equalRate(
        _ r: inout RunResults, _ name: String, p99: Double, cpu: Double, clientBound: Bool = false
    ) throws {
        let i = try #require(r.contenders.firstIndex { $0.name == name })
        let t = try #require(r.contenders[i].tests.firstIndex { $0.test == .json })
        var trial = try #require(r.contenders[i].tests[t].levels.first?.trials.first)
        trial.clientBound = clientBound
        trial.load.latency.percentiles = [
            PercentileValue(percentile: 50, micros: p99 / 4), PercentileValue(percentile: 99, micros: p99),
        ]
        trial.server?.cpuSeconds = cpu * Double(trial.load.successes) / 1e6
        var level = LevelResult(label: "rate=1000/s", connections: 64, rate: 1000, kind: .equalRate, trials: [trial])
        level.summarize()
        r.contenders[i].tests[t].levels.append(level)
    }

    @Test("summary: the terminal leaves out p99.9 and verification, Markdown and HTML show every column")
    func summaryColumns() throws {
        let t = SummaryTable.table(ReportModel(try small()), .json)
        let all = [
            "contender", "level", "req/s", "min..max", "±MAD", "p50", "p99", "p99.9", "CPU/req", "peak RSS", "vs best",
            "verification", "notes",
        ]
        #expect(Self.titles(t, .markdown) == all)
        #expect(Self.titles(t, .html) == all)
        #expect(Self.titles(t, .text) == all.filter { $0 != "p99.9" && $0 != "verification" })
        #expect(t.columns.filter { $0.align == .right }.map(\.title) == Array(all[2...10]))
    }

    @Test("summary: the fastest realistic entry is the best row, and says so")
    func summaryBest() throws {
        let t = SummaryTable.table(ReportModel(try small()), .json)
        #expect(t.rows.map(\.role) == [.best, .plain, .plain])
        #expect(t.rows[0].cells[0].text == "rust")
        #expect(t.rows[0].cells[10] == Table.Cell("best", .good))
        #expect(t.rows[1].cells[0].text == "swift †")  // stripped: faster than go, never the best
        #expect(t.rows[1].cells[10].role == .plain)
        #expect(t.markdown().contains("| **rust** | c=64 | 67.2k |"))
        #expect(t.html().contains("<tr class=\"best\">"))
    }

    @Test("summary: a client-bound figure is a lower bound, not ranked, and shown with ≥ in every format")
    func summaryLowerBound() throws {
        var r = try small()
        try Self.clientBound(&r, "rust", .json)
        let t = SummaryTable.table(ReportModel(r), .json)
        let rust = try #require(t.rows.first { $0.cells[0].text == "rust" })
        #expect(rust.role == .plain)
        #expect(rust.cells[2].role == .lowerBound && rust.cells[2].text == "67.3k")
        #expect(rust.cells[10].text == "not ranked")
        #expect(t.rows.filter { $0.role == .best }.map { $0.cells[0].text } == ["go"])
        #expect(t.rows.last?.cells[0].text == "rust")  // a lower bound is listed last
        #expect(t.text().contains("≥ 67.3k"))
        #expect(t.markdown().contains("| ≥ 67.3k |"))
        #expect(t.html().contains("<td class=\"num warn\" title=\"67,"))
        #expect(t.html().contains(">≥ 67.3k</td>"))
    }

    @Test("summary: a failed verification is the first note in every format, and bad in its own column")
    func summaryFailedVerification() throws {
        var r = try small()
        r.contenders[0].verification?.checks.append(
            CheckResult(test: .json, name: "json-body", outcome: .fail, detail: "body is {}"))
        let t = SummaryTable.table(ReportModel(r), .json)
        let rust = try #require(t.rows.first { $0.cells[0].text == "rust" })
        #expect(rust.cells[11] == Table.Cell("FAILED 1 check", .bad))
        #expect(rust.cells[12].notes?.first == Table.Cell.Note("verification FAILED 1 check", .bad))
        #expect(t.text().contains("verification FAILED 1 check"))
        #expect(t.html().contains("<span class=\"badge bad\">verification FAILED 1 check</span>"))
    }

    @Test("summary: who was not measured, and why")
    func missing() throws {
        var r = try small()
        r.contenders[1].status = .ok
        r.contenders[1].tests.removeAll { $0.test == .fortunes }
        #expect(SummaryTable.missing(ReportModel(r), .fortunes) == ["go (not in its run)"])
        r.contenders[1].status = .crashed
        #expect(SummaryTable.missing(ReportModel(r), .fortunes) == ["go (crashed)"])
        #expect(SummaryTable.missing(ReportModel(r), .json).isEmpty)
    }

    @Test("equal rate: none without equal-rate levels; the terminal leaves out p90 and the uncorrected p99")
    func equalRateColumns() throws {
        var r = try small()
        #expect(EqualRateTable.table(ReportModel(r), .json) == nil)
        try Self.equalRate(&r, "go", p99: 900, cpu: 40)
        let t = try #require(EqualRateTable.table(ReportModel(r), .json))
        let all = [
            "contender", "level", "p50", "p90", "p99", "p99.9", "max", "p99 uncorrected", "CPU/req", "RSS", "notes",
        ]
        #expect(Self.titles(t, .markdown) == all)
        #expect(Self.titles(t, .html) == all)
        #expect(Self.titles(t, .text) == all.filter { $0 != "p90" && $0 != "p99 uncorrected" })
        // One row cannot be the best of anything.
        #expect(t.rows.flatMap(\.cells).allSatisfy { $0.role != .best })
    }

    @Test("equal rate: the lowest p99 and CPU/req among rankable rows are best; a client-bound row never is")
    func equalRateBest() throws {
        var r = try small()
        try Self.equalRate(&r, "rust", p99: 400, cpu: 20, clientBound: true)
        try Self.equalRate(&r, "go", p99: 900, cpu: 40)
        try Self.equalRate(&r, "swift", p99: 700, cpu: 60)
        r.contenders[2].approach = "realistic"
        let t = try #require(EqualRateTable.table(ReportModel(r), .json))
        func row(_ name: String) throws -> Table.Row { try #require(t.rows.first { $0.cells[0].text == name }) }
        let p99 = 4
        let cpu = 8
        #expect(try row("rust").cells[p99].role == .plain)
        #expect(try row("rust").cells[cpu].role == .plain)
        #expect(try row("rust").cells[10].notes?.first?.text == "client-bound in 1/1 trials: not ranked")
        #expect(try row("swift").cells[p99].role == .best)
        #expect(try row("go").cells[cpu].role == .best)
        #expect(try row("go").cells[p99].role == .plain)
        #expect(t.markdown().contains("| **700us** |"))
        #expect(t.textLines(color: true).contains { $0.contains("\u{1B}[32m") })
    }

    @Test("capacity: a sustained rate a client-bound step decided is a lower bound")
    func capacityLowerBound() throws {
        var r = try small()
        let t = try #require(CapacityTable.table(ReportModel(r)))
        #expect(t.rows.count == 3)
        #expect(t.rows.allSatisfy { $0.cells[3].role == .plain })
        for k in r.contenders[0].capacity[0].steps.indices { r.contenders[0].capacity[0].steps[k].clientBound = true }
        let bound = try #require(CapacityTable.table(ReportModel(r)))
        #expect(bound.rows[0].cells[3].role == .lowerBound)
        #expect(bound.markdown().contains("| ≥ 50.0k |"))
        r.contenders = r.contenders.map {
            var c = $0; c.capacity = []; return c
        }
        #expect(CapacityTable.table(ReportModel(r)) == nil)
    }

    @Test("heap and footprint: the columns each format has always had")
    func perFormatColumns() throws {
        let model = ReportModel(try small())
        let heap = try #require(HeapTable.table(model))
        #expect(!Self.titles(heap, .markdown).contains("req/s"))
        #expect(Self.titles(heap, .html).filter { $0 == "req/s" }.count == 2)
        let footprint = try #require(FootprintTable.table(model))
        #expect(Self.titles(footprint, .markdown).suffix(2) == ["dependencies (direct / total)", "toolchain"])
        #expect(Self.titles(footprint, .html).suffix(3) == ["direct deps", "total deps", "counted with"])
    }
}
