import BattleCore
import Foundation
import Testing

@testable import BattleVerdict

/// The root of the package, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite struct DataFilesTests {
    /// The resources compiled in are data/*.toml byte for byte (the links in
    /// Sources/BattleVerdict/Builtin/ point at them).
    @Test func builtInDataIsTheDataFolder() throws {
        for (name, embedded) in [
            ("ecosystem", Builtin.datasetText), ("profiles", Builtin.profilesText), ("prices", Builtin.pricesText),
        ] {
            let file = packageRoot.appendingPathComponent("data/\(name).toml")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(embedded == text, "data/\(name).toml differs from what battle has built in")
        }
    }

    @Test func builtInDatasetCitesEveryFigureAndKeepsTheCaveats() throws {
        let d = try EcosystemDataset.parse(Builtin.datasetText, file: "ecosystem.toml")
        #expect(d.caveats.count >= 5)
        #expect(d.caveats.contains { $0.contains("self-selected") })
        #expect(d.caveats.contains { $0.contains("Swift") && $0.contains("Apple") })
        for f in d.figures {
            #expect(!f.source.isEmpty && !f.year.isEmpty, "\(f.language).\(f.metric) needs a source and a year")
        }
        // Every published criterion has at least one scored metric, and the three languages have hiring figures.
        for c in Criterion.allCases where c.basis == .published { #expect(!d.metrics(feeding: c).isEmpty, "\(c)") }
        for lang in ["Rust", "go", "SWIFT"] {
            #expect(d.figure(language: lang, metric: "so-used-2025")?.value != nil)
        }
        #expect(d.figure(language: "go", metric: "so-used-2025")?.tag == .secondary)
        // Swift has no time-to-productivity figure: it must stay absent, not be filled in.
        #expect(d.figure(language: "swift", metric: "productive-within-month") == nil)
        // Package counts measure different things: shown, never scored.
        #expect(d.metric("packages")?.criterion == nil)
        // Rust's "majority of their coding at work" (2024 survey) and Go's "primary job" answer
        // different questions: two metrics, neither scored.
        #expect(d.figure(language: "rust", metric: "most-work-coding")?.year == "2024")
        #expect(d.figure(language: "go", metric: "most-work-coding") == nil)
        #expect(d.figure(language: "go", metric: "primary-job-use")?.value == 82)
        #expect(d.metric("most-work-coding")?.criterion == nil && d.metric("primary-job-use")?.criterion == nil)
        // Ramp-up shares on one base (respondents who had become productive), so they can be scored together.
        #expect(d.figure(language: "rust", metric: "productive-within-month")?.value == 47)
        #expect(d.figure(language: "go", metric: "productive-within-month")?.value == 43)
        #expect(d.figure(language: "rust", metric: "productive-within-year")?.value == 89)
        #expect(d.figure(language: "go", metric: "productive-within-year")?.value == 96)
        #expect(d.metric("productive-within-month")?.criterion == .rampUpTime)
    }

    @Test func builtInProfilesCoverTheRequiredTeams() throws {
        let set = try ProfileSet.parse(Builtin.profilesText, file: "profiles.toml")
        for id in ["startup", "platform", "edge-api", "data-pipeline", "cost-driven"] {
            let p = try #require(set.profile(id), "missing profile \(id)")
            #expect(!p.summary.isEmpty)
            #expect(p.weights.values.reduce(0, +) > 0)
        }
        #expect(set.profile(set.defaultID) != nil)
        #expect(set.profile("edge-api")!.weight(.tailLatency) > set.profile("edge-api")!.weight(.hiringPool))
        #expect(set.profile("startup")!.weight(.hiringPool) > set.profile("startup")!.weight(.throughputPerCore))
    }

    @Test func builtInPricesNameTheirSourceAndDate() throws {
        let p = try PriceList.parse(Builtin.pricesText, file: "prices.toml")
        #expect(p.vcpuHour > 0 && p.gbHour > 0)
        #expect(p.hoursPerMonth == 730)
        #expect(!p.source.isEmpty && !p.date.isEmpty)
        #expect(p.name.contains("example"))
    }

    @Test func weightsFileWithAnUnknownCriterionNamesFileAndKey() {
        let text = """
            name = "Mine"
            [weights]
            throughput-per-core = 2
            developer-happiness = 5
            """
        #expect {
            _ = try TeamProfile.parseWeightsFile(text, file: "teams/mine.toml")
        } throws: { error in
            let s = String(describing: error)
            return s.contains("teams/mine.toml") && s.contains("weights.developer-happiness")
                && s.contains("unknown criterion")
                && s.contains("tail-latency")
        }
    }

    @Test func weightsFileErrors() throws {
        func message(_ text: String) -> String {
            do {
                _ = try TeamProfile.parseWeightsFile(text, file: "w.toml")
                return "parsed"
            } catch { return error.description }
        }
        #expect(message("name = \"x\"").contains("'weights': missing"))
        #expect(message("[weights]\ntail-latency = -1").contains("weights.tail-latency"))
        #expect(message("[weights]\ntail-latency = \"high\"").contains("must be a number"))
        #expect(message("[weights]\ntail-latency = 0").contains("every weight is 0"))
        #expect(message("tests = [\"db\", \"nope\"]\n[weights]\ntail-latency = 1").contains("unknown test 'nope'"))
        #expect(message("colour = 1\n[weights]\ntail-latency = 1").contains("'colour': unknown key"))
        #expect(message("[weights\n").contains("w.toml: line 1"))
        let p = try TeamProfile.parseWeightsFile(
            "name = \"Mine\"\n[weights]\ncode-size = 3\nbuild-time = 1", file: "dir/mine.toml")
        #expect(p.id == "mine")
        #expect(p.shares.first { $0.criterion == .codeSize }?.share == 0.75)
    }

    @Test func datasetOverlayReplacesAddsAndDropsFigures() throws {
        let overlay = """
            caveats = ["Our own hiring data."]
            [figure.quux.pool]
            value = 50
            source = "our recruiters"
            year = "2032"
            [figure.zed.age]
            drop = true
            [figure.blub.pool]
            value = 5
            year = "2032"
            source = "our recruiters"
            tag = "P"
            [metric.trivia]
            drop = true
            """
        let d = try EcosystemDataset.parse(
            overlay: overlay, file: "mine.toml", over: Synthetic.datasetText, baseFile: "base.toml")
        let quux = try #require(d.figure(language: "Quux", metric: "pool"))
        #expect(quux.value == 50)
        #expect(quux.source == "our recruiters")
        #expect(quux.tag == .secondary)  // kept from the base: only named keys change
        #expect(d.figure(language: "zed", metric: "age") == nil)
        #expect(d.figure(language: "quux", metric: "age") != nil)
        #expect(d.figure(language: "blub", metric: "pool")?.value == 5)
        #expect(d.metric("trivia") == nil && d.figure(language: "zed", metric: "trivia") == nil)
        #expect(d.caveats == ["Made up for tests.", "Our own hiring data."])
    }

    @Test func datasetOverlayErrorsNameTheUserFile() {
        func message(_ overlay: String) -> String {
            do {
                _ = try EcosystemDataset.parse(
                    overlay: overlay, file: "mine.toml", over: Synthetic.datasetText, baseFile: "base.toml")
                return "parsed"
            } catch { return error.description }
        }
        #expect(message("[figure.zed.pool]\nvalu = 3").contains("mine.toml: 'figure.zed.pool.valu': unknown key"))
        #expect(
            message("[figure.zed.speed]\nvalue = 3\nyear = \"1\"\nsource = \"x\"\ntag = \"P\"").contains(
                "no metric 'speed'"))
        #expect(message("[figure.zed.pool]\ntag = \"Q\"").contains("figure.zed.pool.tag"))
        #expect(message("[metric.pool]\ncriterion = \"throughput-per-core\"").contains("measured by the run"))
        #expect(message("[figure.blub.pool]\nvalue = 3").contains("mine.toml: 'figure.blub.pool.tag': missing"))
        #expect(message("[figure.zed.age]\nsince = \"last year\"").contains("not a date"))
    }

    @Test func sinceFiguresScoreYearsAtTheRunDate() throws {
        let f = try #require(Synthetic.dataset.figure(language: "zed", metric: "age"))
        let runDay = Synthetic.start.timeIntervalSince1970 / 86400
        let years = try #require(f.scoredValue(runDay: runDay))
        #expect(abs(years - 10) < 0.01)
        #expect(CivilDate.days("1970-01-01") == 0)
        #expect(CivilDate.days("2000-03-01") == 11017)
        #expect(CivilDate.days("2000-13-01") == nil)
    }
}
