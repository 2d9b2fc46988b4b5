import BattleCore
import BattleSuite
import Testing

/// Each keyword of battle's JSON Schema subset, on a value it accepts and one it refuses.
@Suite struct JSONSchemaTests {
    func errors(_ schema: String, _ value: String) throws -> [String] {
        try JSONSchema(try JSONParser.parse(schema)).violations(of: try JSONParser.parse(value))
    }

    @Test(arguments: [
        (#"{"type":"integer"}"#, "3", "3.0"),
        (#"{"type":"number"}"#, "3.5", "\"3\""),
        (#"{"type":["string","null"]}"#, "null", "1"),
        (#"{"type":"boolean"}"#, "true", "0"),
        (#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":"x","b":1}"#, #"{"a":1}"#),
        (#"{"required":["a"]}"#, #"{"a":null}"#, #"{"b":1}"#),
        (#"{"additionalProperties":false,"properties":{"a":true}}"#, #"{"a":1}"#, #"{"a":1,"b":2}"#),
        (#"{"additionalProperties":{"type":"integer"}}"#, #"{"a":1}"#, #"{"a":"1"}"#),
        (#"{"items":{"type":"integer"}}"#, "[1,2]", "[1,\"2\"]"),
        (#"{"minItems":1,"maxItems":2}"#, "[1]", "[]"),
        (#"{"minItems":1,"maxItems":2}"#, "[1,2]", "[1,2,3]"),
        (#"{"enum":["a",1]}"#, "1.0", "\"b\""),
        (#"{"const":{"a":[1]}}"#, #"{"a":[1]}"#, #"{"a":[2]}"#),
        (#"{"minimum":1,"maximum":10}"#, "10", "10.5"),
        (#"{"minimum":1,"maximum":10}"#, "1", "0"),
        (#"{"minLength":2,"maxLength":3}"#, "\"日本\"", "\"日\""),
        (#"{"minLength":2,"maxLength":3}"#, "\"abc\"", "\"abcd\""),
        (#"{"anyOf":[{"type":"string"},{"minimum":5}]}"#, "7", "3"),
        (#"{"oneOf":[{"type":"integer"},{"minimum":5}]}"#, "3", "7"),
        (
            ##"{"$defs":{"id":{"type":"integer"}},"properties":{"id":{"$ref":"#/$defs/id"}}}"##, #"{"id":1}"#,
            #"{"id":"1"}"#
        ),
    ])
    func keyword(schema: String, good: String, bad: String) throws {
        let accepted = try errors(schema, good)
        #expect(accepted.isEmpty, "\(schema) should accept \(good): \(accepted)")
        #expect(try !errors(schema, bad).isEmpty, "\(schema) should refuse \(bad)")
    }

    @Test func violationsNameThePointer() throws {
        let schema = #"{"properties":{"lines":{"items":{"properties":{"a/b":{"type":"integer"}}}}}}"#
        #expect(try errors(schema, #"{"lines":[{},{"a/b":"x"}]}"#) == ["/lines/1/a~1b: expected integer, got a string"])
    }

    @Test func unsupportedKeywordsAndBadRefsAreRefused() throws {
        #expect(throws: JSONSchema.ParseError.self) { try JSONSchema(try JSONParser.parse(#"{"pattern":"^a"}"#)) }
        #expect(throws: JSONSchema.ParseError.self) { try JSONSchema(try JSONParser.parse(##"{"$ref":"#/$defs/x"}"##)) }
        #expect(throws: JSONSchema.ParseError.self) { try JSONSchema(try JSONParser.parse(#"{"type":"int"}"#)) }
        #expect(throws: JSONSchema.ParseError.self) {
            try JSONSchema(try JSONParser.parse(##"{"$ref":"other.json#/x"}"##))
        }
        // annotations are fine
        _ = try JSONSchema(try JSONParser.parse(#"{"title":"t","description":"d","$comment":"c","examples":[1]}"#))
    }

    @Test func pointers() throws {
        let doc = try JSONParser.parse(#"{"a":[{"b~c":1}],"":2}"#)
        #expect(try JSONPointer("/a/0/b~0c").resolve(in: doc) == .number("1"))
        #expect(try JSONPointer("/").resolve(in: doc) == .number("2"))
        #expect(try JSONPointer("").resolve(in: doc) == doc)
        #expect(try JSONPointer("/a/01").resolve(in: doc) == nil)
        #expect(throws: JSONPointer.ParseError.self) { try JSONPointer("a") }
        #expect(throws: JSONPointer.ParseError.self) { try JSONPointer("/a~2") }
    }
}
