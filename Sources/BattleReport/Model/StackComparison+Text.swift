import BattleCore
import BattleVerdict

/// The words and table rows of the language-and-stack comparison, shared by
/// the terminal, Markdown and HTML reports. Pure.
extension StackComparison {
    static let header = ["test", "language", "stacks", "best stack", "req/s", "best ÷ worst inside", "best vs leading"]
    /// Columns that hold numbers (right-aligned).
    static let numericColumns: Set<Int> = [2, 4, 5, 6]

    /// `2.4×` from 2 up, `1.35×` below (small spreads need the second decimal).
    static func factor(_ v: Double) -> String { Format.fixed(v, v >= 2 ? 1 : 2) + "×" }

    /// ` (1.9-3.0×)`, or nothing without an interval.
    static func interval(_ i: Interval?) -> String {
        guard let i else { return "" }
        return " (" + Format.fixed(i.low, i.low >= 2 ? 1 : 2) + "-" + factor(i.high) + ")"
    }

    /// One row per language per test: the figures of `header`.
    func rows() -> [[String]] {
        var out: [[String]] = []
        for t in tests {
            let top = t.leader?.best?.rps
            for (i, l) in t.languages.enumerated() {
                var stacks = "\(l.stacks.count)"
                if !l.unranked.isEmpty { stacks += " + \(l.unranked.count) not ranked" }
                let spread: String
                if let s = l.spread {
                    spread = Self.factor(s) + Self.interval(l.spreadInterval)
                } else {
                    spread = l.stacks.count + l.unranked.count > 1 ? "one ranked stack" : "one stack"
                }
                var vsLeader = NumberText.none
                if let top, let b = l.best?.rps, b > 0 {
                    vsLeader = i == 0 ? "leads" : Self.factor(top / b) + " behind"
                    if i == 1 { vsLeader += Self.interval(t.gapInterval) }
                }
                out.append([
                    i == 0 ? t.test.rawValue : "", l.language, stacks,
                    l.best.map { $0.level.isEmpty ? $0.displayName : "\($0.displayName) (\($0.level))" }
                        ?? NumberText.none,
                    l.best.map { NumberText.rps($0.rps) } ?? NumberText.none, spread, vsLeader,
                ])
            }
        }
        return out
    }

    /// One sentence per test saying whether the framework or the language matters more.
    func sentences() -> [String] { tests.map(Self.sentence) }

    static func sentence(_ t: Test) -> String {
        let name = t.test.rawValue
        let lead: String? = {
            guard let a = t.leader, let b = t.runnerUp, let g = t.gap, b.best != nil else { return nil }
            return "\(a.language)'s best leads \(b.language)'s best \(factor(g))\(interval(t.gapInterval))"
                + (a.best.flatMap { x in b.best.flatMap { tierDifference(x, $0) } } ?? "")
        }()
        let inside: String? = t.widest.flatMap { w in
            w.spread.map {
                "frameworks differ \(factor($0))\(interval(w.spreadInterval)) inside \(w.language)"
                    + (w.best.flatMap { b in w.worst.flatMap { confound(b, $0, test: t.test) } } ?? "")
            }
        }
        switch t.finding {
        case .nothing:
            return "\(name): no stack could be ranked (no verified, realistic figure that is not client-bound)."
        case .singleLanguage:
            guard let inside else {
                let only = t.leader?.best.map { " (\($0.displayName))" } ?? ""
                return
                    "\(name): only one stack could be ranked\(only), so there is neither a framework spread nor a language gap to compare."
            }
            return
                "\(name): \(inside); no other language has a ranked stack here, so there is no language gap to compare."
        case .singleStacks:
            return
                "\(name): every language has a single ranked stack here, so the framework's share cannot be told apart from the language's; \(lead ?? "")."
        case .frameworkMatters:
            return "\(name): \(inside ?? ""), \(lead ?? ""): here the framework matters more than the language."
        case .languageMatters:
            return "\(name): \(inside ?? ""), \(lead ?? ""): here the language matters more than the framework."
        case .comparable:
            let r =
                t.ratioInterval.map {
                    " (their ratio's interval, \(Format.fixed($0.low, 2))-\(Format.fixed($0.high, 2)), holds 1)"
                } ?? ""
            return "\(name): \(inside ?? ""), \(lead ?? ""): on this run neither is clearly larger\(r)."
        }
    }

    /// ` (X and Y also differ in database driver, ...)` when the best and the
    /// worst stack of a language differ in more than the framework: their
    /// database driver (on a test that uses the database) or their tier. A
    /// framework is then not credited with a driver's or a tuning's effect.
    static func confound(_ best: Stack, _ worst: Stack, test: SuiteTest) -> String? {
        // One contender in two tiers (`rust` and `rust+tuned`): no framework differs at all.
        if let a = best.tier, let b = worst.tier, a != b,
            best.name.split(separator: "+").first == worst.name.split(separator: "+").first
        {
            return
                " (\(best.displayName) and \(worst.displayName) are one stack in two tiers, \(a.rawValue) against \(b.rawValue): that spread is the tuning's, not a framework's)"
        }
        var differences: [String] = []
        if test.usesDatabase, let a = best.driver, let b = worst.driver, a != b {
            differences.append("in database driver (\(a) against \(b))")
        }
        if let a = best.tier, let b = worst.tier, a != b {
            differences.append("in tier (\(a.rawValue) against \(b.rawValue))")
        }
        guard !differences.isEmpty else { return nil }
        return
            " (\(best.displayName) and \(worst.displayName) also differ \(differences.joined(separator: " and ")), so that spread is not the framework's alone)"
    }

    /// ` (the two also differ in tier: ...)` when the leading languages' best stacks are of different tiers.
    static func tierDifference(_ a: Stack, _ b: Stack) -> String? {
        guard let x = a.tier, let y = b.tier, x != y else { return nil }
        return " (the two also differ in tier: \(x.rawValue) against \(y.rawValue))"
    }

    /// What the table and sentences are computed from, for captions.
    static let method =
        "Throughput is the equal-work figure: the median req/s of each stack's best peak level, all at the run's CPU budget; client-bound (lower-bound) figures, stripped and failed contenders are never ranked. Inside a language: its best stack ÷ its worst. Between languages: the leading language's best ÷ the runner-up's best. Intervals hold 95% of the figures recomputed on seeded bootstrap resamples of the run (as the verdict's); when the interval of spread ÷ gap holds 1, neither is called larger."
}
