import ArgumentParser
import BattleCore
import BattleVerdict
import Foundation

struct VerdictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdict",
        abstract: "Rank the contenders for a team's priorities, with the numbers behind it.",
        discussion: """
            Combines what the run measured (throughput per CPU-second, p99, memory, capacity, build \
            and startup) with published figures on each language (data/ecosystem.toml: hiring pool, \
            ramp-up, ecosystem age, each with its source) under a team profile's weights, and says \
            which criteria rest on measurement and which on published figures. docs/VERDICT.md \
            describes the profiles, the scoring and the cost model.

            Examples:
              battle verdict --profile startup
              battle verdict results/20261129-101500 --all-profiles --markdown > verdict.md
              battle verdict --weights my-team.toml --target-rps 20000 --slo p99=25ms
              battle verdict --target-rps 20000 --vcpu-hour 0.03

            Exit codes: 0 ok; 1 the results file could not be read; 3 no contender could be ranked; \
            64 bad flags or a bad --weights/--dataset/--prices file.
            """)

    @Argument(help: "A results.json written by `battle run`, or its run folder.")
    var results = "results/latest"

    @Option(help: "The team profile to rank for (see --list-profiles). Default: balanced.")
    var profile: String?

    @Flag(help: "Rank for every built-in profile.")
    var allProfiles = false

    @Option(help: ArgumentHelp("A TOML file with your own weights (docs/VERDICT.md).", valueName: "file"))
    var weights: String?

    @Option(
        help: ArgumentHelp(
            "A TOML file laid over the built-in dataset: replace, add or drop (drop = true) figures.", valueName: "file"
        ))
    var dataset: String?

    @Option(
        name: .customLong("target-rps"), help: "The load the cost model prices, in requests per second. Default: 10000."
    )
    var targetRPS: Double?

    @Option(
        help:
            "The latency objective for the cost model, e.g. p99=10ms. Default: the SLO the run searched capacity under."
    )
    var slo: String?

    @Option(
        name: .customLong("cost-test"),
        help: "The suite test the cost model prices. Default: the profile's, else db if measured.")
    var costTest: String?

    @Option(name: .customLong("vcpu-hour"), help: "US dollars per vCPU-hour, over the built-in example price list.")
    var vcpuHour: Double?

    @Option(
        name: .customLong("gb-hour"), help: "US dollars per GB-hour of memory, over the built-in example price list.")
    var gbHour: Double?

    @Option(
        help: ArgumentHelp(
            "A TOML price list replacing the built-in one (data/prices.toml's format).", valueName: "file"))
    var prices: String?

    @Option(
        help: ArgumentHelp(
            "Bootstrap resamples of the run behind each interval and first-place share (0 for none).",
            valueName: "n"))
    var resamples = Uncertainty.defaultResamples

    @Option(help: ArgumentHelp("The resamples' random seed: the same seed gives the same verdict.", valueName: "n"))
    var seed = Uncertainty.defaultSeed

    @Flag(help: "Write the verdict as JSON (battle-verdict/1).")
    var json = false

    @Flag(help: "Write the verdict as Markdown.")
    var markdown = false

    @Flag(help: "List the built-in profiles and exit.")
    var listProfiles = false

    func validate() throws {
        if resamples < 0 || resamples > 100_000 {
            throw ValidationError(
                "--resamples \(resamples): give 0 (no intervals) to 100000; the default is \(Uncertainty.defaultResamples)"
            )
        }
        if json && markdown { throw ValidationError("--json and --markdown: choose one output format") }
        if allProfiles && (profile != nil || weights != nil) {
            throw ValidationError(
                "--all-profiles ranks every built-in profile; drop --profile/--weights, or drop --all-profiles")
        }
        if profile != nil && weights != nil {
            throw ValidationError("--profile and --weights both choose the weights: give one of them")
        }
        if let profile, Builtin.profiles.profile(profile) == nil {
            throw ValidationError(
                "unknown profile '\(profile)'; built-in profiles: \(Builtin.profiles.ids.joined(separator: ", ")) (or --weights FILE)"
            )
        }
        if let t = targetRPS, !(t > 0 && t.isFinite) {
            throw ValidationError("--target-rps must be more than 0, e.g. --target-rps 5000")
        }
        for (flag, v) in [("--vcpu-hour", vcpuHour), ("--gb-hour", gbHour)] {
            if let v, !(v >= 0 && v.isFinite) {
                throw ValidationError("\(flag) must be a price of 0 or more in US dollars, e.g. 0.04")
            }
        }
        if let slo {
            do { _ = try SLO(parsing: slo) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        if listProfiles {
            try CommandOutput.write(BlockRenderer.text(ProfileListing.blocks(Builtin.profiles)))
            return
        }
        let runResults: RunResults
        do { runResults = try ResultsCoding.readResults(at: results) } catch {
            if !FileManager.default.fileExists(atPath: results) && results == "results/latest" {
                throw Self.fail(
                    "no results at results/latest; run `battle run` first, or pass a results.json or run folder",
                    .failure)
            }
            throw Self.fail(error.description, .failure)
        }
        if let costTest, SuiteTest.builtin(named: costTest) == nil,
            !runResults.contenders.contains(where: { $0.result(for: SuiteTest(costTest)) != nil })
        {
            let known = SuiteTest.ordered(runResults.contenders.flatMap { $0.tests.map(\.test) })
            throw Self.fail(
                "--cost-test: unknown test '\(costTest)'; tests in these results: \(known.map(\.rawValue).joined(separator: ", "))",
                .usage)
        }
        let data = try loadDataset()
        let profiles = try chosenProfiles()
        let options = CostOptions(
            targetRPS: targetRPS ?? CostOptions.defaultTargetRPS, targetGiven: targetRPS != nil,
            slo: try slo.map { try SLO(parsing: $0) },
            prices: try loadPrices().overriding(vcpuHour: vcpuHour, gbHour: gbHour),
            test: costTest.map(SuiteTest.init(rawValue:)))
        let resampled = Resamples(runResults, count: resamples, seed: seed)
        let verdicts = profiles.map {
            VerdictBuilder.build(runResults, dataset: data, profile: $0, cost: options, resampled: resampled)
        }

        if json {
            let encoder = ResultsCoding.encoder()
            let bytes =
                allProfiles
                ? try encoder.encode(VerdictSet(resultsID: runResults.id, verdicts: verdicts))
                : try encoder.encode(verdicts[0])
            try CommandOutput.write(String(decoding: bytes, as: UTF8.self) + "\n")
        } else {
            let blocks =
                allProfiles
                ? VerdictDocument.brief(verdicts, results: runResults)
                : VerdictDocument.full(verdicts[0], results: runResults)
            try CommandOutput.write(
                markdown ? BlockRenderer.markdown(blocks) : BlockRenderer.text(blocks))
        }
        if verdicts.allSatisfy({ $0.ranking.isEmpty }) {
            throw ExitCode(ExitStatus.nothingMeasured.rawValue)
        }
    }

    func chosenProfiles() throws -> [TeamProfile] {
        let set = Builtin.profiles
        if allProfiles { return set.profiles }
        if let weights {
            let text = try Self.read(weights, flag: "--weights")
            do { return [try TeamProfile.parseWeightsFile(text, file: weights)] } catch {
                throw Self.fail(error.description, .usage)
            }
        }
        return [set.profile(profile ?? set.defaultID)!]
    }

    func loadDataset() throws -> EcosystemDataset {
        guard let dataset else { return Builtin.dataset }
        let text = try Self.read(dataset, flag: "--dataset")
        do { return try Builtin.dataset(overlay: text, file: dataset) } catch {
            throw Self.fail(error.description, .usage)
        }
    }

    func loadPrices() throws -> PriceList {
        guard let prices else { return Builtin.prices }
        let text = try Self.read(prices, flag: "--prices")
        do { return try PriceList.parse(text, file: prices) } catch { throw Self.fail(error.description, .usage) }
    }

    static func read(_ path: String, flag: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("\(flag) \(path): cannot read the file; check the path", .usage)
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func fail(_ message: String, _ status: ExitStatus) -> CommandFailure {
        CommandFailure(status, message)
    }
}
