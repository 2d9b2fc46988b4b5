import BattleCore

extension ProfileSet {
    public static let formatName = "battle-profiles/1"

    /// Parses a profiles file: `[profile.ID]` tables, each like a weights file.
    public static func parse(_ text: String, file: String) throws(DataFileError) -> ProfileSet {
        let t = try TOMLReader.parse(text, file: file)
        try t.rejectUnknownKeys(["format", "default", "profile"], file: file)
        let format = try t.requiredString("format", file: file)
        guard format == formatName else {
            throw TOMLFileError(file: file, key: "format", message: "is '\(format)'; this battle reads '\(formatName)'")
        }
        let table =
            try t.optionalTable("profile", file: file) ?? TOMLTable()
        var profiles: [TeamProfile] = []
        for (id, p) in try table.subtables(file: file, prefix: "profile.") {
            profiles.append(try TeamProfile.parse(p, id: id, file: file, prefix: "profile.\(id)."))
        }
        guard !profiles.isEmpty else {
            throw TOMLFileError(file: file, key: "profile", message: "no profiles; add a [profile.NAME] table")
        }
        let defaultID =
            try t.optionalString("default", file: file) ?? profiles[0].id
        guard profiles.contains(where: { $0.id == defaultID }) else {
            throw TOMLFileError(
                file: file, key: "default",
                message: "no profile '\(defaultID)'; use one of: \(profiles.map(\.id).joined(separator: ", "))")
        }
        return ProfileSet(profiles: profiles, defaultID: defaultID)
    }
}

extension TeamProfile {
    static let keys: Set<String> = ["name", "summary", "tests", "cost-test", "language-standing", "weights"]

    /// Parses a `--weights` file: `name`, `summary`, optional `tests` and
    /// `cost-test`, and a `[weights]` table of criterion = number.
    public static func parseWeightsFile(_ text: String, file: String) throws(DataFileError) -> TeamProfile {
        let t = try TOMLReader.parse(text, file: file)
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let id = base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
        return try parse(t, id: id, file: file, prefix: "")
    }

    static func parse(_ t: TOMLTable, id: String, file: String, prefix: String) throws(DataFileError) -> TeamProfile {
        try t.rejectUnknownKeys(keys, file: file, prefix: prefix)
        let name = try t.optionalString("name", file: file, prefix: prefix) ?? id
        let summary = try t.optionalString("summary", file: file, prefix: prefix) ?? ""
        var tests: [SuiteTest]?
        if let names = try t.optionalStrings("tests", file: file, prefix: prefix) {
            tests = try names.map { (n: String) throws(TOMLFileError) -> SuiteTest in
                try suiteTest(n, file: file, key: prefix + "tests")
            }
        }
        var costTest: SuiteTest?
        if let n = try t.optionalString("cost-test", file: file, prefix: prefix) {
            costTest = try suiteTest(n, file: file, key: prefix + "cost-test")
        }
        var standing = LanguageBasis.best
        if let n = try t.optionalString("language-standing", file: file, prefix: prefix) {
            guard let b = LanguageBasis(rawValue: n) else {
                throw TOMLFileError(
                    file: file, key: prefix + "language-standing",
                    message:
                        "is '\(n)'; use \"best\" (a language ranks by its best stack) or \"median\" (by its median stack)"
                )
            }
            standing = b
        }
        guard let table = try t.optionalTable("weights", file: file, prefix: prefix) else {
            throw TOMLFileError(
                file: file, key: prefix + "weights",
                message: "missing; add a [\(prefix)weights] table such as `throughput-per-core = 3`")
        }
        var weights: [Criterion: Double] = [:]
        for (key, value) in table.entries {
            let full = prefix + "weights." + key
            guard let c = Criterion(rawValue: key) else {
                throw TOMLFileError(
                    file: file, key: full, message: "unknown criterion; known criteria: \(Criterion.knownNames)")
            }
            guard let w = value.number else {
                throw TOMLFileError(file: file, key: full, message: "must be a number, not \(value.typeName)")
            }
            guard w.isFinite, w >= 0 else {
                throw TOMLFileError(file: file, key: full, message: "must be a number of 0 or more, not \(w)")
            }
            weights[c] = w
        }
        guard weights.values.contains(where: { $0 > 0 }) else {
            throw TOMLFileError(
                file: file, key: prefix + "weights",
                message: "every weight is 0; give at least one criterion a positive weight")
        }
        return TeamProfile(
            id: id.lowercased(), name: name, summary: summary, weights: weights, tests: tests, costTest: costTest,
            languageStanding: standing)
    }

    static func suiteTest(_ name: String, file: String, key: String) throws(TOMLFileError) -> SuiteTest {
        guard let t = SuiteTest.builtin(named: name) else {
            let known = SuiteTest.allCases.map(\.rawValue).joined(separator: ", ")
            throw TOMLFileError(file: file, key: key, message: "unknown test '\(name)'; known tests: \(known)")
        }
        return t
    }
}
