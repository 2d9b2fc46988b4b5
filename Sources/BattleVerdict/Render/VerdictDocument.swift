import BattleCore

/// The verdict written as blocks: one profile in full, or every profile in brief.
public enum VerdictDocument {
    /// One profile in full: ranking, reasons, sensitivity, scores, evidence, cost, sources.
    public static func full(_ v: Verdict, results: RunResults) -> [Block] {
        var b: [Block] = [.heading(1, "Verdict: \(v.profile.name)")]
        b.append(.paragraph("Profile `\(v.profile.id)`: \(v.profile.summary) Results \(v.resultsID)."))
        b += recommendation(v)
        b.append(.heading(2, "Why"))
        b.append(v.reasons.isEmpty ? .paragraph("No reasons: nothing was ranked.") : .bullets(v.reasons))
        b.append(.heading(2, "Sensitivity"))
        b.append(.paragraph(sensitivitySentence(v)))
        b.append(.heading(2, "Scores per criterion"))
        b.append(.paragraph(basisSentence(v)))
        b.append(scoresTable(v))
        b.append(.heading(2, "What the scores come from"))
        b.append(evidenceTable(v))
        b += costBlocks(v)
        b.append(.heading(2, "Developer-experience proxies (measured, not judged)"))
        b += measurements(results)
        b += sources(v)
        if !v.notes.isEmpty {
            b.append(.heading(2, "Notes"))
            b.append(.bullets(v.notes))
        }
        b.append(.heading(2, "Method"))
        b.append(.paragraph(methodSentence))
        return b
    }

    /// Every profile in brief, then the measurements and caveats once.
    public static func brief(_ verdicts: [Verdict], results: RunResults) -> [Block] {
        var b: [Block] = [.heading(1, "Verdicts for every profile")]
        b.append(
            .paragraph(
                "Results \(results.id). Each profile weighs the same measurements and published figures differently; `battle verdict --profile NAME` shows one in full."
            ))
        b.append(summaryTable(verdicts))
        if let excluded = verdicts.first?.excluded, !excluded.isEmpty {
            b.append(.paragraph("Not ranked in any profile:"))
            b.append(.bullets(excluded.map { "\($0.candidate.displayName) (\($0.status.rawValue)): \($0.reason)" }))
        }
        for v in verdicts {
            b.append(.heading(2, "\(v.profile.name) (`\(v.profile.id)`)"))
            b += recommendation(v, showExcluded: false)
            if !v.reasons.isEmpty { b.append(.bullets(v.reasons)) }
            b.append(.paragraph(sensitivitySentence(v) + " " + basisSentence(v)))
            b.append(scoresTable(v))
            let notes = v.notes.filter { !$0.hasPrefix("The run is") && !$0.contains("stripped") }
            if !notes.isEmpty { b.append(.bullets(notes)) }
        }
        if let first = verdicts.first {
            b += costBlocks(first)
        }
        b.append(.heading(2, "Developer-experience proxies (measured, not judged)"))
        b += measurements(results)
        if let first = verdicts.first {
            b += sources(first)
            let runNotes = first.notes.filter { $0.hasPrefix("The run is") || $0.contains("stripped") }
            if !runNotes.isEmpty { b.append(.bullets(runNotes)) }
        }
        b.append(.heading(2, "Method"))
        b.append(.paragraph(methodSentence))
        return b
    }

    // MARK: - pieces

    static func recommendation(_ v: Verdict, showExcluded: Bool = true) -> [Block] {
        var b: [Block] = []
        if v.ranking.isEmpty {
            b.append(.paragraph("No recommendation: no contender could be ranked."))
        } else {
            let leaders = v.ranking.filter { $0.rank == 1 }.map(\.candidate.displayName)
            var lead =
                leaders.count == 1
                ? "Recommended: **\(leaders[0])**." : "Tied for first: **\(leaders.joined(separator: "** and **"))**."
            if let u = v.uncertainty {
                lead +=
                    u.clearWinner
                    ? " It is first in \(percent(u.firstShares[v.ranking[0].candidate.name] ?? 0)) of \(u.resamples) resamples of the run."
                    : " No clear winner on this evidence: none is first in \(percent(Uncertainty.separableShare)) of \(u.resamples) resamples of the run."
            }
            b.append(
                .paragraph(
                    lead
                        + " Score is the weighted mean of per-criterion scores, 1.00 = best on every criterion; the interval holds 95% of the resampled scores."
                ))
            b.append(
                .table(
                    header: ["Rank", "Contender", "Language", "Score", "95% interval", "First in"],
                    rows: v.ranking.map {
                        [
                            "\($0.rank)", $0.candidate.displayName, $0.candidate.language, Format.fixed($0.total, 2),
                            $0.interval.map { "\(Format.fixed($0.low, 2))-\(Format.fixed($0.high, 2))" } ?? "-",
                            $0.firstShare.map { percent($0) } ?? "-",
                        ]
                    }))
        }
        b += languageBlocks(v)
        if showExcluded, !v.excluded.isEmpty {
            b.append(.paragraph("Not ranked:"))
            b.append(.bullets(v.excluded.map { "\($0.candidate.displayName) (\($0.status.rawValue)): \($0.reason)" }))
        }
        return b
    }

