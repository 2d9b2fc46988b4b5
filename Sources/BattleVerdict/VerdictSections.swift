import BattleCore

/// INTERFACE STUB (owned by the verdict work): the verdict sections that
/// report.md and report.html embed, computed from a results file with the
/// built-in dataset, profiles and default prices. Pure: results in, text out.
public enum VerdictSections {
    /// A Markdown section (starting with `## Verdict`), or an explanation of why there is none.
    public static func markdown(_ results: RunResults) -> String {
        "## Verdict\n\nThe verdict is not built yet.\n"
    }

    /// An HTML fragment (a `<section>`), self-contained: no scripts, no external resources.
    public static func html(_ results: RunResults) -> String {
        "<section id=\"verdict\"><h2>Verdict</h2><p>The verdict is not built yet.</p></section>"
    }
}
