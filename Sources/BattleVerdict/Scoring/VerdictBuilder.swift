import BattleCore

/// Results + dataset + profile + cost question in, a `Verdict` out. Pure.
public enum VerdictBuilder {
    /// `resamples` bootstrap copies of the run give the ranking its
    /// uncertainty (0 for none); `seed` makes them reproducible. Verdicts of
    /// several profiles over one run share one `Resamples` (`build(_:resamples:...)`).
    public static func build(
        _ results: RunResults, dataset: EcosystemDataset, profile: TeamProfile, cost options: CostOptions,
        resamples: Int = Uncertainty.defaultResamples, seed: UInt64 = Uncertainty.defaultSeed
    ) -> Verdict {
        build(
            results, dataset: dataset, profile: profile, cost: options,
            resampled: Resamples(results, count: resamples, seed: seed))
    }

    public static func build(
        _ results: RunResults, dataset: EcosystemDataset, profile: TeamProfile, cost options: CostOptions,
        resampled: Resamples
    ) -> Verdict {
        let ranked = results.contenders.filter { $0.status == .ok }
        let excluded = results.contenders.filter { $0.status != .ok }.map { c in
            ExcludedContender(candidate: candidate(c), status: c.status, reason: exclusionReason(c))
        }
        let (cost, point) = score(results, dataset: dataset, profile: profile, cost: options)
        var languageSamples: [[LanguageStanding]] = []
        let uncertainty = UncertaintyAnalysis.analyse(resampled, point: point) {
            let s = score($0, dataset: dataset, profile: profile, cost: options).scoring
            languageSamples.append(LanguageRanking.standings(s.ranking, basis: profile.languageStanding))
            return s
        }
        var scoring = point
        if let u = uncertainty {
            for i in scoring.ranking.indices {
                let name = scoring.ranking[i].candidate.name
                scoring.ranking[i].interval = u.totals[name]
                scoring.ranking[i].firstShare = u.firstShares[name]
                // Not separable from the leader: tied for first on this evidence.
                if u.tiedForFirst.contains(name) { scoring.ranking[i].rank = 1 }
            }
        }
        let counted = scoring.criteria.filter(\.counted)
        let basis = BasisSummary(
            measuredShare: counted.filter { $0.basis == .measured }.reduce(0) { $0 + $1.share },
            publishedShare: counted.filter { $0.basis == .published }.reduce(0) { $0 + $1.share },
            measured: counted.filter { $0.basis == .measured }.map(\.criterion),
            published: counted.filter { $0.basis == .published }.map(\.criterion))
        return Verdict(
            resultsID: results.id, profile: ProfileRecord(profile), ranking: scoring.ranking, excluded: excluded,
            criteria: scoring.criteria,
            reasons: Reasons.write(scoring, dataset: dataset, cost: cost, uncertainty: uncertainty),
            sensitivity: Sensitivity.analyse(scoring), cost: cost, basis: basis,
            notes: runNotes(results, ranked: ranked, profile: profile) + scoring.notes + measuredCaveats(scoring),
            caveats: dataset.caveats,
            datasetTitle: dataset.title, uncertainty: uncertainty,
            languages: LanguageRanking.build(point.ranking, basis: profile.languageStanding, samples: languageSamples))
    }

    /// The cost estimate and the scores of one results file: what `build`
    /// computes once on the run and once on each resample.
    static func score(
        _ results: RunResults, dataset: EcosystemDataset, profile: TeamProfile, cost options: CostOptions
    ) -> (cost: CostReport, scoring: Scoring) {
        let ranked = results.contenders.filter { $0.status == .ok }
        let cost = CostModel.estimate(ranked, results: results, options: options, profileTest: profile.costTest)
        var evidence = Evidence.collect(ranked, results: results, dataset: dataset, profile: profile, cost: cost)
        var scoring: Scoring
        if cost.method == .cpuSeconds, (profile.weights[.costAtTargetLoad] ?? 0) > 0,
            (profile.weights[.throughputPerCore] ?? 0) > 0
        {
            // Cost then rests on CPU per request itself: scoring both would count one measurement twice.
            evidence[.throughputPerCore] = []
            scoring = Scorer.score(ranked.map(candidate), evidence: evidence, weights: profile.weights)
            scoring.notes.append(
                "Cost comes from CPU per request (no capacity under an SLO for every contender), so throughput per core is not also scored: one measurement is counted once."
            )
        } else {
            scoring = Scorer.score(ranked.map(candidate), evidence: evidence, weights: profile.weights)
        }
        return (cost, scoring)
    }

