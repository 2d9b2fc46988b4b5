import BattleCore

/// The verdict's language ranking as blocks: which figure decides (the
/// profile's choice), then each language's best and median stack.
extension VerdictDocument {
    static func languageBlocks(_ v: Verdict) -> [Block] {
        guard let l = v.languages, !l.languages.isEmpty else { return [] }
        let multi = l.languages.contains { $0.stacks.count > 1 }
        var lead = "Languages, ranked by \(l.decidedBy.words) (this profile's choice"
        lead +=
            l.decidedBy == .best
            ? ": a team that picks and tunes the fastest stack)." : ": a team that takes the mainstream stack)."
        if let top = l.languages.first, l.languages.count > 1 {
            let leaders = l.languages.filter { $0.rank == 1 }.map(\.language)
            if let clear = l.clearWinner {
                lead +=
                    clear
                    ? " \(top.language) leads in \(percent(top.firstShare ?? 0)) of the resamples."
                    : " No language is clearly first on this evidence (\(leaders.count > 1 ? "tied" : "\(top.language) first in \(percent(top.firstShare ?? 0))"))."
            }
        }
        if !multi { lead += " Every language has a single ranked stack here, so its best and median are the same." }
        func figure(_ value: Double, _ interval: Interval?) -> String {
            Format.fixed(value, 2)
                + (interval.map { " (\(Format.fixed($0.low, 2))-\(Format.fixed($0.high, 2)))" } ?? "")
        }
        let rows = l.languages.map { s -> [String] in
            [
                "\(s.rank)", s.language, "\(s.stacks.count)", name(v, s.bestStack), figure(s.best, s.bestInterval),
                figure(s.median, s.medianInterval), s.firstShare.map { percent($0) } ?? "-",
            ]
        }
        return [
            .paragraph(lead),
            .table(
                header: [
                    "Rank", "Language", "Stacks", "Best stack",
                    "Best stack's score" + (l.decidedBy == .best ? " (decides)" : ""),
                    "Median stack's score" + (l.decidedBy == .median ? " (decides)" : ""), "First in",
                ], rows: rows),
        ]
    }

    /// "Rust (best stack)" for one-line summaries.
    static func languageHeadline(_ v: Verdict) -> String? {
        guard let l = v.languages, let top = l.languages.first else { return nil }
        let leaders = l.languages.filter { $0.rank == 1 }.map(\.language)
        var s = leaders.count > 1 ? "tied: " + leaders.joined(separator: ", ") : top.language
        if l.clearWinner == false, leaders.count == 1 { s = "no clear first (\(top.language) leads)" }
        return s + " by \(l.decidedBy == .best ? "best" : "median") stack"
    }
}