    /// The display name, with the name added when two ranked contenders share it (an A/A run).
    static func name(_ v: Verdict, _ contender: String) -> String {
        guard let c = v.ranking.first(where: { $0.candidate.name == contender })?.candidate else { return contender }
        let shared = v.ranking.filter { $0.candidate.displayName == c.displayName }.count > 1
        return shared ? "\(c.displayName) (\(c.name))" : c.displayName
    }

    static func sensitivitySentence(_ v: Verdict) -> String {
        guard let s = v.sensitivity else {
            return v.ranking.count < 2
                ? "With fewer than two contenders ranked there is nothing to flip."
                : "No weight change can flip the top two."
        }
        let a = name(v, s.leader)
        let b = name(v, s.runnerUp)
        if s.margin <= Scorer.tieTolerance {
            return "\(a) and \(b) are tied: any weight that favours one of them decides it."
        }
        var further = ""
        for p in s.lowerFlips ?? [] {
            further +=
                " Further down, \(name(v, p.lower)) would overtake \(name(v, p.upper)) (by \(Format.fixed(p.margin, 2)) behind) if \(p.flip.criterion.title) \(p.flip.toShare > p.flip.fromShare ? "rose" : "fell") from \(percent(p.flip.fromShare, p.flip.toShare)) to \(percent(p.flip.toShare, p.flip.fromShare)) of the weight."
        }
        guard let first = s.flips.first else {
            return
                "\(a) leads \(b) by \(Format.fixed(s.margin, 2)), and no single weight change (others kept in proportion) would flip them."
                + further
        }
        let flips = s.flips.prefix(3).map { f in
            "\(f.criterion.title) \(f.toShare > f.fromShare ? "rose" : "fell") from \(percent(f.fromShare, f.toShare)) to \(percent(f.toShare, f.fromShare)) of the weight"
        }
        var s1 = "\(a) leads \(b) by \(Format.fixed(s.margin, 2)). \(b) would overtake if \(flips[0])"
        if flips.count > 1 { s1 += "; or if " + flips.dropFirst().joined(separator: "; or if ") }
        s1 += " (one weight at a time, the others kept in proportion)."
        if abs(first.toShare - first.fromShare) < 0.05 { s1 += " The lead is fragile." }
        return s1 + further
    }

    static func basisSentence(_ v: Verdict) -> String {
        let m = v.basis.measured.map(\.title).joined(separator: ", ")
        let p = v.basis.published.map(\.title).joined(separator: ", ")
        var s = "\(percent(v.basis.measuredShare)) of the weight rests on measurements from this run"
        s += m.isEmpty ? "" : " (\(m))"
        s += " and \(percent(v.basis.publishedShare)) on published figures about each language, not measured here"
        s += p.isEmpty ? "." : " (\(p))."
        return s
    }

    static func scoresTable(_ v: Verdict) -> Block {
        let names = v.ranking.map(\.candidate)
        let rows = v.criteria.filter { $0.weight > 0 || $0.scored }.map { c -> [String] in
            var row = [
                c.criterion.title, c.basis.rawValue, c.counted ? percent(c.share) : (c.weight > 0 ? "dropped" : "0%"),
            ]
            for n in names {
                if let s = c.scores[n.name] {
                    row.append(Format.fixed(s, 2) + (c.counted ? "" : "*"))
                } else {
                    row.append("no data")
                }
            }
            return row
        }
        return .table(header: ["Criterion", "Basis", "Share"] + names.map(\.displayName), rows: rows)
    }

    static func evidenceTable(_ v: Verdict) -> Block {
        let names = v.ranking.map(\.candidate)
        var rows: [[String]] = []
        for c in v.criteria where c.weight > 0 || c.scored {
            for comp in c.components {
                var row = [c.criterion.title, comp.label + (comp.counted ? "" : " (not scored)")]
                row += names.map { comp.display($0.name) }
                rows.append(row)
            }
            if c.components.isEmpty {
                rows.append([c.criterion.title, "nothing to score it from"] + names.map { _ in "no data" })
            }
        }
        return .table(header: ["Criterion", "Measure"] + names.map(\.displayName), rows: rows)
    }

