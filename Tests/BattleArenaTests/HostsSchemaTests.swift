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
}
