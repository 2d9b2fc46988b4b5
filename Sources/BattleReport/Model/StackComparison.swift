import BattleCore
import BattleVerdict

/// Language and stack side by side: for each test, the contenders grouped by
/// language, the best stack of each language, the spread between the stacks
/// inside a language (best ÷ worst), the gap between the two leading
/// languages (best ÷ best), and which of the two is larger. Pure: results
/// (and their bootstrap resamples, for intervals) in, figures out.
///
/// The figure is the equal-work throughput: the best peak level's median
/// req/s, every peak level having run at the run's CPU budget. A level the
/// load generator may have limited (client-bound) is a lower bound and never
/// ranked; stripped contenders and contenders that did not finish are left out.
struct StackComparison {
    /// One stack's figure on one test.
    struct Stack: Equatable {
        var name: String
        var displayName: String
        var rps: Double
        /// The level the figure comes from (its label).
        var level: String = ""
        /// The database driver its manifest names, when it names one.
        var driver: String? = nil
        /// Its tier, when the results record one.
        var tier: ContenderTier? = nil
    }

    /// The stacks of one language on one test, best first.
    struct Language: Equatable {
        var language: String
        var stacks: [Stack]
        /// Stacks that ran the test but whose figure cannot be ranked (client-bound), by display name.
        var unranked: [String]
        /// Best ÷ worst over the ranked stacks; nil with fewer than two.
        var spread: Double?
        /// The 95% interval of `spread` over the run's resamples.
        var spreadInterval: Interval?

        var best: Stack? { stacks.first }
        var worst: Stack? { stacks.last }
    }

    /// Which is larger on one test: the framework spread inside a language or the language gap.
    enum Finding: Equatable {
        case frameworkMatters, languageMatters, comparable
        /// Every language has a single ranked stack: the framework's share cannot be told apart.
        case singleStacks
        /// Only one language has ranked stacks (perhaps only one stack): there is no language gap.
        case singleLanguage
        case nothing
    }

    /// One test.
    struct Test: Equatable {
        var test: SuiteTest
        /// Languages ordered by their best stack, best first.
        var languages: [Language]
        /// The leading language's best ÷ the runner-up language's best, with its interval.
        var gap: Double?
        var gapInterval: Interval?
        /// The language with the largest spread between its stacks (at least two ranked).
        var widest: Language?
        /// The interval of spread ÷ gap over the resamples: above 1 everywhere, the framework matters more.
        var ratioInterval: Interval?
        var finding: Finding

        var leader: Language? { languages.first }
        var runnerUp: Language? { languages.count > 1 ? languages[1] : nil }
    }

    var tests: [Test]

    /// Resamples used for the intervals when none are given: fewer than the
    /// verdict's, seeded, so a report is reproducible.
    static let defaultResamples = 200

    init(_ results: RunResults, resamples: Resamples? = nil) {
        let copies = (resamples ?? Resamples(results, count: Self.defaultResamples)).copies
        tests = Self.measuredTests(results).map { test in
            var point = Self.point(results, test)
            let chosen = Self.levels(point)
            Self.addIntervals(&point, copies.map { Self.point($0, test, levels: chosen) })
            return point
        }
    }

    init(tests: [Test]) { self.tests = tests }

    /// Whether any language has more than one stack in the run (the comparison says something).
    var hasSeveralStacks: Bool { tests.contains { $0.languages.contains { $0.stacks.count + $0.unranked.count > 1 } } }

    static func measuredTests(_ results: RunResults) -> [SuiteTest] { ReportModel(results).measuredTests }

    /// The figure a stack is ranked by on `test`: nil when it cannot be ranked.
    /// With `levels` (a resample), the level the point estimate chose is read
    /// again and ranked as it was, so the interval is the noise of that
    /// figure, not of which level or trial happened to be client-bound.
    static func figure(
        _ c: ContenderResult, _ test: SuiteTest, levels: [String: String]? = nil
    ) -> (
        rps: Double, ranked: Bool, level: String
    )? {
        guard c.status == .ok, !c.isStripped, let t = c.result(for: test) else { return nil }
        if let levels {
            guard let label = levels[c.name], let level = t.levels(.peak).first(where: { $0.label == label })
            else { return nil }
            return (level.summary.requestsPerSecond.median, true, label)
        }
        guard let level = t.summaryLevel, level.kind == .peak else { return nil }
        let rps = level.summary.requestsPerSecond.median
        return (rps, !level.isClientBound && rps > 0, level.label)
    }

