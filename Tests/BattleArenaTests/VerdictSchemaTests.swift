import BattleCore
import BattleVerdict
import Foundation
import Testing

/// schemas/verdict.schema.json against what `battle verdict --json` writes:
/// verdicts built from the results fixtures must validate, and together must
/// use every property the schema declares (so the schema cannot go stale
/// either way), and so must a `VerdictSet` (`--all-profiles`).
@Suite struct VerdictSchemaTests {
    typealias Validator = ResultsSchemaTests.Validator
    static let repo = ResultsSchemaTests.repo

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: repo + "/schemas/verdict.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The schema with its root registered as a definition named `#`: the
    /// validator resolves a `$ref` by its last path segment, and a verdict set's
    /// `verdicts` refer to the root (`"$ref": "#"`).
    static func schemaResolvingRoot() throws -> [String: Any] {
        var schema = try schema()
        var defs = try #require(schema["$defs"] as? [String: Any])
        defs["#"] = schema
        schema["$defs"] = defs
        return schema
    }

    static func fixture(_ name: String) throws -> RunResults {
        try ResultsCoding.readResults(at: repo + "/Tests/Fixtures/results/\(name).json")
    }

    static func json(_ verdict: Verdict) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: ResultsCoding.encoder().encode(verdict)) as? [String: Any])
    }

    static func options(slo: String?, test: SuiteTest? = nil) throws -> CostOptions {
        CostOptions(
            targetRPS: 20_000, targetGiven: true, slo: try slo.map { try SLO(parsing: $0) },
            prices: Builtin.prices, test: test)
    }

    /// Named verdicts covering what the model can write:
    /// - every built-in profile on small.json, pricing json (the one test with
    ///   a capacity search; the default pick is orders): capacity under an SLO, a crashed
    ///   contender (excluded), a stripped one, client-bound trials, Swift without
    ///   a ramp-up figure (a criterion dropped), profiles that name tests;
    /// - every profile on compare-old.json: no capacity, so cost from CPU-seconds;
    /// - small.json under an SLO no rate met: the cost is `inf`;
    /// - small.json with every contender failed: no ranking, no sensitivity,
    ///   no cost test, no SLO.
    static func verdicts() throws -> [(name: String, verdict: Verdict)] {
        let small = try fixture("small")
        let old = try fixture("compare-old")
        let dataset = Builtin.dataset
        let profiles = Builtin.profiles.profiles
        let balanced = try #require(Builtin.profiles.profile("balanced"))
        var out: [(String, Verdict)] = []
        for p in profiles {
            out.append(
                (
                    "small/\(p.id)",
                    VerdictBuilder.build(
                        small, dataset: dataset, profile: p, cost: try options(slo: "p99=5ms", test: .json))
                ))
            out.append(
                (
                    "compare-old/\(p.id)",
                    VerdictBuilder.build(old, dataset: dataset, profile: p, cost: try options(slo: "p99=10ms"))
                ))
        }
        out.append(
            (
                "small/slo-never-met",
                VerdictBuilder.build(
                    small, dataset: dataset, profile: balanced, cost: try options(slo: "p99=1us", test: .json))
            ))
        // Three ranked (go's crash forgiven): the pair below the top two has a flip of its own.
        var three = small
        for i in three.contenders.indices { three.contenders[i].status = .ok }
        out.append(
            (
                "small/three-ranked",
                VerdictBuilder.build(three, dataset: dataset, profile: balanced, cost: try options(slo: "p99=10ms", test: .json))
            ))
        var failed = small
        for i in failed.contenders.indices where failed.contenders[i].status == .ok {
            failed.contenders[i].status = .buildFailed
            failed.contenders[i].failure = "linker error\nmore log"
        }
        out.append(
            (
                "small/all-failed",
                VerdictBuilder.build(failed, dataset: dataset, profile: balanced, cost: try options(slo: nil))
            ))
        return out
    }

    @Test func everyVerdictValidatesAndTogetherTheyUseEveryProperty() throws {
        let schema = try Self.schema()
        var v = Validator(root: schema)
        let verdicts = try Self.verdicts()
        for (name, verdict) in verdicts {
            v.check(try Self.json(verdict), schema, at: "[\(name)]")
        }
        #expect(v.errors.isEmpty, "\(v.errors)")
        // The verdict set's own properties are the next test's.
        let unused = v.declaredProperties().filter { !$0.hasPrefix("verdictSet.") }.subtracting(v.usedProperties)
        #expect(unused.isEmpty, "declared in the schema but never written: \(unused.sorted())")

        // The cases are what they claim to be, so the coverage above means something.
        let byName = Dictionary(uniqueKeysWithValues: verdicts.map { ($0.name, $0.verdict) })
        let balanced = try #require(byName["small/balanced"])
        #expect(balanced.excluded.map(\.status) == [.crashed])
        #expect(balanced.cost.method == .capacity && balanced.sensitivity != nil)
        #expect(byName["compare-old/balanced"]?.cost.method == .cpuSeconds)
        #expect(byName["small/slo-never-met"]?.cost.estimates.contains { $0.monthlyUSD == .infinity } == true)
        let none = try #require(byName["small/all-failed"])
        #expect(none.ranking.isEmpty && none.sensitivity == nil && none.cost.test == nil && none.cost.slo == nil)
    }

    @Test func theAllProfilesOutputValidates() throws {
        // What `battle verdict small.json --all-profiles --json --target-rps 20000 --slo p99=5ms` writes.
        let small = try Self.fixture("small")
        let options = try Self.options(slo: "p99=5ms")
        let resampled = Resamples(small, count: Uncertainty.defaultResamples, seed: Uncertainty.defaultSeed)
        let verdictSet = VerdictSet(
            resultsID: small.id,
            verdicts: Builtin.profiles.profiles.map {
                VerdictBuilder.build(small, dataset: Builtin.dataset, profile: $0, cost: options, resampled: resampled)
            })
        let data = try ResultsCoding.encoder().encode(verdictSet)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let verdicts = try #require(json["verdicts"] as? [[String: Any]])
        #expect(verdicts.count == Builtin.profiles.profiles.count)

        let schema = try Self.schemaResolvingRoot()
        let set: [String: Any] = ["$ref": "#/$defs/verdictSet"]
        var v = Validator(root: schema)
        v.check(json, set, at: "$")
        #expect(v.errors.isEmpty, "\(v.errors)")
        let setProperties = v.declaredProperties().filter { $0.hasPrefix("verdictSet.") }
        #expect(setProperties.count == 3 && setProperties.isSubset(of: v.usedProperties))

        // A drifted verdict inside the set is caught, so the set's items are checked as verdicts.
        var drifted = verdicts[0]
        drifted["surprise"] = 1
        json["verdicts"] = [drifted] + verdicts.dropFirst()
        json.removeValue(forKey: "resultsID")
        var d = Validator(root: schema)
        d.check(json, set, at: "$")
        #expect(d.errors.contains("$.verdicts[0]: surprise is not in the schema"))
        #expect(d.errors.contains("$: missing resultsID"))
    }

    @Test func theValidatorCatchesDrift() throws {
        let schema = try Self.schema()
        let results = try Self.fixture("small")
        let verdict = VerdictBuilder.build(
            results, dataset: Builtin.dataset, profile: try #require(Builtin.profiles.profile("balanced")),
            cost: try Self.options(slo: "p99=5ms", test: .json))
        var json = try Self.json(verdict)
        var clean = Validator(root: schema)
        clean.check(json, schema, at: "$")
        #expect(clean.errors.isEmpty, "\(clean.errors)")

        json["surprise"] = 1
        json.removeValue(forKey: "cost")
        var profile = try #require(json["profile"] as? [String: Any])
        profile.removeValue(forKey: "weights")
        json["profile"] = profile
        var criteria = try #require(json["criteria"] as? [[String: Any]])
        criteria[0]["criterion"] = "speed"
        criteria[0]["scored"] = "yes"
        json["criteria"] = criteria
        var ranking = try #require(json["ranking"] as? [[String: Any]])
        ranking[0]["total"] = "high"
        json["ranking"] = ranking
        var v = Validator(root: schema)
        v.check(json, schema, at: "$")
        #expect(v.errors.contains("$: surprise is not in the schema"))
        #expect(v.errors.contains("$: missing cost"))
        #expect(v.errors.contains("$.profile: missing weights"))
        #expect(v.errors.contains { $0.hasPrefix("$.criteria[0].criterion: speed not in") })
        #expect(v.errors.contains("$.criteria[0].scored: not a boolean"))
        #expect(v.errors.contains("$.ranking[0].total: matches 0 of oneOf"))
        #expect(v.errors.count == 6, "\(v.errors)")
    }
}
