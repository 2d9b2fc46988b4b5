import BattleCore
import BattleVerdict
import Foundation
import Testing

@testable import BattleReport

/// Golden files for every report format, rendered from the fixed
/// Tests/Fixtures/results/small.json. The verdict sections come from
/// another module and change on their own; the goldens embed a fixed
/// stand-in, and a separate test checks that the real ones are embedded.
@Suite("Report golden files")
struct ReportGoldenTests {
    static let verdictMarkdown = "## Verdict\n\n(verdict section stand-in for the golden file)\n"
    static let verdictHTML =
        "<section id=\"verdict\"><h2>Verdict</h2><p>(verdict section stand-in for the golden file)</p></section>"

    func small() throws -> RunResults { try ResultsCoding.readResults(at: Repo.fixture("small.json")) }

    @Test func markdownReport() throws {
        Golden.check(MarkdownReport.render(try small(), verdict: Self.verdictMarkdown), "small.report.md")
    }

    @Test func htmlStructure() throws {
        let html = HTMLReport.render(try small(), verdict: Self.verdictHTML)
        Golden.check(HTMLOutline.outline(html), "small.report-html.outline.txt")
    }

    /// The real verdict, no stand-in: every built-in profile for small.json as
    /// `battle verdict --all-profiles` writes it, and report.md opening with
    /// the answer. Seeded resamples make both reproducible.
    @Test func verdictForEveryProfile() throws {
        let r = try small()
        let rendered = VerdictSections.rendered(r)
        Golden.check(BlockRenderer.text(rendered.section), "small.verdict.txt")
        let md = MarkdownReport.render(r)
        Golden.check(md, "small.report-with-verdict.md")
        // The answer comes first and names who wins, how sure, and why.
        let answerAt = try #require(md.range(of: "## The answer"))
        let evidenceAt = try #require(md.range(of: "## Key findings"))
        #expect(answerAt.lowerBound < evidenceAt.lowerBound)
        #expect(md.contains("Recommended: **Rust · hyper + tokio-postgres**. It is first in 100% of 400 resamples"))
        #expect(rendered.terminal.count == 2)
        #expect(rendered.terminal[0].hasPrefix("verdict (balanced): Rust · hyper + tokio-postgres (score "))
        let html = HTMLReport.render(r)
        let htmlAnswer = try #require(html.range(of: "<section id=\"answer\">"))
        let htmlFindings = try #require(html.range(of: "<section id=\"findings\">"))
        #expect(htmlAnswer.lowerBound < htmlFindings.lowerBound)
    }

    @Test func textReport() throws {
        Golden.check(TextReport.render(try small(), color: false), "small.report.txt")
    }

    @Test func csvReport() throws {
        Golden.check(CSVReport.render(try small()), "small.results.csv")
    }

    @Test func compareGoldens() throws {
        let old = try ResultsCoding.readResults(at: Repo.fixture("compare-old.json"))
        let regressed = try ResultsCoding.readResults(at: Repo.fixture("compare-new-regressed.json"))
        let noise = try ResultsCoding.readResults(at: Repo.fixture("compare-new-noise.json"))
        Golden.check(CompareReport.text(Comparison(old: old, new: regressed), failOn: 5), "compare-regressed.txt")
        Golden.check(CompareReport.markdown(Comparison(old: old, new: regressed), failOn: 5), "compare-regressed.md")
        Golden.check(CompareReport.text(Comparison(old: old, new: noise), failOn: 5), "compare-noise.txt")
    }

    @Test func realVerdictSectionsAreEmbedded() throws {
        let r = try small()
        let md = MarkdownReport.render(r)
        let html = HTMLReport.render(r)
        #expect(md.contains(VerdictSections.markdown(r).trimmingNewlines()))
        #expect(html.contains(VerdictSections.html(r).trimmingNewlines()))
        #expect(md.range(of: "## Verdict")!.lowerBound < md.range(of: "## How these figures were obtained")!.lowerBound)
    }
}
