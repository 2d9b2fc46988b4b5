import BattleCore
import Foundation
import Testing

@testable import BattleReport

@Suite("What the reports say")
struct ReportContentTests {
    func small() throws -> RunResults { try ResultsCoding.readResults(at: Repo.fixture("small.json")) }

    @Test func strippedEntriesAreMarkedAndNeverTheBest() throws {
        var r = try small()
        // Make the stripped entry the fastest on json.
        let swift = try #require(r.contenders.firstIndex { $0.approach == "stripped" })
        for l in r.contenders[swift].tests[0].levels.indices {
            for t in r.contenders[swift].tests[0].levels[l].trials.indices {
                r.contenders[swift].tests[0].levels[l].trials[t].load.requestsPerSecond *= 3
            }
            r.contenders[swift].tests[0].levels[l].summarize()
        }
        let entries = ReportModel(r).entries(.json)
        #expect(entries[0].contender.approach == "stripped")
        #expect(!entries[0].isBest)
        #expect((entries[0].factorToBest ?? 0) > 1)
        #expect(entries.filter(\.isBest).map(\.contender.name) == ["rust"])
        #expect(TextReport.render(r).contains("swift †"))
    }

    /// A contender the client could not saturate is a lower bound: shown with
    /// "≥", never the best, never the lead of a finding.
    @Test func clientBoundFiguresAreLowerBoundsAndNeverRanked() throws {
        var r = try small()
        let rust = try #require(r.contenders.firstIndex { $0.name == "rust" })
        let json = try #require(r.contenders[rust].tests.firstIndex { $0.test == .json })
        for l in r.contenders[rust].tests[json].levels.indices {
            for t in r.contenders[rust].tests[json].levels[l].trials.indices {
                r.contenders[rust].tests[json].levels[l].trials[t].clientBound = true
            }
            r.contenders[rust].tests[json].levels[l].summarize()
        }
        let entries = ReportModel(r).entries(.json)
        let bound = try #require(entries.first { $0.contender.name == "rust" })
        #expect(bound.clientBound && !bound.isBest && bound.factorToBest == nil)
        #expect(bound.rpsLabel.hasPrefix("≥ "))
        #expect(bound.factorLabel == "not ranked")
        // The fastest figure is rust's, but the best is the fastest one that is not a lower bound.
        #expect(entries.filter(\.isBest).map(\.contender.name) == ["go"])
        #expect(entries.last?.contender.name == "rust")
        let findings = KeyFindings.lines(ReportModel(r))
        let line = try #require(findings.first { $0.hasPrefix("json:") })
        #expect(line.hasPrefix("json: go leads"), "\(line)")
        #expect(line.contains("rust ≥ 67.3k (client-bound, not ranked)"), "\(line)")
        #expect(findings.contains { $0.contains("client-bound") && $0.contains("rust json c=64") && $0.contains("not ranked") })
        let text = TextReport.render(r)
        #expect(text.contains("≥ 67.3k") && text.contains("not ranked"))
        #expect(MarkdownReport.render(r, verdict: "").contains("| ≥ 67.3k |"))
        #expect(HTMLReport.render(r, verdict: "").contains("≥ 67.3k"))
    }

    /// Equal-rate rows: the best p99 and CPU/req among rankable rows at one rate,
    /// never a client-bound row or one whose schedule was not kept.
    @Test func equalRateRowsRankOnlyWhatReallyGotTheRate() throws {
        var r = try small()
        func equal(_ name: String, p99: Double, cpu: Double, clientBound: Bool = false) throws {
            let i = try #require(r.contenders.firstIndex { $0.name == name })
            let t = try #require(r.contenders[i].tests.firstIndex { $0.test == .json })
            var trial = try #require(r.contenders[i].tests[t].levels.first?.trials.first)
            trial.clientBound = clientBound
            trial.load.latency.percentiles = [PercentileValue(percentile: 50, micros: p99 / 4), PercentileValue(percentile: 99, micros: p99)]
            trial.server?.cpuSeconds = cpu * Double(trial.load.successes) / 1e6
            var level = LevelResult(label: "rate=1000/s", connections: 64, rate: 1000, kind: .equalRate, trials: [trial])
            level.summarize()
            r.contenders[i].tests[t].levels.append(level)
        }
        try equal("rust", p99: 400, cpu: 20, clientBound: true)
        try equal("go", p99: 900, cpu: 40)
        try equal("swift", p99: 700, cpu: 60)
        let model = ReportModel(r)
        let rows = model.equalRateRows(.json)
        #expect(rows.count == 3)
        // rust's figures are lower, but it was client-bound; swift is stripped: go is the only rankable row.
        #expect(model.bestEqualRate(rows) { $0.p99 }.isEmpty)
        r.contenders[2].approach = "realistic"
        let model2 = ReportModel(r)
        let rows2 = model2.equalRateRows(.json)
        #expect(model2.bestEqualRate(rows2) { $0.p99 } == ["swift rate=1000/s"])
        #expect(model2.bestEqualRate(rows2) { $0.summary.cpuMicrosPerRequest } == ["go rate=1000/s"])
        let md = MarkdownReport.render(r, verdict: "")
        #expect(md.contains("At equal rate"))
        #expect(md.contains("client-bound in 1/1 trials: not ranked"))
        #expect(TextReport.render(r).contains("at equal rate"))
    }

