import BattleCore
import Foundation
import Testing

@testable import BattleReport

/// report.html opened in a real headless browser (Debian's chromium, which
/// scripts/bootstrap installs) through scripts/check-report-html: no console
/// messages, every chart drawn with visible axis labels, nothing loaded from
/// outside the page; a screenshot lands in .build/test-artifacts/report.png.
@Suite("report.html in a headless browser", .serialized)
struct BrowserCheckTests {
    static let chromium = Shell.which("chromium", "chromium-browser", "google-chrome")
    static let script = Repo.root.appendingPathComponent("scripts/check-report-html").path
    static let skipMessage =
        "chromium is not installed, so report.html cannot be opened in a browser: run scripts/bootstrap (Debian package chromium)"
    /// In CI (CI set, as .ci/run is run) a missing chromium fails the tests instead of skipping them.
    static let runs = chromium != nil || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } == true

    func check(_ html: String, name: String) throws -> (Shell.Result, String) {
        let dir = Repo.artifacts.appendingPathComponent("browser-check")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let page = dir.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: page)
        let shot = Repo.artifacts.appendingPathComponent(name == "report" ? "report.png" : "browser-check/\(name).png")
            .path
        return (try Shell.run("/bin/bash", [Self.script, page.path, shot]), shot)
    }

    @Test(.enabled(if: runs, Comment(rawValue: skipMessage)))
    func reportLoadsCleanlyWithEveryChartDrawn() throws {
        try #require(Self.chromium != nil, Comment(rawValue: Self.skipMessage))
        let results = try ResultsCoding.readResults(at: Repo.fixture("small.json"))
        // Through ReportWriter, as `battle report` writes it.
        let folder = Repo.artifacts.appendingPathComponent("report").path
        let written = try ReportWriter.writeAll(results, folder: folder)
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(
            written.map { ($0 as NSString).lastPathComponent }.sorted() == ["report.html", "report.md", "results.csv"])
        let (run, shot) = try check(html, name: "report")
        #expect(run.status == 0, "scripts/check-report-html failed:\n\(run.output)")
        let charts = html.components(separatedBy: "<svg class=\"chart").count - 1
        #expect(
            run.output.contains("ok: \(charts) charts"),
            "expected every one of the \(charts) charts checked:\n\(run.output)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "the screenshot is not a PNG")
        #expect(png.count > 50_000, "the screenshot is suspiciously small (\(png.count) bytes)")
    }

    /// The check must be able to fail: a chart with nothing drawn and a
    /// request to outside the page are both caught.
    @Test(.enabled(if: runs, Comment(rawValue: skipMessage)))
    func checkCatchesABrokenPage() throws {
        try #require(Self.chromium != nil, Comment(rawValue: Self.skipMessage))
        let results = try ResultsCoding.readResults(at: Repo.fixture("small.json"))
        let html = HTMLReport.render(results)

        // Every mark of the first chart removed.
        let first = try #require(html.range(of: "<svg class=\"chart"))
        let end = try #require(html.range(of: "</svg>", range: first.upperBound..<html.endIndex))
        let chart = String(html[first.lowerBound..<end.upperBound]).replacingOccurrences(
            of: "class=\"mark ", with: "class=\"gone ")
        let noMarks = html.replacingCharacters(in: first.lowerBound..<end.upperBound, with: chart)
        let (a, _) = try check(noMarks, name: "broken-no-marks")
        #expect(a.status == 1)
        #expect(a.output.contains("no drawn mark"), "\(a.output)")

        // An external image: blocked by the page's policy, which logs to the console.
        let external = html.replacingOccurrences(
            of: "<h1>battle report</h1>", with: "<h1>battle report</h1><img src=\"http://127.0.0.1:9/x.png\" alt=\"\">")
        let (b, _) = try check(external, name: "broken-external")
        #expect(b.status == 1)
        #expect(b.output.contains("console"), "\(b.output)")
    }
}
