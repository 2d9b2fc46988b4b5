import BattleCore
import Testing

@testable import BattleVerdict

@Suite struct VerdictBuilderTests {
    /// zed is slow but has the bigger hiring pool; quux is fast with the smaller pool; blub has no figures.
    var results: RunResults {
        Synthetic.run([
            Synthetic.simple("zed-web", language: "Zed", perCPU: 4_000, p99: 3_000, rss: 80 << 20),
            Synthetic.simple("quux-web", language: "QUUX", perCPU: 12_000, p99: 900, rss: 20 << 20),
            Synthetic.simple("blub-web", language: "blub", perCPU: 8_000, p99: 1_500, rss: 40 << 20),
        ])
    }

    @Test func aProfileWeightingOnlyThroughputRanksByThroughput() {
        let v = Synthetic.verdict(results, [.throughputPerCore: 1])
        #expect(v.ranking.map(\.candidate.name) == ["quux-web", "blub-web", "zed-web"])
        #expect(v.ranking.map(\.total) == [1, 8_000.0 / 12_000, 4_000.0 / 12_000])
        #expect(v.basis.measuredShare == 1 && v.basis.publishedShare == 0)
    }

    @Test func aProfileWeightingOnlyHiringRanksByTheHiringFigures() throws {
        let two = Synthetic.run(results.contenders.filter { $0.language != "blub" })
        let v = Synthetic.verdict(two, [.hiringPool: 1])
        #expect(v.ranking.map(\.candidate.name) == ["zed-web", "quux-web"])
        #expect(v.ranking.map(\.total) == [1, 10.0 / 30])
        #expect(v.basis.publishedShare == 1)
        // The figures join by language case-insensitively ("QUUX" -> quux) and carry their citation.
        let pool = try #require(v.criteria.first { $0.criterion == .hiringPool }?.components.first)
        #expect(pool.values["quux-web"] == 10)
        #expect(pool.citations["quux-web"] == "Quux poll, 2031, secondary source")
    }

