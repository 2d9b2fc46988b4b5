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

    /// The answer a report opens with and the verdict section further down, from one set of verdicts.
    public struct Rendered: Sendable {
        /// The default profile's recommendation with its confidence, three reasons and what it rests on,
        /// then one line per profile.
        public var answer: [Block]
        /// Every built-in profile in brief, with the measurements and caveats once.
        public var section: [Block]
        /// Two lines for the end of `battle run`'s terminal summary.
        public var terminal: [String]

        public var answerMarkdown: String { BlockRenderer.markdown(answer, base: 2) }
        public var answerHTML: String { BlockRenderer.html(answer, base: 2) }
    }

    /// Builds every built-in profile's verdict once (one set of resamples) and renders both parts.
    public static func rendered(_ results: RunResults) -> Rendered {
        guard results.contenders.contains(where: { $0.status == .ok }) else {
            var b: [Block] = [.paragraph("No verdict: no contender finished the run.")]
            let failed = results.contenders.map {
                "\($0.displayName) (\($0.status.rawValue)): \(VerdictBuilder.exclusionReason($0))"
            }
            if !failed.isEmpty { b.append(.bullets(failed)) }
            return Rendered(answer: b, section: b, terminal: ["verdict: none: no contender finished the run"])
        }
        let options = CostOptions(prices: Builtin.prices)
        let resampled = Resamples(results)
        let verdicts = Builtin.profiles.profiles.map {
            VerdictBuilder.build(results, dataset: Builtin.dataset, profile: $0, cost: options, resampled: resampled)
        }
        var section = VerdictDocument.brief(verdicts, results: results)
        // The section's own heading is "Verdict"; drop the document's title.
        if case .heading(1, _)? = section.first { section.removeFirst() }
        let primary = verdicts.first { $0.profile.id == Builtin.profiles.defaultID } ?? verdicts[0]
        return Rendered(
            answer: VerdictDocument.answer(primary, all: verdicts), section: section,
            terminal: VerdictDocument.terminalLines(primary, all: verdicts))
    }

    static func blocks(_ results: RunResults) -> [Block] { rendered(results).section }
}