    static func costBlocks(_ v: Verdict) -> [Block] {
        let c = v.cost
        var b: [Block] = [.heading(2, "Cost at the target load")]
        let target = "\(Format.count(c.targetRPS)) req/s" + (c.targetGiven ? "" : " (the default; set --target-rps)")
        var question = "What serving \(target)"
        if let test = c.test { question += " of \(test.rawValue)" }
        if let slo = c.slo { question += " under \(slo)" }
        question +=
            " would cost a month at \(c.prices.name) prices: $\(c.prices.vcpuHour) per vCPU-hour and $\(c.prices.gbHour) per GB-hour (\(c.prices.source), \(c.prices.date), \(c.prices.tag.words)). An example price list: use your own."
        b.append(.paragraph(question))
        b.append(
            .table(
                header: ["Contender", "Method", "Per instance", "Instances", "vCPUs", "Memory", "Monthly"],
                rows: c.estimates.map { e in
                    [
                        name(v, e.contender), e.method.rawValue,
                        e.ratePerInstance.map { Format.count($0) + (e.method == .cpuSeconds ? " req/CPU-s" : " req/s") }
                            ?? "-",
                        e.instances.map(String.init) ?? "-", e.vcpus.map { Format.significant($0) } ?? "-",
                        e.memoryGiB.map { Format.significant($0) + " GiB" } ?? "-",
                        e.monthlyUSD.map { ValueFormat.format($0, kind: .usdPerMonth, unit: "") } ?? "-",
                    ]
                }))
        b.append(.bullets(c.estimates.map { "\(name(v, $0.contender)): \($0.basis)." } + c.assumptions))
        return b
    }

    /// The measured developer-experience proxies of every contender that has them.
    public static func measurements(_ results: RunResults) -> [Block] {
        let rows = results.contenders.filter { $0.build != nil || $0.startup != nil }.map { c -> [String] in
            let b = c.build
            return [
                c.displayName, b?.linesOfCode.map { ValueFormat.grouped($0) } ?? "-",
                b?.cleanSeconds.map(ValueFormat.seconds) ?? "-", b?.incrementalSeconds.map(ValueFormat.seconds) ?? "-",
                b?.directDependencies.map(String.init) ?? "-", b?.totalDependencies.map(String.init) ?? "-",
                b?.binaryBytes.map(Format.bytes) ?? "-",
                c.startup.map { ValueFormat.seconds($0.secondsToReady) } ?? "-",
                c.startup?.idleRSSBytes.map(Format.bytes) ?? "-",
            ]
        }
        guard !rows.isEmpty else { return [.paragraph("The run recorded no build or startup measurements.")] }
        let tools = Set(results.contenders.compactMap { $0.build?.locTool })
        var note = "Measured by the arena for the same spec on this machine. Lines of code"
        note += tools.isEmpty ? "" : " counted with \(tools.sorted().joined(separator: ", "))"
        note +=
            "; dependencies as each toolchain reports them. These are shown as measurements; only lines of code, build and startup times enter the scores."
        return [
            .paragraph(note),
            .table(
                header: [
                    "Contender", "Lines", "Clean build", "Incremental", "Direct deps", "Total deps", "Binary",
                    "Startup", "Idle RSS",
                ],
                rows: rows),
        ]
    }

    static func sources(_ v: Verdict) -> [Block] {
        var items: [String] = []
        for c in v.criteria where c.basis == .published {
            for comp in c.components {
                let cites = Set(comp.citations.values).sorted()
                guard !cites.isEmpty else { continue }
                var s = "\(comp.label): " + cites.joined(separator: "; ")
                if let caveat = comp.caveat { s += ". Caveat: \(caveat)" }
                items.append(s)
            }
        }
        var b: [Block] = [.heading(2, "Published figures and their caveats")]
        b.append(
            .paragraph(
                "From \(v.datasetTitle). Tags: primary source = read in the original publication; secondary source = read where it is quoted. Override or drop any figure with --dataset FILE."
            ))
        if !items.isEmpty { b.append(.bullets(items)) }
        if !v.caveats.isEmpty { b.append(.bullets(v.caveats.map { "Caveat: \($0)" })) }
        return b
    }

    static let methodSentence =
        "Per measure, score = value ÷ best (higher is better) or best ÷ value (lower is better): 1 for the best, a plain ratio below. A criterion's score is the mean of its measures that every ranked contender has; a measure some contender lacks is left out for all, and a criterion with none left is dropped and the other weights renormalised. Total = Σ weight × score ÷ Σ weight. Scores marked * are shown but weigh 0 in this profile. docs/VERDICT.md has the details."

