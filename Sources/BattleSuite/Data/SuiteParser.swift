import BattleCore

/// Reads a suite folder's `suite.toml` (docs/SUITE.md, "Suites as data") into
/// a `SuiteSpec`. Pure: the folder's files come in as `SuiteFiles`. Every
/// error is a `TOMLFileError` naming the file, the key and the fix: unknown
/// keys, bad ranges, templates naming undeclared parameters, files that are
/// missing or not what they should be.
public struct SuiteParser {
    let files: SuiteFiles
    /// `FOLDER/suite.toml`, as errors name it.
    let file: String

    public static let syntaxHelp = "the format is in docs/SUITE.md, \"Suites as data\""

    public static func parse(_ files: SuiteFiles) throws(TOMLFileError) -> SuiteSpec {
        try SuiteParser(files: files, file: files.display(SuiteFiles.manifest)).suite()
    }

    static let topKeys: Set<String> = ["name", "version", "description", "database", "tests", "server_checks"]
    static let testKeys: Set<String> = [
        "description", "params", "requests", "plan", "effects", "query_counts", "verify_samples", "verify_only",
        "builtin",
    ]
    static let planKeys: Set<String> = ["connections", "rates", "equal_rate", "capacity"]
    static let effectKeys: Set<String> = ["name", "query", "change"]
    static let queryCountKeys: Set<String> = ["statement", "table", "per_request"]