    @Test func failedContenderIsShownWithItsReason() throws {
        let r = try small()
        let html = HTMLReport.render(r, verdict: "")
        let md = MarkdownReport.render(r, verdict: "")
        #expect(html.contains("concurrent map read and map write"))
        #expect(html.contains("<h3>go: crashed</h3>"))
        #expect(md.contains("- **go**: crashed: exited unexpectedly with status 2"))
        #expect(TextReport.render(r).contains("go: crashed: exited unexpectedly"))
    }

    @Test func contenderWithoutDataIsListedAsNotMeasuredAndLeftOutOfCharts() throws {
        var r = try small()
        let go = try #require(r.contenders.firstIndex { $0.name == "go" })
        r.contenders[go].status = .startFailed
        r.contenders[go].failure = "did not answer /plaintext within 30 s"
        r.contenders[go].tests = []
        r.contenders[go].capacity = []
        let html = HTMLReport.render(r, verdict: "")
        #expect(html.contains("Not shown: go (failed to start)"))
        #expect(html.contains("Not measured: go (failed to start)"))
        let charts = ReportCharts(ReportModel(r))
        let throughput = try #require(charts.throughput(.json))
        #expect(!throughput.svg.contains(">go<"))
        #expect(TextReport.render(r).contains("not measured: go (failed to start)"))
    }

    @Test func clientBoundAndVerificationWarningsReachTheTables() throws {
        let r = try small()
        let md = MarkdownReport.render(r, verdict: "")
        // rust's json c=256 level was client-bound in 2 of 3 trials: the summary quotes its c=64 level
        // instead, and the findings list it as a lower bound.
        #expect(md.contains("2 trials were client-bound"))
        #expect(md.contains("this level's figures are lower bounds, not ranked: rust json c=256"))
        #expect(ReportModel(r).entries(.json).first { $0.contender.name == "rust" }?.level.label == "c=64")
        #expect(md.contains("passed, 1 warning"))
        var failed = r
        failed.contenders[0].verification?.checks.append(
            CheckResult(test: .json, name: "json-body", outcome: .fail, detail: "body is {}"))
        #expect(MarkdownReport.render(failed, verdict: "").contains("FAILED 1 check"))
        #expect(MarkdownReport.render(failed, verdict: "").contains("failed the check `json-body` (json): body is {}"))
    }

    @Test func nothingMeasuredStillRenders() throws {
        var r = try small()
        for i in r.contenders.indices {
            r.contenders[i].tests = []
            r.contenders[i].capacity = []
        }
        #expect(TextReport.render(r).contains("Nothing was measured."))
        let html = HTMLReport.render(r, verdict: "")
        #expect(!html.contains("<svg class=\"chart line-chart\" id=\"chart-latency"))
        #expect(html.contains("id=\"footprint\""))  // build and startup figures are still there
        #expect(CSVReport.render(r).split(separator: "\n").count == 1)
    }

    @Test func csvHasOneRowPerTrialAndQuotesFields() throws {
        var r = try small()
        let trials = r.contenders.flatMap(\.tests).flatMap(\.levels).reduce(0) { $0 + $1.trials.count }
        let csv = CSVReport.render(r)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == trials + 1)
        #expect(lines[0].split(separator: ",").count == CSVReport.columns.count)
        #expect(
            lines.dropFirst().allSatisfy {
                $0.split(separator: ",", omittingEmptySubsequences: false).count == CSVReport.columns.count
            })
        r.contenders[0].language = "Rust, \"2021\""
        #expect(CSVReport.render(r).contains(",\"Rust, \"\"2021\"\"\","))
    }

    @Test func textReportColoursOnlyWhenAsked() throws {
        let r = try small()
        #expect(!TextReport.render(r, color: false).contains("\u{1B}["))
        #expect(TextReport.render(r, color: true).contains("\u{1B}[1m"))
    }

    @Test func htmlIsSelfContained() throws {
        let html = HTMLReport.render(try small())
        #expect(html.contains("Content-Security-Policy"))
        for external in ["src=\"http", "href=\"http", "<link", "@import", "url(http", "<script src"] {
            #expect(!html.contains(external), "report.html references something outside the page: \(external)")
        }
        #expect(html.components(separatedBy: "<script>").count == 2)  // the one inline self-check
    }

    @Test func writerWritesEveryFileAtomicallyAndNamesUnwritableFolders() throws {
        let r = try small()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("battle-report-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try ReportWriter.writeAll(r, folder: dir)
        #expect(paths.count == 3)
        for p in paths { #expect(FileManager.default.fileExists(atPath: p)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        #expect(try String(contentsOfFile: dir + "/report.md", encoding: .utf8) == MarkdownReport.render(r))
        let blocked = dir + "/report.md/inside"
        #expect(throws: ReportWriter.WriteError.self) { try ReportWriter.write(r, formats: [.csv], folder: blocked) }
        do {
            _ = try ReportWriter.write(r, formats: [.csv], folder: blocked)
        } catch {
            #expect(String(describing: error).contains(blocked))
        }
    }
}