    @Test func aLanguageWithoutFiguresGetsNoDataNeverANumber() throws {
        let v = Synthetic.verdict(results, [.hiringPool: 1, .throughputPerCore: 1])
        let hiring = try #require(v.criteria.first { $0.criterion == .hiringPool })
        #expect(hiring.components.first?.values["blub-web"] == nil)
        #expect(hiring.components.first?.display("blub-web") == "no data")
        // The figure blub lacks still compares the two languages that have one...
        #expect(hiring.counted && hiring.droppedBecause == nil)
        #expect(hiring.scores["blub-web"] == nil)
        #expect(hiring.scores["zed-web"] == 1 && hiring.scores["quux-web"] == 10.0 / 30)
        // ...and blub's total rests on its other criteria, which the notes say.
        #expect(
            v.notes.contains(
                "Blub-Web has no data for hiring pool: its 50% of the weight is spread over its other criteria."),
            "\(v.notes)")
        let blub = try #require(v.ranking.first { $0.candidate.name == "blub-web" })
        #expect(abs(blub.total - 8_000.0 / 12_000) < 1e-12)
        let quux = try #require(v.ranking.first { $0.candidate.name == "quux-web" })
        #expect(abs(quux.total - (1 + 10.0 / 30) / 2) < 1e-12)
    }

    /// A lower-is-better value of 0 scores 1 and does not zero the others.
    @Test func aZeroLowerIsBetterValueDoesNotZeroTheOthers() throws {
        var r = results
        r.contenders[0].startup = StartupRecord(secondsToReady: 0, idleRSSBytes: nil)
        r.contenders[1].startup = StartupRecord(secondsToReady: 0.02, idleRSSBytes: nil)
        r.contenders[2].startup = StartupRecord(secondsToReady: 0.04, idleRSSBytes: nil)
        let v = Synthetic.verdict(r, [.startupTime: 1], resamples: 0)
        let startup = try #require(v.criteria.first { $0.criterion == .startupTime })
        #expect(startup.scores["zed-web"] == 1)
        #expect(startup.scores["quux-web"] == 1)  // the best value above zero
        #expect(startup.scores["blub-web"] == 0.5)
    }

    @Test func aFailedContenderIsExcludedWithItsReason() {
        var r = results
        r.contenders.append(
            Synthetic.contender(
                "broken", language: "Zed", status: .buildFailed, failure: "linker error: undefined symbol\nmore log"))
        r.contenders.append(Synthetic.contender("crashy", language: "quux", status: .crashed))
        let v = Synthetic.verdict(r, [.throughputPerCore: 1])
        #expect(v.ranking.count == 3)
        #expect(!v.ranking.contains { $0.candidate.name == "broken" || $0.candidate.name == "crashy" })
        #expect(v.excluded.map(\.candidate.name) == ["broken", "crashy"])
        #expect(v.excluded[0].reason == "did not build: linker error: undefined symbol")
        #expect(v.excluded[1].reason == "crashed during a level")
        let text = BlockRenderer.text(VerdictDocument.full(v, results: r))
        #expect(text.contains("Broken (build-failed): did not build: linker error"))
    }

    @Test func noContenderFinishedMeansNoRanking() {
        let r = Synthetic.run([Synthetic.contender("x", language: "zed", status: .startFailed)])
        let v = Synthetic.verdict(r, [.throughputPerCore: 1])
        #expect(v.ranking.isEmpty && v.reasons.isEmpty && v.sensitivity == nil)
        #expect(BlockRenderer.text(VerdictDocument.full(v, results: r)).contains("no contender could be ranked"))
    }

    @Test func reasonsCarryTheNumbersAndTheirSource() throws {
        let two = Synthetic.run(results.contenders.filter { $0.language != "blub" })
        let v = Synthetic.verdict(two, [.throughputPerCore: 3, .hiringPool: 1, .tailLatency: 1])
        #expect(v.ranking.first?.candidate.name == "quux-web")
        #expect((4...6).contains(v.reasons.count))
        // First how sure the ranking is, then what decided it.
        #expect(v.reasons[0].hasPrefix("Quux-Web is first in"))
        #expect(v.reasons[1].contains("Quux-Web served 3.00× (ratio 2.9"), "\(v.reasons[1])")
        #expect(
            v.reasons[1].contains("×, 95%) Zed-Web's responses per CPU-second on db (12.0k/CPU-s vs 4000/CPU-s)"),
            "\(v.reasons[1])")
        #expect(v.reasons[1].hasSuffix("(measured)."))
        #expect(v.reasons.contains { $0.contains("tail latency lower") && $0.contains("900us vs 3.00ms") })
        let against = try #require(v.reasons.first { $0.hasPrefix("Against it:") })
        #expect(against.contains("Zed's developer pool is larger: 30% vs 10%"))
        #expect(against.contains("Zed: Zed census, 2030, primary source; Quux: Quux poll, 2031, secondary source"))
    }

    @Test func aReasonAlsoNamesTheMeasureThatPointsTheOtherWay() throws {
        let overlay = """
            [metric.census]
            label = "people counted by a census"
            unit = "million people"
            criterion = "hiring-pool"
            [figure.zed.census]
            value = 1
            year = "2033"
            source = "census"
            tag = "P"
            [figure.quux.census]
            value = 1.5
            year = "2033"
            source = "census"
            tag = "P"
            """
        let data = try EcosystemDataset.parse(
            overlay: overlay, file: "o.toml", over: Synthetic.datasetText, baseFile: "b.toml")
        let two = Synthetic.run(results.contenders.filter { $0.language != "blub" })
        let v = Synthetic.verdict(two, [.hiringPool: 1], dataset: data)
        #expect(v.ranking.first?.candidate.name == "zed-web")  // (1 + 2/3)/2 against (1/3 + 1)/2
        let reason = try #require(v.reasons.dropFirst().first)
        #expect(reason.contains("Zed's developer pool is larger: 30% vs 10%"))
        #expect(
            reason.contains(
                "but Quux leads on people counted by a census (census, 2033, primary source): 1.5 vs 1 million people.")
        )
    }

    @Test func sensitivityFlipsTheRankingWhenApplied() throws {
        let two = Synthetic.run(results.contenders.filter { $0.language != "blub" })
        // Equal weights tie them (1 + 1/3 each); the tie is reported as such.
        let tied = Synthetic.verdict(two, [.throughputPerCore: 1, .hiringPool: 1])
        #expect(tied.ranking.map(\.rank) == [1, 1])
        #expect(tied.sensitivity?.margin == 0)
        #expect(BlockRenderer.text(VerdictDocument.full(tied, results: two)).contains("are tied"))

        let v = Synthetic.verdict(two, [.throughputPerCore: 2, .hiringPool: 1])
        let s = try #require(v.sensitivity)
        let flip = try #require(s.flips.first { $0.criterion == .hiringPool })
        let leader = v.ranking[0].candidate.name
        let share = flip.toShare + 0.01
        let flipped = Synthetic.verdict(two, [.throughputPerCore: 1 - share, .hiringPool: share])
        #expect(flipped.ranking[0].candidate.name != leader)
        let text = BlockRenderer.text(VerdictDocument.full(v, results: two))
        #expect(
            text.contains(
                "Zed-Web would overtake if throughput per core fell from 67% to 50% of the weight; or if hiring pool rose from 33% to 50%"
            ))
    }

    @Test func profileTestsLimitTheMeasuredCriteria() throws {
        let r = Synthetic.run([
            Synthetic.contender(
                "p", language: "zed",
                tests: [
                    TestResult(test: .db, levels: [Synthetic.level(rps: 100, perCPU: 100, p99: 10)]),
                    TestResult(test: .json, levels: [Synthetic.level(rps: 900, perCPU: 900, p99: 10)]),
                ]),
            Synthetic.contender(
                "q", language: "quux",
                tests: [
                    TestResult(test: .db, levels: [Synthetic.level(rps: 200, perCPU: 200, p99: 10)]),
                    TestResult(test: .json, levels: [Synthetic.level(rps: 300, perCPU: 300, p99: 10)]),
                ]),
        ])
        let all = VerdictBuilder.build(
            r, dataset: Synthetic.dataset, profile: Synthetic.profile([.throughputPerCore: 1]),
            cost: CostOptions(prices: Synthetic.prices))
        #expect(all.ranking.first?.candidate.name == "p")  // (0.5 + 1)/2 vs (1 + 1/3)/2
        let dbOnly = VerdictBuilder.build(
            r, dataset: Synthetic.dataset, profile: Synthetic.profile([.throughputPerCore: 1], tests: [.db]),
            cost: CostOptions(prices: Synthetic.prices))
        #expect(dbOnly.ranking.first?.candidate.name == "q")
        #expect(dbOnly.notes.contains("Measured criteria use this profile's tests: db."))
    }

    @Test func tailLatencyComparesAtACommonLevelPreferringOpenLoop() throws {
        func c(_ name: String, _ closedP99: Double, _ openP99: Double, extra: Bool) -> ContenderResult {
            var levels = [
                Synthetic.level("c=64", rps: 1000, perCPU: 1000, p99: closedP99),
                Synthetic.level("rate=500/s", rate: 500, rps: 500, perCPU: 1000, p99: openP99),
            ]
            if extra { levels.append(Synthetic.level("rate=900/s", rate: 900, rps: 900, perCPU: 1000, p99: 1)) }
            return Synthetic.contender(name, language: "zed", tests: [TestResult(test: .db, levels: levels)])
        }
        let r = Synthetic.run([c("p", 100, 7000, extra: true), c("q", 900, 3000, extra: false)])
        let v = Synthetic.verdict(r, [.tailLatency: 1])
        let comp = try #require(v.criteria.first { $0.criterion == .tailLatency }?.components.first)
        #expect(comp.label == "db: p99 at rate=500/s")
        #expect(comp.values == ["p": 7000, "q": 3000])
        #expect(v.ranking.first?.candidate.name == "q")
    }

    @Test func clientBoundLevelsAreNotedWhereTheyCount() {
        var r = results
        r.contenders[0].tests[0].levels[0].trials[0].clientBound = true
        r.contenders[0].tests[0].levels[0].summarize()
        let v = Synthetic.verdict(r, [.throughputPerCore: 1])
        // A lower bound is no data: the component (here the only one) is left out for everyone, and says why.
        #expect(v.notes.contains("Nothing could be scored: throughput per core (no data for Zed-Web)."), "\(v.notes)")
        let comp = v.criteria.first { $0.criterion == .throughputPerCore }?.components.first
        #expect(comp?.caveat?.contains("client-bound for Zed-Web") == true)
        #expect(comp?.values["zed-web"] == nil && comp?.values["quux-web"] != nil)
        // The p99 of that level is not the server's either: tail latency has no figure for zed-web.
        let tail = Synthetic.verdict(r, [.tailLatency: 1]).criteria.first { $0.criterion == .tailLatency }
        #expect(tail?.components.first?.values["zed-web"] == nil)
        #expect(tail?.components.first?.values["quux-web"] == 900)
    }

    @Test func aLevelThatAnsweredNothingScoresZeroInsteadOfDisappearing() throws {
        var silent = Synthetic.contender(
            "mute", language: "zed",
            tests: [TestResult(test: .db, levels: [Synthetic.level(rps: 1000, perCPU: 1000, p99: 2000)])])
        // Every request failed: no 2xx, but the server burned CPU.
        silent.tests[0].levels[0].trials[0].load.statusCodes = ["500": 10_000]
        silent.tests[0].levels[0].trials[0].load.latency = .empty
        silent.tests[0].levels[0].summarize()
        let r = Synthetic.run([silent, Synthetic.simple("loud", language: "quux", perCPU: 500, p99: 9000)])
        let v = Synthetic.verdict(r, [.throughputPerCore: 1, .tailLatency: 1])
        let tput = try #require(v.criteria.first { $0.criterion == .throughputPerCore })
        #expect(tput.components[0].values["mute"] == 0)
        #expect(tput.scores["mute"] == 0)
        let tail = try #require(v.criteria.first { $0.criterion == .tailLatency })
        #expect(tail.components[0].display("mute") == "no responses")
        #expect(tail.scores["mute"] == 0)
        #expect(v.ranking.first?.candidate.name == "loud")
    }

    @Test func liveHeapLevelsDoNotSetTheEfficiency() throws {
        let levels = [
            Synthetic.level("c=64", rps: 1000, perCPU: 2000, p99: 10),
            LevelResult(
                label: "c=64 heap=128MB", connections: 64, liveHeapMB: 128,
                trials: [Synthetic.trial(rps: 5000, perCPU: 40, p99: 10, rss: 200 << 20)]),
        ]
        let c = Synthetic.contender("h", language: "zed", tests: [TestResult(test: .orders, levels: levels)])
        #expect(Evidence.efficiencyLevel(c, .orders)?.label == "c=64")
        let onlyHeap = Synthetic.contender(
            "g", language: "zed", tests: [TestResult(test: .orders, levels: [levels[1]])])
        #expect(Evidence.efficiencyLevel(onlyHeap, .orders)?.label == "c=64 heap=128MB")
        // Memory still looks at every level: the catalog is part of the footprint.
        let v = Synthetic.verdict(Synthetic.run([c]), [.memoryFootprint: 1])
        #expect(v.criteria.first { $0.criterion == .memoryFootprint }?.components[0].values["h"] == Double(200 << 20))
    }

    @Test func theRunsOwnNotesAreSummarised() {
        var r = results
        // The count comes from the levels (two trials), not from the one summary note.
        for i in [0, 1] {
            r.contenders[i].tests[0].levels[0].trials[0].clientBound = true
            r.contenders[i].tests[0].levels[0].summarize()
        }
        r.notes = [
            "2 of 3 trials were client-bound: ...", "the machine was not quiet", "note 2", "note 3", "note 4",
        ]
        let v = Synthetic.verdict(r, [.throughputPerCore: 1])
        #expect(v.notes.contains { $0.hasPrefix("The run recorded 2 client-bound trials of 3") }, "\(v.notes)")
        #expect(v.notes.contains("From the run: the machine was not quiet"))
        #expect(v.notes.contains("1 more notes in results.json."))
    }

    @Test func strippedAndPartialRunsAreNoted() {
        var r = Synthetic.run([
            Synthetic.contender(
                "s", language: "zed",
                tests: [TestResult(test: .db, levels: [Synthetic.level(rps: 1, perCPU: 1, p99: 1)])],
                approach: "stripped")
        ])
        r.status = .partial
        let v = Synthetic.verdict(r, [.throughputPerCore: 1])
        #expect(v.notes.contains { $0.contains("S is stripped") })
        #expect(v.notes.contains { $0.contains("The run is partial") })
        #expect(v.reasons == ["S is the only contender ranked, so nothing was compared."])
    }

    /// A client-bound figure is a lower bound: it scores as no data, so the
    /// fastest-looking contender is not ranked on it, and the count comes from the levels.
    @Test func clientBoundLevelsAreNotScored() throws {
        var r = results
        let quux = try #require(r.contenders.firstIndex { $0.name == "quux-web" })
        r.contenders[quux].tests[0].levels[0].trials[0].clientBound = true
        r.contenders[quux].tests[0].levels[0].summarize()
        r.notes = ["one summary note about client-bound trials"]
        let v = Synthetic.verdict(r, [.throughputPerCore: 1])
        // quux-web looks fastest, but its figure is a lower bound: it is never ranked on it.
        #expect(v.ranking.isEmpty || v.ranking.first?.candidate.name != "quux-web")
        let throughput = try #require(v.criteria.first { $0.criterion == .throughputPerCore })
        let component = try #require(throughput.components.first)
        #expect(component.values["quux-web"] == nil)
        #expect(!component.counted)
        #expect(component.caveat?.contains("client-bound") == true)
        #expect(
            VerdictBuilder.resultsNotes(r).first?.contains("1 client-bound trial of 3") == true,
            "\(VerdictBuilder.resultsNotes(r))")
    }

    /// With equal-rate levels, efficiency and tail latency are read there, not at each one's peak.
    @Test func efficiencyAndTailComeFromTheEqualRateLevel() throws {
        var r = results
        for i in r.contenders.indices {
            var equal = Synthetic.level("rate=1000/s", rate: 1000, rps: 1000, perCPU: 5_000, p99: 500 + Double(i) * 100)
            equal.kind = .equalRate
            r.contenders[i].tests[0].levels.append(equal)
        }
        let v = Synthetic.verdict(r, [.tailLatency: 1])
        let tail = try #require(v.criteria.first { $0.criterion == .tailLatency }?.components.first)
        #expect(tail.label.contains("rate=1000/s"))
        #expect(tail.values == ["zed-web": 500, "quux-web": 600, "blub-web": 700])
        let eff = Synthetic.verdict(r, [.throughputPerCore: 1])
        let per = try #require(eff.criteria.first { $0.criterion == .throughputPerCore }?.components.first)
        #expect(per.label.contains("at the equal rate"))
        #expect(Set(per.values.values) == [5_000])
    }

    /// Sensitivity looks at every rank change: the pair below the top two has its flip too.
    @Test func sensitivityCoversEveryNeighbourPair() throws {
        // quux leads on both; blub beats zed on throughput, zed beats blub on tail latency.
        let r = Synthetic.run([
            Synthetic.simple("zed-web", language: "Zed", perCPU: 4_000, p99: 1_000, rss: 80 << 20),
            Synthetic.simple("quux-web", language: "QUUX", perCPU: 12_000, p99: 900, rss: 20 << 20),
            Synthetic.simple("blub-web", language: "blub", perCPU: 8_000, p99: 1_500, rss: 40 << 20),
        ])
        let v = Synthetic.verdict(r, [.throughputPerCore: 3, .tailLatency: 1], resamples: 0)
        #expect(v.ranking.map(\.candidate.name) == ["quux-web", "blub-web", "zed-web"])
        let s = try #require(v.sensitivity)
        let lower = try #require(s.lowerFlips?.first)
        #expect(lower.upper == "blub-web" && lower.lower == "zed-web")
        #expect(s.lowerFlips?.count == 1)
        #expect(lower.flip.criterion == .tailLatency && lower.flip.toShare > lower.flip.fromShare)
        #expect(VerdictDocument.sensitivitySentence(v).contains("Further down, Zed-Web would overtake Blub-Web"))
    }

    /// The verdict says which tier it ranks, and says so when the entries mix tiers.
    @Test func theNotesNameTheTier() {
        #expect(!Synthetic.verdict(results, [.throughputPerCore: 1]).notes.contains { $0.hasPrefix("Tier") })
        var tiered = results
        for i in tiered.contenders.indices { tiered.contenders[i].tier = .idiomatic }
        #expect(Synthetic.verdict(tiered, [.throughputPerCore: 1]).notes.first?.hasPrefix("Tier: idiomatic") == true)
        tiered.contenders[0].tier = .tuned
        let mixed = Synthetic.verdict(tiered, [.throughputPerCore: 1]).notes
        #expect(mixed.first?.hasPrefix("Tiers mixed: 2 idiomatic and 1 tuned entry") == true, "\(mixed)")
    }
}