    func suite() throws(TOMLFileError) -> SuiteSpec {
        guard let bytes = files.files[SuiteFiles.manifest] else {
            throw TOMLFileError(
                file: file,
                message: "no suite.toml in the folder; create one (`battle suite new NAME` writes a skeleton)")
        }
        let manifest = try utf8(bytes, path: SuiteFiles.manifest, key: nil)
        let root = try TOMLReader.parse(manifest, file: file, syntaxHelp: Self.syntaxHelp)
        try root.rejectUnknownKeys(Self.topKeys, file: file)
        let name = try root.requiredString("name", file: file)
        guard Self.isName(name) else {
            throw TOMLFileError(
                file: file, key: "name",
                message: "'\(name)' is not a suite name; use lower-case letters, digits, '-' and '_', e.g. \"shop\"")
        }
        guard let version = root["version"]?.integer else {
            throw TOMLFileError(
                file: file, key: "version",
                message: root["version"] == nil
                    ? "missing; add `version = 1`" : "must be an integer, e.g. `version = 1`")
        }
        guard version >= 1 else {
            throw TOMLFileError(file: file, key: "version", message: "must be 1 or more, not \(version)")
        }
        let description = try root.optionalString("description", file: file)
        var seed: [SeedFile] = []
        if let db = try root.optionalTable("database", file: file) {
            try db.rejectUnknownKeys(["seed"], file: file, prefix: "database.")
            for path in try db.optionalStrings("seed", file: file, prefix: "database.") ?? [] {
                seed.append(SeedFile(path: path, sql: try text(path, key: "database.seed")))
            }
        }
        guard let tests = try root.optionalTable("tests", file: file), !tests.isEmpty else {
            throw TOMLFileError(
                file: file, key: "tests",
                message: "no tests; add at least one, e.g. [tests.hello] with a [[tests.hello.requests]] path")
        }
        var specs: [SuiteTestSpec] = []
        for (testName, value) in tests.entries {
            guard Self.isName(testName) else {
                throw TOMLFileError(
                    file: file, key: "tests.\(testName)",
                    message: "not a test name; use lower-case letters, digits, '-' and '_'")
            }
            guard let table = value.table else {
                throw TOMLFileError(
                    file: file, key: "tests.\(testName)", message: "must be a table: [tests.\(testName)]")
            }
            specs.append(try test(testName, table))
        }
        var serverChecks: [ServerBuiltinCheck] = []
        for n in try root.optionalStrings("server_checks", file: file) ?? [] {
            guard let c = ServerBuiltinCheck(rawValue: n) else {
                throw TOMLFileError(
                    file: file, key: "server_checks",
                    message:
                        "no server check '\(n)'; known: \(ServerBuiltinCheck.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            serverChecks.append(c)
        }
        return SuiteSpec(
            name: name, version: version, description: description, seed: seed, tests: specs,
            contentHash: files.contentHash, serverChecks: serverChecks)
    }

    /// A suite, test or request name: lower-case letters, digits, `-` and `_`, up to 64.
    public static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64
            && s.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    // MARK: tests

    func test(_ name: String, _ t: TOMLTable) throws(TOMLFileError) -> SuiteTestSpec {
        let prefix = "tests.\(name)."
        try t.rejectUnknownKeys(Self.testKeys, file: file, prefix: prefix)
        let parameters = try self.parameters(t, prefix: prefix)
        let known = parameters.map(\.name)
        guard let requestValues = t["requests"] else {
            throw TOMLFileError(
                file: file, key: prefix + "requests",
                message: "missing; add a request: [[tests.\(name).requests]] with path = \"/...\"")
        }
        guard let array = requestValues.array, !array.isEmpty else {
            throw TOMLFileError(
                file: file, key: prefix + "requests",
                message: "must be an array of tables: [[tests.\(name).requests]], one per kind of request")
        }
        var requests: [RequestSpec] = []
        for (i, v) in array.enumerated() {
            guard let r = v.table else {
                throw TOMLFileError(file: file, key: "\(prefix)requests[\(i)]", message: "must be a table")
            }
            requests.append(
                try request(r, prefix: "\(prefix)requests[\(i)].", index: i, single: array.count == 1, known: known))
        }
        var seen = Set<String>()
        for (i, r) in requests.enumerated() where !seen.insert(r.name).inserted {
            throw TOMLFileError(
                file: file, key: "\(prefix)requests[\(i)].name",
                message: "'\(r.name)' names two requests of the mix; give each a name of its own")
        }
        guard requests.contains(where: { $0.weight > 0 }) else {
            throw TOMLFileError(
                file: file, key: prefix + "requests",
                message:
                    "every request has weight 0; give at least one a weight of 1 or more, or the load has nothing to send"
            )
        }
        var builtins: [TestBuiltinCheck] = []
        for n in try t.optionalStrings("builtin", file: file, prefix: prefix) ?? [] {
            guard let c = TestBuiltinCheck(rawValue: n) else {
                throw TOMLFileError(
                    file: file, key: prefix + "builtin",
                    message:
                        "no built-in test check '\(n)'; known: \(TestBuiltinCheck.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            builtins.append(c)
        }
        var samples = 5
        if let n = try t.optionalInteger("verify_samples", file: file, prefix: prefix) {
            guard (1...1000).contains(n) else {
                throw TOMLFileError(
                    file: file, key: prefix + "verify_samples", message: "must be 1..1000, not \(n); the default is 5")
            }
            samples = n
        }
        return SuiteTestSpec(
            name: name, description: try t.optionalString("description", file: file, prefix: prefix),
            parameters: parameters, requests: requests, plan: try levels(t, prefix: prefix),
            databaseChecks: try databaseChecks(t, prefix: prefix, requests: requests.map(\.name)),
            verifySamples: samples, builtins: builtins)
    }

    func parameters(_ t: TOMLTable, prefix: String) throws(TOMLFileError) -> [ParameterSpec] {
        guard let params = try t.optionalTable("params", file: file, prefix: prefix) else { return [] }
        var out: [ParameterSpec] = []
        for (name, value) in params.entries {
            let key = prefix + "params." + name
            guard Template.isName(name) else {
                throw TOMLFileError(
                    file: file, key: key, message: "not a parameter name; use letters, digits, '_' and '-'")
            }
            guard let p = value.table else {
                throw TOMLFileError(
                    file: file, key: key,
                    message: "must be a table: \(name) = { range = [1, 10000] } or \(name) = { file = \"values.txt\" }")
            }
            try p.rejectUnknownKeys(["range", "file"], file: file, prefix: key + ".")
            switch (p["range"], p["file"]) {
            case (let range?, nil):
                guard let a = range.array, a.count == 2, let lo = a[0].integer, let hi = a[1].integer, lo <= hi else {
                    throw TOMLFileError(
                        file: file, key: key + ".range",
                        message: "must be [LOW, HIGH], two integers with LOW ≤ HIGH, e.g. [1, 10000]; got \(range)")
                }
                out.append(ParameterSpec(name: name, source: .range(lo...hi)))
            case (nil, let f?):
                guard let path = f.string else {
                    throw TOMLFileError(file: file, key: key + ".file", message: "must be a path in quotes")
                }
                let lines = try text(path, key: key + ".file").split(separator: "\n").map {
                    $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
                }.filter { !$0.trimmingWhitespace().isEmpty }
                guard !lines.isEmpty else {
                    throw TOMLFileError(
                        file: file, key: key + ".file",
                        message: "\(files.display(path)) has no values; write one value per line")
                }
                out.append(ParameterSpec(name: name, source: .values(file: path, lines)))
            default:
                throw TOMLFileError(
                    file: file, key: key,
                    message: "needs exactly one of `range = [LOW, HIGH]` and `file = \"PATH\"`")
            }
        }
        return out
    }

    /// The test's plan, or none for a `verify_only` test (checked by
    /// `battle verify --suite`, never loaded), which must then have no `plan`.
    func levels(_ t: TOMLTable, prefix: String) throws(TOMLFileError) -> PlanSpec {
        guard let v = t["verify_only"] else { return try plan(t, prefix: prefix) }
        guard let only = v.bool else {
            throw TOMLFileError(
                file: file, key: prefix + "verify_only", message: "must be true or false, not \(v.typeName)")
        }
        guard only else { return try plan(t, prefix: prefix) }
        if t["plan"] != nil {
            throw TOMLFileError(
                file: file, key: prefix + "plan",
                message: "a verify_only test is never loaded, so it has no plan; remove [\(prefix)plan] or verify_only")
        }
        return .verifyOnly
    }

    func plan(_ t: TOMLTable, prefix: String) throws(TOMLFileError) -> PlanSpec {
        guard let p = try t.optionalTable("plan", file: file, prefix: prefix) else { return .defaults }
        let key = prefix + "plan."
        try p.rejectUnknownKeys(Self.planKeys, file: file, prefix: key)
        func counts(_ name: String) throws(TOMLFileError) -> [Int]? {
            guard let v = p[name] else { return nil }
            guard let a = v.array, a.allSatisfy({ ($0.integer ?? 0) > 0 }) else {
                throw TOMLFileError(
                    file: file, key: key + name, message: "must be an array of whole numbers above 0, e.g. [16, 64]")
            }
            return a.compactMap(\.integer)
        }
        func flag(_ name: String) throws(TOMLFileError) -> Bool? {
            guard let v = p[name] else { return nil }
            guard let b = v.bool else {
                throw TOMLFileError(file: file, key: key + name, message: "must be true or false, not \(v.typeName)")
            }
            return b
        }
        let d = PlanSpec.defaults
        let plan = PlanSpec(
            connections: try counts("connections") ?? d.connections, rates: try counts("rates") ?? d.rates,
            equalRate: try flag("equal_rate") ?? d.equalRate, capacity: try flag("capacity") ?? d.capacity)
        if plan.connections.isEmpty && plan.rates.isEmpty {
            throw TOMLFileError(
                file: file, key: key + "connections",
                message: "the test gets no level: give connections (e.g. [16, 64]) or rates (e.g. [1000])")
        }
        return plan
    }

    func databaseChecks(_ t: TOMLTable, prefix: String, requests: [String]) throws(TOMLFileError) -> [DatabaseCheck] {
        var out: [DatabaseCheck] = []
        for (i, e) in try tables(t, "effects", prefix: prefix).enumerated() {
            let key = "\(prefix)effects[\(i)]."
            try e.rejectUnknownKeys(Self.effectKeys, file: file, prefix: key)
            let query = try e.requiredString("query", file: file, prefix: key)
            let change: EffectCheck.Change
            switch e["change"] {
            case .integer(let n)?: change = .perRequest(n)
            case .string("any")?: change = .changed
            case .string("none")?: change = .unchanged
            default:
                throw TOMLFileError(
                    file: file, key: key + "change",
                    message:
                        "must be an integer (the change per request, e.g. 1), \"any\" (changed) or \"none\" (unchanged)"
                )
            }
            let name = try e.optionalString("name", file: file, prefix: key) ?? "effects[\(i)]"
            out.append(.effect(EffectCheck(name: name, query: query, change: change)))
        }
        for (i, q) in try tables(t, "query_counts", prefix: prefix).enumerated() {
            let key = "\(prefix)query_counts[\(i)]."
            try q.rejectUnknownKeys(Self.queryCountKeys, file: file, prefix: key)
            let s = try q.requiredString("statement", file: file, prefix: key)
            guard let statement = QueryCountCheck.Statement(rawValue: s) else {
                throw TOMLFileError(
                    file: file, key: key + "statement",
                    message:
                        "'\(s)' is not one of \(QueryCountCheck.Statement.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let table = try q.requiredString("table", file: file, prefix: key)
            var perKind: [String: Int]?
            var n = 1
            if let kinds = q["per_request"]?.table {
                perKind = try self.perKind(kinds, key: key + "per_request", requests: requests)
            } else {
                n = try q.optionalInteger("per_request", file: file, prefix: key) ?? 1
                guard n >= 1 else {
                    throw TOMLFileError(file: file, key: key + "per_request", message: "must be 1 or more, not \(n)")
                }
            }
            out.append(
                .queryCount(
                    QueryCountCheck(statement: statement, table: table.lowercased(), perRequest: n, perKind: perKind)))
        }
        return out
    }

    /// `per_request = { KIND = N, ... }`: a count for every request of the test, by name.
    func perKind(_ t: TOMLTable, key: String, requests: [String]) throws(TOMLFileError) -> [String: Int] {
        var out: [String: Int] = [:]
        for (name, v) in t.entries {
            guard requests.contains(name) else {
                throw TOMLFileError(
                    file: file, key: key + "." + name,
                    message:
                        "the test has no request named '\(name)'; its requests: \(requests.joined(separator: ", "))")
            }
            guard let n = v.integer, n >= 0 else {
                throw TOMLFileError(
                    file: file, key: key + "." + name, message: "must be an integer, 0 or more (statements per request)"
                )
            }
            out[name] = n
        }
        if let missing = requests.first(where: { out[$0] == nil }) {
            throw TOMLFileError(
                file: file, key: key,
                message:
                    "names no count for the request '\(missing)'; give every request of the test one, e.g. \(missing) = 1"
            )
        }
        return out
    }

    // MARK: helpers

    /// An array of tables at `key` (`[[PREFIX.key]]`), or none.
    func tables(_ t: TOMLTable, _ key: String, prefix: String) throws(TOMLFileError) -> [TOMLTable] {
        guard let v = t[key] else { return [] }
        guard let a = v.array, a.allSatisfy({ $0.table != nil }) else {
            throw TOMLFileError(
                file: file, key: prefix + key, message: "must be an array of tables: [[\(prefix + key)]]")
        }
        return a.compactMap(\.table)
    }

    /// A file of the folder as UTF-8 text; `key` is the key that names it.
    func text(_ path: String, key: String) throws(TOMLFileError) -> String {
        guard let bytes = files.files[Self.normalized(path)] else {
            throw TOMLFileError(
                file: file, key: key,
                message:
                    "cannot read \(files.display(path)): no such file in the suite folder; create it or fix the path (relative to the folder, inside it)"
            )
        }
        return try utf8(bytes, path: path, key: key)
    }

    func utf8(_ bytes: [UInt8], path: String, key: String?) throws(TOMLFileError) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        guard s.utf8.elementsEqual(bytes) else {
            throw TOMLFileError(
                file: file, key: key, message: "\(files.display(path)) is not valid UTF-8; save it as UTF-8")
        }
        return s
    }

    /// `./a//b` → `a/b`; `..` is kept, so it names nothing in the folder.
    static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// A template, or an error at `key`; every placeholder must name one of `known`.
    func template(_ text: String, key: String, known: [String]) throws(TOMLFileError) -> Template {
        let t: Template
        do {
            t = try Template.parse(text)
        } catch {
            throw TOMLFileError(file: file, key: key, message: error.message)
        }
        for p in t.parameters where !known.contains(p) {
            let list = known.isEmpty ? "none declared" : "declared: \(known.joined(separator: ", "))"
            throw TOMLFileError(
                file: file, key: key,
                message: "{{\(p)}} is not a parameter of this test (\(list)); declare it under the test's params")
        }
        return t
    }
}
