import BattleCore
import Foundation
import Testing

@testable import BattleVerdict

@Suite struct RenderTests {
    var results: RunResults {
        Synthetic.run([
            Synthetic.simple(
                "rusty", language: "Rust", perCPU: 12_000, p99: 900, rss: 6 << 20,
                build: BuildRecord(
                    cleanSeconds: 48, incrementalSeconds: 2, binaryBytes: 1_900_000, linesOfCode: 410,
                    directDependencies: 7, totalDependencies: 60, locTool: "cloc 1.96"),
                startup: StartupRecord(secondsToReady: 0.02, idleRSSBytes: 3 << 20)),
            Synthetic.simple(
                "gopher", language: "Go", perCPU: 6_000, p99: 1_500, rss: 15 << 20,
                build: BuildRecord(
                    cleanSeconds: 32, incrementalSeconds: 1, binaryBytes: 11_000_000, linesOfCode: 380,
                    directDependencies: 1, totalDependencies: 1, locTool: "cloc 1.96"),
                startup: StartupRecord(secondsToReady: 0.01, idleRSSBytes: 8 << 20)),
            Synthetic.contender("<swifty>", language: "Swift", status: .verifyFailed, failure: "/db answered 500"),
        ])
    }

    @Test func sectionsForTheReport() {
        let md = VerdictSections.markdown(results)
        #expect(md.hasPrefix("## Verdict\n"))
        #expect(md.contains("| Startup that must move fast and hire easily |"))
        #expect(md.contains("### Developer-experience proxies (measured, not judged)"))
        #expect(md.contains("Caveat: Surveys are self-selected"))
        #expect(md.contains("<Swifty> (verify-failed): failed verification: /db answered 500"))

        let html = VerdictSections.html(results)
        #expect(html.hasPrefix("<section id=\"verdict\""))
        #expect(html.hasSuffix("</section>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link") && !html.contains("src="))
        #expect(!html.contains("<Swifty>"))
        #expect(html.contains("&lt;Swifty&gt; (verify-failed)"))
        #expect(html.contains("<strong>"))
    }

    @Test func sectionsWithNothingRanked() {
        let r = Synthetic.run([Synthetic.contender("x", language: "Go", status: .buildFailed, failure: "no go")])
        #expect(VerdictSections.markdown(r).contains("No verdict: no contender finished the run."))
        #expect(VerdictSections.html(r).contains("did not build: no go"))
    }

    @Test func fullVerdictWithTheBuiltInData() throws {
        let v = VerdictBuilder.build(
            results, dataset: Builtin.dataset, profile: Builtin.profiles.profile("startup")!,
            cost: CostOptions(prices: Builtin.prices))
        let text = BlockRenderer.text(VerdictDocument.full(v, results: results))
        #expect(text.contains("Verdict: Startup that must move fast and hire easily"))
        // Real figures joined by language, with their source and tag.
        #expect(text.contains("16.4%") && text.contains("14.8%"))
        #expect(text.contains("Stack Overflow Developer Survey 2025, Technology, 2025, secondary source"))
        // Both measured and published criteria are named as such.
        #expect(text.contains("of the weight rests on measurements from this run"))
        #expect(text.contains("on published figures about each language, not measured here"))
        #expect(text.contains("cloc 1.96"))
        #expect(text.contains("the default; set --target-rps"))
        #expect(!text.contains("**"))
        let md = BlockRenderer.markdown(VerdictDocument.full(v, results: results))
        #expect(md.hasPrefix("# Verdict: Startup"))
        // The scores table has a column per contender, in ranking order: the
        // same verdict with its ranking turned round turns the columns round.
        #expect(v.ranking.map(\.candidate.displayName) == ["Gopher", "Rusty"])
        #expect(md.contains("| Criterion | Basis | Share | Gopher | Rusty |"))
        var turned = v
        turned.ranking.reverse()
        let turnedMD = BlockRenderer.markdown(VerdictDocument.full(turned, results: results))
        #expect(turnedMD.contains("| Criterion | Basis | Share | Rusty | Gopher |"))
    }

    @Test func verdictJSONRoundTrips() throws {
        let v = Synthetic.verdict(results, [.throughputPerCore: 1, .costAtTargetLoad: 1])
        let data = try ResultsCoding.encoder().encode(v)
        let back = try ResultsCoding.decoder().decode(Verdict.self, from: data)
        #expect(back == v)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"battle-verdict/1\""))
    }

    @Test func textTablesAlign() {
        let s = BlockRenderer.text([.table(header: ["a", "bb"], rows: [["long", "1"], ["x", "22"]])])
        #expect(s == "a     bb\n----  --\nlong   1\nx     22\n")
        let words = BlockRenderer.text([.table(header: ["k", "word"], rows: [["x", "ab"], ["y", "abcd"]])])
        #expect(words == "k  word\n-  ----\nx  ab\ny  abcd\n")
        #expect(
            BlockRenderer.markdown([.table(header: ["a|b", "c"], rows: [["1", "2"]])])
                == "| a\\|b | c |\n|---|---:|\n| 1 | 2 |\n")
        #expect(
            BlockRenderer.html([.paragraph("**A** & `b<c>`")])
                == "<p><strong>A</strong> &amp; <code>b&lt;c&gt;</code></p>")
    }
}
