import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// schemas/hosts.schema.json and `HostsFile.parse` agree: every case of
/// `HostsFileTests` (and the example file) is read as TOML, turned into the
/// JSON document it stands for, and validated; the schema must accept exactly
/// what battle accepts, except the cases marked as battle's alone. Together
/// the valid cases use every property the schema declares.
@Suite struct HostsSchemaTests {
    typealias Validator = ResultsSchemaTests.Validator

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: ResultsSchemaTests.repo + "/schemas/hosts.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The JSON document a TOML table stands for, as JSONSerialization reads it back.
    static func json(_ table: TOMLTable) throws -> Any {
        func convert(_ v: TOMLValue) -> Any {
            switch v {
            case .string(let s): s
            case .integer(let i): i
            case .float(let d): d
            case .bool(let b): b
            case .array(let a): a.map(convert)
            case .table(let t): Dictionary(uniqueKeysWithValues: t.entries.map { ($0.key, convert($0.value)) })
            }
        }
        let data = try JSONSerialization.data(withJSONObject: convert(.table(table)))
        return try JSONSerialization.jsonObject(with: data)
    }

    static func schemaErrors(_ text: String) throws -> [String] {
        let schema = try schema()
        var v = Validator(root: schema)
        v.check(try json(TOMLReader.parse(text, file: "hosts.toml")), schema, at: "$")
        return v.errors
    }

    @Test(arguments: HostsFileTests.cases) func schemaAndParserAgree(_ c: HostsFileTests.Case) throws {
        let errors = try Self.schemaErrors(c.text)
        let parserAccepts = (try? HostsFile.parse(c.text, file: "hosts.toml")) != nil
        if c.schemaToo {
            #expect(
                errors.isEmpty == parserAccepts,
                "\(c.name): battle \(parserAccepts ? "accepts" : "refuses"), the schema says \(errors)")
        } else {
            // battle's own rules: the schema accepts, battle refuses.
            #expect(errors.isEmpty && !parserAccepts, "\(c.name): \(errors)")
        }
    }

    @Test func theExampleFileValidatesAndTheValidCasesUseEveryProperty() throws {
        let schema = try Self.schema()
        var v = Validator(root: schema)
        let example = try String(contentsOfFile: ResultsSchemaTests.repo + "/examples/hosts.toml", encoding: .utf8)
        v.check(try Self.json(TOMLReader.parse(example, file: "examples/hosts.toml")), schema, at: "[example]")
        for c in HostsFileTests.cases where c.errorKey == nil {
            v.check(try Self.json(TOMLReader.parse(c.text, file: "hosts.toml")), schema, at: "[\(c.name)]")
        }
        #expect(v.errors.isEmpty, "\(v.errors)")
        let unused = v.declaredProperties().subtracting(v.usedProperties)
        #expect(unused.isEmpty, "declared in the schema but never used by a valid case: \(unused.sorted())")
    }

    /// Python's jsonschema (a dependency of kubernetes-validate, in the same
    /// venv), a validator of the full Draft 2020-12, as a second opinion on
    /// the small one above: it must judge every case the same way.
    static var python: String {
        let tools = ProcessInfo.processInfo.environment["BATTLE_TOOLS"] ?? ResultsSchemaTests.repo + "/.tools"
        return tools + "/py-venv/bin/python"
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: python),
            "no Python venv at \(python): run scripts/bootstrap (it installs jsonschema with kubernetes-validate)"))
    func pythonsJSONSchemaAgrees() throws {
        let cases = HostsFileTests.cases
        var documents: [Any] = []
        for c in cases { documents.append(try Self.json(TOMLReader.parse(c.text, file: "hosts.toml"))) }
        let dir = NSTemporaryDirectory() + "battle-hosts-schema-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try JSONSerialization.data(withJSONObject: documents).write(to: URL(fileURLWithPath: dir + "/cases.json"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.python)
        p.arguments = [
            ResultsSchemaTests.repo + "/Tests/Fixtures/schemas/validate-json.py",
            ResultsSchemaTests.repo + "/schemas/hosts.schema.json", dir + "/cases.json",
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(
            p.terminationStatus == 0, "jsonschema failed (is it installed in \(Self.python)? run scripts/bootstrap)")
        let verdicts = try #require(try JSONSerialization.jsonObject(with: data) as? [Bool])
        try #require(verdicts.count == cases.count)
        for (c, valid) in zip(cases, verdicts) {
            let swiftValid = try Self.schemaErrors(c.text).isEmpty
            #expect(valid == swiftValid, "\(c.name): jsonschema says \(valid), battle's test validator \(swiftValid)")
        }
    }
}