    static func percent(_ share: Double) -> String { Format.fixed(share * 100, 0) + "%" }

    /// `share` as a percentage, with a decimal when whole numbers would hide its difference from `other`.
    static func percent(_ share: Double, _ other: Double) -> String {
        let whole = percent(share)
        return whole == percent(other) ? Format.fixed(share * 100, 1) + "%" : whole
    }

    // MARK: - the answer first

    /// The default profile's answer: who, how sure, three reasons, what it rests on; then every profile in one line.
    static func answer(_ v: Verdict, all: [Verdict]) -> [Block] {
        var b: [Block] = [.paragraph("For the **\(v.profile.name)** profile (`\(v.profile.id)`, the default):")]
        b += recommendation(v, showExcluded: false)
        let reasons = Array(v.reasons.prefix(4))
        if !reasons.isEmpty { b.append(.bullets(reasons)) }
        b.append(.paragraph(basisSentence(v)))
        b.append(oneLinePerProfile(all))
        return b
    }

    /// One row per profile: who, and how sure.
    static func oneLinePerProfile(_ verdicts: [Verdict]) -> Block {
        .table(
            header: ["Profile", "Answer", "Confidence", "Language"],
            rows: verdicts.map { v in
                [v.profile.name, headline(v), confidence(v), languageHeadline(v) ?? "-"]
            })
    }

    /// "Rust · hyper" or "no clear winner: Rust · hyper, Go · net/http".
    static func headline(_ v: Verdict) -> String {
        guard let top = v.ranking.first else { return "nothing ranked" }
        if let u = v.uncertainty, !u.clearWinner {
            return "no clear winner: " + u.tiedForFirst.map { name(v, $0) }.joined(separator: ", ")
        }
        return name(v, top.candidate.name)
    }

    /// "first in 97% of 400 resamples" or the tied contenders' shares.
    static func confidence(_ v: Verdict) -> String {
        guard let u = v.uncertainty, let top = v.ranking.first else { return "-" }
        if u.clearWinner { return "first in \(percent(u.firstShares[top.candidate.name] ?? 0)) of \(u.resamples) resamples" }
        return u.tiedForFirst.map { "\(name(v, $0)) first in \(percent(u.firstShares[$0] ?? 0))" }.joined(separator: ", ")
    }

    /// The two lines `battle run` ends its terminal summary with.
    static func terminalLines(_ v: Verdict, all: [Verdict]) -> [String] {
        let total = v.ranking.first.map { r in
            " (score \(Format.fixed(r.total, 2))" + (r.interval.map { ", \(Format.fixed($0.low, 2))-\(Format.fixed($0.high, 2))" } ?? "") + ")"
        } ?? ""
        return [
            "verdict (\(v.profile.id)): \(headline(v))\(total); \(confidence(v))"
                + (languageHeadline(v).map { "; language: \($0)" } ?? ""),
            "other profiles: "
                + all.filter { $0.profile.id != v.profile.id }.map { "\($0.profile.id) \(headline($0))" }.joined(separator: "; ")
                + " (battle verdict --all-profiles)",
        ]
    }

    // MARK: - summary

    static func summaryTable(_ verdicts: [Verdict]) -> Block {
        .table(
            header: ["Profile", "Ranking (score, 95% interval)", "Confidence", "Measured share", "Closest flip"],
            rows: verdicts.map { v in
                let ranking = v.ranking.map { r in
                    "\(r.rank). \(r.candidate.displayName) \(Format.fixed(r.total, 2))"
                        + (r.interval.map { " (\(Format.fixed($0.low, 2))-\(Format.fixed($0.high, 2)))" } ?? "")
                }
                .joined(separator: ", ")
                let confidence: String
                if let u = v.uncertainty, let top = v.ranking.first {
                    confidence =
                        u.clearWinner
                        ? "\(top.candidate.displayName) first in \(percent(u.firstShares[top.candidate.name] ?? 0))"
                        : "no clear winner (\(u.tiedForFirst.map { name(v, $0) + " " + percent(u.firstShares[$0] ?? 0) }.joined(separator: ", ")))"
                } else {
                    confidence = "-"
                }
                var flip = v.ranking.count < 2 ? "-" : "none"
                if let s = v.sensitivity, let f = s.flips.first {
                    flip = "\(f.criterion.title) \(percent(f.fromShare, f.toShare))→\(percent(f.toShare, f.fromShare))"
                } else if let s = v.sensitivity, s.margin <= Scorer.tieTolerance {
                    flip = "tied"
                }
                return [
                    v.profile.name, ranking.isEmpty ? "nothing ranked" : ranking, confidence, percent(v.basis.measuredShare),
                    flip,
                ]
            })
    }
}
