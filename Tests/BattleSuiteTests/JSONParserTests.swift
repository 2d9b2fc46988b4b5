import BattleSuite
import Testing

@Suite struct JSONParserTests {
    @Test func keepsNumberSpelling() throws {
        let v = try JSONParser.parse(#"{"a":3.0,"b":1e2,"c":-7,"d":12}"#)
        #expect(v["a"] == .number("3.0"))
        #expect(v["a"]?.integerValue == nil)
        #expect(v["b"]?.integerValue == nil)
        #expect(v["c"]?.integerValue == -7)
        #expect(v["d"]?.integerValue == 12)
    }

    @Test(arguments: [
        "", "{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "\"\u{01}\"", "tru", "{} x", "\"\\ud800\"", "{'a':1}", "[1 2]",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func decodesEscapes() throws {
        let v = try JSONParser.parse(#""a\"b\\c\/d\n\u00fc\ud83d\ude00""#)
        #expect(v == .string("a\"b\\c/d\nü😀"))
        #expect(JSONValue.string("a\"b\\\n\u{01}").compactText == #""a\"b\\\n\u0001""#)
    }

    @Test func roundTripsOrderBodies() throws {
        for n in 0..<20 {
            let order = OrderGenerator(seed: 3).order(n).json
            #expect(try JSONParser.parse(order.compactText) == order)
            #expect(try JSONParser.parse(order.prettyText) == order)
        }
    }

    @Test func comparisonIgnoresKeyOrderAndNumberSpelling() throws {
        let a = try JSONParser.parse(#"{"x":1,"y":[1,2]}"#)
        #expect(a.sameValue(as: try JSONParser.parse(#"{"y":[1.0,2e0],"x":1}"#)))
        #expect(!a.sameValue(as: try JSONParser.parse(#"{"y":[2,1],"x":1}"#)))
        let c = JSONValue.compare(expected: a, actual: try JSONParser.parse(#"{"x":1,"y":[1,2],"z":0}"#))
        #expect(c.mismatch == nil && c.extraKeys == ["$.z"])
    }
}
