import BattleCore
import BattleSuite
import Foundation
import Testing

/// schemas/suite.schema.json and the parser agree: every valid example passes
/// both, every invalid one fails both. The schema is checked with battle's own
/// JSON Schema subset (so it also shows the subset is enough for a real schema),
/// over suite.toml read by TOMLReader and turned into JSON.
@Suite struct SuiteSchemaTests {
    static func schema() throws -> JSONSchema {
        let data = try Data(contentsOf: URL(fileURLWithPath: SuiteFixtures.repo + "/schemas/suite.schema.json"))
        return try JSONSchema(try JSONParser.parse([UInt8](data)))
    }

    static func json(_ v: TOMLValue) -> JSONValue {
        switch v {
        case .string(let s): .string(s)
        case .integer(let i): .integer(i)
        case .float(let d): .number(String(d))
        case .bool(let b): .bool(b)
        case .array(let a): .array(a.map(json))
        case .table(let t): .object(t.entries.map { ($0.key, json($0.value)) })
        }
    }

    /// The schema's violations of a suite.toml text.
    static func schemaErrors(_ toml: String) throws -> [String] {
        try schema().violations(of: json(.table(try TOMLReader.parse(toml, file: "suite.toml"))))
    }

    static func parserAccepts(_ files: SuiteFiles) -> Bool { (try? SuiteParser.parse(files)) != nil }

    static func skeleton() -> SuiteFiles {
        var texts: [String: String] = [:]
        for (path, text) in SuiteSkeleton.files(name: "sk") { texts[path] = text }
        return SuiteFiles(folder: "sk", texts: texts)
    }

    @Test func validExamplesPassBoth() throws {
        let examples = [
            try SuiteFixtures.shop(), Self.skeleton(), SuiteFixtures.minimal("[[tests.t.requests]]\npath = \"/\"\n"),
            try HelpdeskSuiteTests.files(),
            try BattleSuiteDataTests.files(),
        ]
        for files in examples {
            let toml = String(decoding: files.files["suite.toml"]!, as: UTF8.self)
            let errors = try Self.schemaErrors(toml)
            #expect(errors.isEmpty, "\(files.folder): \(errors)")
            #expect(Self.parserAccepts(files), "\(files.folder)")
        }
    }

    /// Edits of the example suite that both must refuse: (old text, new text).
    @Test(arguments: [
        ("version = 2\n", "version = 2\ntimeout = 3\n"),
        ("version = 2", "version = \"2\""),
        ("version = 2", "version = 0"),
        ("name = \"shop\"\n", ""),
        ("id = { range = [1, 50] }", "id = { range = [1, 50, 100] }"),
        ("id = { range = [1, 50] }", "id = { range = [1, 50], file = \"values/skus.txt\" }"),
        ("id = { range = [1, 50] }", "id = { }"),
        ("status = 201", "status = 42"),
        ("status = 201", "status = \"201\""),
        ("weight = 3", "weight = -1"),
        ("version = 2\n", "version = 2\nserver_checks = [\"ping\"]\n"),
        ("[tests.hello]\n", "[tests.hello]\nbuiltin = [\"no-such-check\"]\n"),
        ("per_request = 1", "per_request = { request = -1 }"),
        ("path = \"/hello\"\n", "path = \"/hello\"\nverify_samples = 0\n"),
        ("change = 1", "change = \"more\""),
        ("statement = \"select\"", "statement = \"merge\""),
        ("per_request = 1", "per_request = 0"),
        ("{ pointer = \"/id\", param = \"id\" }", "{ pointer = \"/id\" }"),
        ("{ pointer = \"/id\", param = \"id\" }", "{ pointer = \"/id\", param = \"id\", sql = \"SELECT 1\" }"),
        ("{ pointer = \"/id\", param = \"id\" }", "{ pointer = \"/id\", param = \"id\", regex = \"x\" }"),
        ("headers = [\"Server\"]", "builtin = [\"no-such-check\"]"),
        ("connections = [16]\n", "connections = [0]\n"),
        ("equal_rate = false", "equal_rate = \"no\""),
        ("verify_samples = 4", "verify_samples = 0"),
        ("[tests.hello]\n", "[tests.hello]\nverify_only = \"yes\"\n"),
        ("[tests.hello]\n", "[tests.hello]\nretries = 1\n"),
        ("path = \"/hello\"\n", "path = \"/hello\"\nmethods = [\"GET\"]\n"),
        ("content_type = \"text/plain\"", "content_types = [\"text/plain\"]"),
        ("seed = [\"sql/schema.sql\", \"sql/data.sql\"]", "seed = \"sql/schema.sql\""),
    ])
    func invalidExamplesFailBoth(old: String, new: String) throws {
        let files = try SuiteFixtures.shop(replacing: old, with: new)
        let toml = String(decoding: files.files["suite.toml"]!, as: UTF8.self)
        #expect(try !Self.schemaErrors(toml).isEmpty, "the schema accepts \(new)")
        #expect(!Self.parserAccepts(files), "the parser accepts \(new)")
    }

    /// What only the parser can refuse (the schema has no patterns, no
    /// cross-references and no files): valid for the schema, refused by the parser.
    @Test(arguments: [
        ("name = \"shop\"", "name = \"Shop\""),  // lower-case names
        ("id = { range = [1, 50] }", "id = { range = [50, 1] }"),  // LOW ≤ HIGH
        ("\"/products/{{id}}\"", "\"/products/{{idd}}\""),  // placeholders name declared parameters
        ("\"/products/{{id}}\"", "\"products\""),  // a path starts with /
        ("values/skus.txt", "values/missing.txt"),  // files exist
        ("name = \"page\"", "name = \"by-sku\""),  // request names are unique
        ("method = \"POST\"", "method = \"post\""),  // methods in capitals
        ("content_type = \"text/plain\"", "content_type = \"plain\""),  // a media type
        ("{ pointer = \"/id\", param = \"id\" }", "{ pointer = \"id\", param = \"id\" }"),  // a JSON pointer
        ("connections = [16]\n", "connections = []\n"),  // a level at least
        ("[tests.order]\n", "[tests.order]\nverify_only = true\n"),  // a verify_only test has no plan
        ("path = \"/hello\"\n", "path = \"/hello\"\nweight = 0\n"),  // a request of weight 1 or more
        ("per_request = 1", "per_request = { other = 1 }"),  // per_request names the test's requests
    ])
    func parserOnlyRules(old: String, new: String) throws {
        let files = try SuiteFixtures.shop(replacing: old, with: new)
        let toml = String(decoding: files.files["suite.toml"]!, as: UTF8.self)
        let errors = try Self.schemaErrors(toml)
        #expect(errors.isEmpty, "\(new): \(errors)")
        #expect(!Self.parserAccepts(files), "the parser accepts \(new)")
    }
}
