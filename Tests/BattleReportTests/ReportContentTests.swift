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
        #expect(md.contains("client-bound in 2/3 trials"))
        #expect(md.contains("CPU-bound in 2 of 3 trials"))
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
