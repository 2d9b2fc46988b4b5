import Foundation
import Testing

/// `battle report` as a user runs it: files next to the results, formats,
/// --output, and errors that name the path and the fix.
@Suite("battle report (end to end)")
struct ReportCommandTests {
    @Test func writesTheThreeFilesNextToTheResultsAndPrintsTheTable() throws {
        let dir = try ReportE2E.runFolder("small.json")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ReportE2E.battle(["report", dir])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["report.html", "report.md", "results.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "missing \(name)")
            #expect(r.stdout.contains("wrote \(dir)/\(name)"))
        }
        #expect(r.stdout.contains("battle report · run 20261129-100000"))
        #expect(r.stdout.contains("vs best"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when standard output is not a terminal")
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg class=\"chart"))
        let md = try String(contentsOfFile: dir + "/report.md", encoding: .utf8)
        #expect(md.hasPrefix("# battle report: run 20261129-100000"))
    }

    @Test func acceptsTheResultsFileAndWritesOneFormatToAnotherFolder() throws {
        let dir = try ReportE2E.runFolder("small.json")
        let out = dir + "/elsewhere"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ReportE2E.battle(["report", dir + "/results.json", "--format", "csv", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        #expect(csv.hasPrefix("run_id,contender,"))
        #expect(!FileManager.default.fileExists(atPath: out + "/report.html"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/results.csv"))
    }

    @Test func printsOneFormatToStandardOutput() throws {
        let md = try ReportE2E.battle([
            "report", ReportE2E.fixtures + "/small.json", "--format", "markdown", "--output", "-",
        ])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# battle report: run 20261129-100000"))
        let text = try ReportE2E.battle(["report", ReportE2E.fixtures + "/small.json", "--format", "text"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("json") && text.stdout.contains("rust"))
        let bad = try ReportE2E.battle(["report", ReportE2E.fixtures + "/small.json", "--output", "-"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--output - prints one format"))
    }

    @Test func missingResultsNameThePathAndTheFix() throws {
        let empty = NSTemporaryDirectory() + "battle-e2e-empty-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let latest = try ReportE2E.battle(["report"], in: empty)
        #expect(latest.status == 1)
        #expect(latest.stderr.contains("no results at results/latest"))
        #expect(latest.stderr.contains("battle run"))
        let folder = try ReportE2E.battle(["report", empty])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains(empty + "/results.json"))
        let notResults = empty + "/other.json"
        try Data("{\"format\":\"battle-load/1\"}".utf8).write(to: URL(fileURLWithPath: notResults))
        let wrong = try ReportE2E.battle(["report", notResults])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("battle-load/1"))
        #expect(wrong.stderr.contains("pass a results.json written by `battle run`"))
    }
}