    /// Warnings attached to measured components that entered the scores (client-bound levels ...),
    /// one line per criterion.
    static func measuredCaveats(_ scoring: Scoring) -> [String] {
        scoring.criteria.filter { $0.counted && $0.basis == .measured }.compactMap { c in
            let caveats = c.components.filter(\.counted).compactMap { comp in
                comp.caveat.map { c.criterion == .costAtTargetLoad ? $0 : "\(comp.key): \($0)" }
            }
            return caveats.isEmpty ? nil : "\(c.criterion.title.capitalizedFirst): \(caveats.joined(separator: "; "))."
        }
    }

    /// The run's own notes, summarised: client-bound trials counted, the others quoted (at most three).
    static func resultsNotes(_ results: RunResults) -> [String] {
        let levels = results.contenders.flatMap(\.tests).flatMap(\.levels)
        let bound = levels.reduce(0) { $0 + $1.summary.clientBoundTrials }
        let total = levels.reduce(0) { $0 + $1.trials.count }
        let other = results.notes.filter { !$0.contains("client-bound") }
        var out: [String] = []
        if bound > 0 {
            out.append(
                "The run recorded \(bound) client-bound trial\(bound == 1 ? "" : "s") of \(total): the load generator may have limited those figures, so they count as no data here."
            )
        }
        out += other.prefix(3).map { "From the run: \($0)" }
        if other.count > 3 { out.append("\(other.count - 3) more notes in results.json.") }
        return out
    }

    static func candidate(_ c: ContenderResult) -> Candidate {
        Candidate(name: c.name, displayName: c.displayName, language: c.language)
    }

    static func exclusionReason(_ c: ContenderResult) -> String {
        let what: String
        switch c.status {
        case .ok: what = "finished"
        case .buildFailed: what = "did not build"
        case .startFailed: what = "did not start"
        case .verifyFailed: what = "failed verification"
        case .crashed: what = "crashed during a level"
        case .hung: what = "stopped answering during a level"
        case .interrupted: what = "was interrupted"
        case .skipped: what = "was skipped"
        case .databaseFailed: what = "lost database tests to a database failure (not its fault)"
        }
        guard let failure = c.failure?.split(separator: "\n").first, !failure.isEmpty else { return what }
        return "\(what): \(failure)"
    }

    static func runNotes(_ results: RunResults, ranked: [ContenderResult], profile: TeamProfile) -> [String] {
        var notes: [String] = []
        // Which configurations are ranked: the tier, or that the entries mix tiers.
        if let tiers = results.tierLine { notes.append(tiers + ".") }
        notes += resultsNotes(results)
        if results.status != .complete {
            notes.append("The run is \(results.status.rawValue): some contenders or tests may be missing.")
        }
        if results.plan.verificationSkipped {
            notes.append(
                "Verification was skipped (--no-verify): the measured servers were not checked against the suite.")
        }
        let stripped = ranked.filter { $0.approach == "stripped" }
        if !stripped.isEmpty {
            notes.append(
                "\(stripped.map(\.displayName).joined(separator: ", ")) \(stripped.count == 1 ? "is" : "are") stripped (docs/SUITE.md §5): not written the way a production service would be."
            )
        }
        let measuredTests = SuiteTest.ordered(ranked.flatMap { $0.tests.map(\.test) })
        let dataTests = measuredTests.filter { !$0.isBuiltin }
        if !dataTests.isEmpty {
            notes.append(
                "Tests outside the Battle Suite (\(dataTests.map(\.rawValue).joined(separator: ", "))) have no weight of their own in a profile: each takes the default weight of one test, like every test, in the mean of a criterion's per-test figures."
            )
        }
        if let wanted = profile.tests, measuredTests.contains(where: \.isBuiltin) {
            let measured = Set(measuredTests)
            let used = wanted.filter(measured.contains)
            notes.append(
                used.isEmpty
                    ? "This profile looks at \(wanted.map(\.rawValue).joined(separator: ", ")), none of which the run measured."
                    : "Measured criteria use this profile's tests: \(used.map(\.rawValue).joined(separator: ", ")).")
        }
        return notes
    }
}
