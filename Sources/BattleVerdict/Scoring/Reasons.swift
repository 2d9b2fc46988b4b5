import BattleCore

/// The sentences that say what decided the ranking between the leader and the
/// runner-up, each with the numbers behind it and where they come from.
public enum Reasons {
    public static func write(
        _ scoring: Scoring, dataset: EcosystemDataset, cost: CostReport, uncertainty: Uncertainty? = nil
    ) -> [String] {
        guard let first = scoring.ranking.first else { return [] }
        guard scoring.ranking.count >= 2 else {
            return ["\(first.candidate.displayName) is the only contender ranked, so nothing was compared."]
        }
        let a = first.candidate
        let b = scoring.ranking[1].candidate
        var head: [String] = []
        if let u = uncertainty { head.append(confidence(scoring, u)) }
        let counted = scoring.criteria.filter(\.counted)
        let contributions = counted.compactMap { c -> (CriterionResult, Double)? in
            guard let sa = c.scores[a.name], let sb = c.scores[b.name] else { return nil }
            return (c, c.share * (sa - sb))
        }
        .filter { abs($0.1) > 1e-6 }
        let pro = contributions.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        let con = contributions.filter { $0.1 < 0 }.sorted { $0.1 < $1.1 }
        var out: [String] = []
        if first.rank == scoring.ranking[1].rank {
            out.append(
                "\(a.displayName) and \(b.displayName) are tied at \(Format.fixed(first.total, 3)): the criteria in each one's favour cancel out."
            )
        }
        for (c, _) in pro.prefix(4) {
            out.append(sentence(c, winner: a, loser: b, dataset: dataset, cost: cost, ratios: uncertainty?.ratios))
        }
        let wanted = max(1, 3 - out.count)
        for (c, _) in con.prefix(wanted) {
            out.append(
                "Against it: "
                    + sentence(c, winner: b, loser: a, dataset: dataset, cost: cost, ratios: uncertainty?.ratios, inverted: true))
        }
        return head + Array(out.prefix(5))
    }

    /// "Rust is first in 97% of 400 resamples of the run (score 0.91, 0.88-0.94; Go 0.80, 0.76-0.84)." or
    /// "No clear winner between A and B on this evidence: ..."
    static func confidence(_ scoring: Scoring, _ u: Uncertainty) -> String {
        let a = scoring.ranking[0]
        let b = scoring.ranking[1]
        func share(_ r: RankedContender) -> String { Format.fixed((r.firstShare ?? 0) * 100, 0) + "%" }
        func total(_ r: RankedContender) -> String {
            Format.fixed(r.total, 2) + (r.interval.map { " (\(Format.fixed($0.low, 2))-\(Format.fixed($0.high, 2)))" } ?? "")
        }
        let totals = "scores \(total(a)) vs \(total(b)), 95% intervals"
        let margin = Format.fixed(Uncertainty.minimumLead, 2)
        if u.clearWinner {
            return
                "\(a.candidate.displayName) is first in \(share(a)) of \(u.resamples) resamples of the run's trials and leads \(b.candidate.displayName) by at least \(margin) in \(Format.fixed((u.leadShares[b.candidate.name] ?? 0) * 100, 0))% of them (\(totals)): a clear winner on this evidence."
        }
        let tied = scoring.ranking.filter { u.tiedForFirst.contains($0.candidate.name) }
        let names = tied.map(\.candidate.displayName)
        let list = names.count == 2 ? "\(names[0]) and \(names[1])" : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return
            "No clear winner between \(list) on this evidence: in \(u.resamples) resamples of the run's trials "
            + tied.map { "\($0.candidate.displayName) is first in \(share($0))" }.joined(separator: ", ")
            + " (\(totals); a winner must lead by at least \(margin) in \(Format.fixed(Uncertainty.separableShare * 100, 0))% of resamples). More trials (--trials) or longer levels (--duration) would narrow the intervals; the reasons below say what each one leads on."
    }

    /// " (95%: 2.31-2.52×)" for the ratio behind a component, when resampled.
    static func interval(_ ratios: [String: Interval]?, _ c: Criterion, _ comp: Component, inverted: Bool) -> String {
        guard let i = ratios?[Uncertainty.key(c, comp.key)], i.low > 0 else { return "" }
        let (lo, hi) = inverted ? (1 / i.high, 1 / i.low) : (i.low, i.high)
        return " (ratio \(Format.significant(lo))-\(Format.significant(hi))×, 95%)"
    }

