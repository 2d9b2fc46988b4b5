import BattleCore

/// The verdict sections that report.md and report.html embed, computed from a
/// results file with the built-in dataset, profiles and default prices. Pure:
/// results in, text out.
public enum VerdictSections {
    /// A Markdown section (starting with `## Verdict`), or an explanation of why there is none.
    public static func markdown(_ results: RunResults) -> String {
        "## Verdict\n\n" + BlockRenderer.markdown(blocks(results), base: 2)
    }

    /// An HTML fragment (a `<section>`), self-contained: no scripts, no external resources.
    public static func html(_ results: RunResults) -> String {
        "<section id=\"verdict\" class=\"verdict\"><h2>Verdict</h2>\n" + BlockRenderer.html(blocks(results), base: 2)
            + "\n</section>"
    }

    /// Every built-in profile in brief, with the measurements and caveats once.
    static func blocks(_ results: RunResults) -> [Block] {
        guard results.contenders.contains(where: { $0.status == .ok }) else {
            var b: [Block] = [.paragraph("No verdict: no contender finished the run.")]
            let failed = results.contenders.map {
                "\($0.displayName) (\($0.status.rawValue)): \(VerdictBuilder.exclusionReason($0))"
            }
            if !failed.isEmpty { b.append(.bullets(failed)) }
            return b
        }
        let options = CostOptions(prices: Builtin.prices)
        let resampled = Resamples(results)
        let verdicts = Builtin.profiles.profiles.map {
            VerdictBuilder.build(results, dataset: Builtin.dataset, profile: $0, cost: options, resampled: resampled)
        }
        var b = VerdictDocument.brief(verdicts, results: results)
        // The section's own heading is "Verdict"; drop the document's title.
        if case .heading(1, _)? = b.first { b.removeFirst() }
        return b
    }
}