    /// The ranked stacks' levels of a point estimate, by contender name.
    static func levels(_ t: Test) -> [String: String] {
        Dictionary(uniqueKeysWithValues: t.languages.flatMap(\.stacks).map { ($0.name, $0.level) })
    }

    /// The point figures of one test, without intervals.
    static func point(_ results: RunResults, _ test: SuiteTest, levels: [String: String]? = nil) -> Test {
        var order: [String] = []
        var byKey: [String: Language] = [:]
        for c in results.contenders {
            guard let f = figure(c, test, levels: levels) else { continue }
            let key = c.language.lowercased()
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Language(language: c.language, stacks: [], unranked: [], spread: nil, spreadInterval: nil)
            }
            if f.ranked {
                byKey[key]!.stacks.append(
                    Stack(
                        name: c.name, displayName: c.displayName, rps: f.rps, level: f.level, driver: c.driver,
                        tier: c.tier))
            } else {
                byKey[key]!.unranked.append(c.displayName)
            }
        }
        var languages = order.compactMap { byKey[$0] }
        for i in languages.indices {
            languages[i].stacks.sort { $0.rps != $1.rps ? $0.rps > $1.rps : $0.name < $1.name }
            if let best = languages[i].best, let worst = languages[i].worst, languages[i].stacks.count > 1 {
                languages[i].spread = best.rps / worst.rps
            }
        }
        // Languages with a ranked stack first, by their best; the others after, in results order.
        languages = languages.enumerated().sorted { a, b in
            let x = a.element.best?.rps ?? -1
            let y = b.element.best?.rps ?? -1
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        let ranked = languages.filter { $0.best != nil }
        let gap = ranked.count > 1 ? ranked[0].best!.rps / ranked[1].best!.rps : nil
        let widest = ranked.filter { $0.spread != nil }.max { ($0.spread ?? 0) < ($1.spread ?? 0) }
        let finding: Finding
        if ranked.isEmpty {
            finding = .nothing
        } else if ranked.count == 1 {
            finding = .singleLanguage
        } else if let w = widest?.spread, let g = gap {
            finding = w > g ? .frameworkMatters : w < g ? .languageMatters : .comparable
        } else {
            finding = .singleStacks
        }
        return Test(
            test: test, languages: languages, gap: gap, gapInterval: nil, widest: widest, ratioInterval: nil,
            finding: finding)
    }

    /// Intervals from the same figures computed on each resample, for the same
    /// languages as the point estimate (the leader, the runner-up, the widest).
    /// When the interval of spread ÷ gap holds 1, neither is clearly larger.
    static func addIntervals(_ t: inout Test, _ samples: [Test]) {
        guard !samples.isEmpty else { return }
        func language(_ s: Test, _ name: String) -> Language? {
            s.languages.first { $0.language.lowercased() == name.lowercased() }
        }
        func bestRPS(_ s: Test, _ name: String) -> Double? { language(s, name)?.best?.rps }
        for i in t.languages.indices where t.languages[i].spread != nil {
            let name = t.languages[i].language
            t.languages[i].spreadInterval = Interval(samples.compactMap { language($0, name)?.spread })
            if t.widest?.language == name { t.widest = t.languages[i] }
        }
        guard let leader = t.leader?.language, let runnerUp = t.runnerUp?.language, t.gap != nil else { return }
        var gaps: [Double] = []
        var ratios: [Double] = []
        for s in samples {
            guard let a = bestRPS(s, leader), let b = bestRPS(s, runnerUp), b > 0 else { continue }
            gaps.append(a / b)
            if let w = t.widest?.language, let spread = language(s, w)?.spread { ratios.append(spread / (a / b)) }
        }
        t.gapInterval = Interval(gaps)
        guard t.widest != nil, let r = Interval(ratios) else { return }
        t.ratioInterval = r
        if t.finding == .frameworkMatters || t.finding == .languageMatters || t.finding == .comparable {
            t.finding = r.low > 1 ? .frameworkMatters : r.high < 1 ? .languageMatters : .comparable
        }
    }
}