    /// "Throughput per core (30% of the weight): Rust served 2.40× Go's ... (measured)."
    static func sentence(
        _ c: CriterionResult, winner w: Candidate, loser l: Candidate, dataset: EcosystemDataset, cost: CostReport,
        ratios: [String: Interval]? = nil, inverted: Bool = false
    ) -> String {
        let head = "\(c.criterion.title.capitalizedFirst) (\(Format.fixed(c.share * 100, 0))% of the weight): "
        // The components where the winner's lead is largest, at most two, and the one
        // where the loser leads most, if any, so a sentence never hides the other side.
        let gaps = c.components.filter { $0.counted && $0.values[w.name] != nil && $0.values[l.name] != nil }
            .map { comp -> (Component, Double) in
                let names = [w.name, l.name]
                let best = Scorer.best(comp, names.map { comp.values[$0]! })
                let gap =
                    comp.better.score(comp.values[w.name]!, best: best)
                    - comp.better.score(comp.values[l.name]!, best: best)
                return (comp, gap)
            }
        let parts = gaps.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(2).map(\.0)
        let counter = gaps.filter { $0.1 < 0 }.min { $0.1 < $1.1 }?.0
        let wl = dataset.displayName(language: w.language)
        let ll = dataset.displayName(language: l.language)
        let vs = { (comp: Component) in
            pair(comp, w.name, l.name) + (c.basis == .measured ? interval(ratios, c.criterion, comp, inverted: inverted) : "")
        }
        let body: String
        switch c.criterion {
        case .throughputPerCore:
            body =
                "\(w.displayName) served "
                + parts.enumerated().map { i, comp in
                    let times =
                        ValueFormat.times(comp.values[w.name]! / comp.values[l.name]!)
                        + interval(ratios, c.criterion, comp, inverted: inverted)
                    return i == 0
                        ? "\(times) \(l.displayName)'s responses per CPU-second on \(comp.key) (\(pair(comp, w.name, l.name)))"
                        : "\(times) on \(comp.key) (\(pair(comp, w.name, l.name)))"
                }.joined(separator: " and ") + " (measured)."
        case .tailLatency:
            body =
                "\(w.displayName) kept tail latency lower: "
                + parts.map { "\($0.label) \(vs($0))" }.joined(separator: "; ") + " (measured)."
        case .memoryFootprint:
            body =
                "\(w.displayName) used less memory: " + parts.map { "\($0.label) \(vs($0))" }.joined(separator: "; ")
                + " (measured)."
        case .costAtTargetLoad:
            let ew = cost.estimate(w.name)
            let el = cost.estimate(l.name)
            var cores = ""
            if let vw = ew?.vcpus, let vl = el?.vcpus {
                cores = ", \(Format.significant(vw)) vs \(Format.significant(vl)) vCPUs"
            }
            let from = cost.method == .capacity ? "measured capacity under the SLO" : "measured CPU-seconds"
            body =
                "\(w.displayName) costs less: \(parts.map(vs).joined(separator: "; ")) for \(Format.count(cost.targetRPS)) req/s\(cores) at \(cost.prices.name) prices (\(from) × example prices)."
        case .startupTime:
            body =
                "\(w.displayName) started faster: \(parts.map(vs).joined(separator: "; ")) from spawn to ready (measured)."
        case .codeSize:
            body =
                "\(w.displayName) needed fewer lines for the same spec: \(parts.map(vs).joined(separator: "; ")) (measured)."
        case .buildTime:
            body =
                "\(w.displayName) built faster: " + parts.map { "\($0.label) \(vs($0))" }.joined(separator: ", ")
                + " (measured)."
        case .hiringPool:
            body = "\(wl)'s developer pool is larger: " + figures(parts, w, l, wl, ll) + "."
        case .rampUpTime:
            body = "\(wl) developers report being productive sooner: " + figures(parts, w, l, wl, ll) + "."
        case .ecosystemMaturity:
            body = "\(wl)'s ecosystem is more mature by the dataset's measure: " + figures(parts, w, l, wl, ll) + "."
        }
        guard let counter else { return head + body }
        let owner = c.basis == .published ? ll : l.displayName
        let value = pair(counter, l.name, w.name)
        let label =
            c.basis == .published ? "\(counter.label) (\(counter.citations[l.name] ?? "no citation"))" : counter.label
        return head + String(body.dropLast()) + "; but \(owner) leads on \(label): \(value)."
    }

    /// "12.0k/CPU-s vs 4000/CPU-s", "4.7 vs 4 million developers".
    static func pair(_ comp: Component, _ a: String, _ b: String) -> String {
        let unit = " " + comp.unit
        if comp.kind == .figure, comp.unit.count > 1, comp.shown[a] == nil, comp.shown[b] == nil,
            let va = comp.values[a], let vb = comp.values[b]
        {
            return "\(ValueFormat.figure(va, unit: "")) vs \(ValueFormat.figure(vb, unit: ""))\(unit)"
        }
        return "\(comp.display(a)) vs \(comp.display(b))"
    }

    /// "16.4% vs 14.8% of respondents used it in the past year (Stack Overflow ..., 2025, secondary source)".
    static func figures(_ parts: [Component], _ w: Candidate, _ l: Candidate, _ wl: String, _ ll: String) -> String {
        parts.map { comp in
            let phrase = comp.label
            let cw = comp.citations[w.name] ?? "no citation"
            let cl = comp.citations[l.name] ?? "no citation"
            let cite = cw == cl ? cw : "\(wl): \(cw); \(ll): \(cl)"
            return "\(pair(comp, w.name, l.name)) (\(phrase); \(cite))"
        }.joined(separator: "; ")
    }
}
