import BattleCore
import BattleSuite
import Testing

@Suite struct BodyChecksTests {
    @Test func plaintext() {
        #expect(BodyChecks.plaintext(Canned.plaintext).outcome == .pass)
        #expect(BodyChecks.plaintext(Canned.response("Hello, World!\n", type: "text/plain")).outcome == .warn)
        #expect(BodyChecks.plaintext(Canned.response("Hello World", type: "text/plain")).outcome == .fail)
    }

    @Test func json() {
        #expect(BodyChecks.json(Canned.json).outcome == .pass)
        #expect(BodyChecks.json(Canned.response(#"{ "message" : "Hello, World!" }"#)).outcome == .pass)
        #expect(BodyChecks.json(Canned.response(#"{"message":"Hello, World!","x":1}"#)).outcome == .warn)
        #expect(BodyChecks.json(Canned.response(#"{"message":"Hello World!"}"#)).outcome == .fail)
        #expect(BodyChecks.json(Canned.response(#"{"message":"Hello, World!""#)).outcome == .fail)
        #expect(BodyChecks.json(Canned.response(#"{"Message":"Hello, World!"}"#)).outcome == .fail)
    }

    @Test func worldRows() {
        #expect(WorldChecks.single(Canned.response(#"{"id":17,"randomNumber":533}"#)).1.outcome == .pass)
        #expect(WorldChecks.single(Canned.response(#"{"id":17,"randomnumber":533}"#)).1.outcome == .fail)
        #expect(WorldChecks.single(Canned.response(#"[{"id":17,"randomNumber":533}]"#)).1.outcome == .fail)
        #expect(WorldChecks.single(Canned.response(#"{"id":17,"randomNumber":"533"}"#)).1.outcome == .fail)
        #expect(WorldChecks.single(Canned.response(#"{"id":0,"randomNumber":533}"#)).1.outcome == .warn)
        #expect(WorldChecks.single(Canned.response(#"{"id":1,"randomNumber":5,"x":0}"#)).1.outcome == .warn)
    }

    @Test func queriesArrayLength() {
        let two = Canned.response(#"[{"id":1,"randomNumber":2},{"id":3,"randomNumber":4}]"#)
        #expect(WorldChecks.array(two, expectedCount: 2).1.outcome == .pass)
        #expect(WorldChecks.array(two, expectedCount: 1).1.outcome == .fail)
        #expect(WorldChecks.array(Canned.response(#"{"id":1,"randomNumber":2}"#), expectedCount: 1).1.outcome == .fail)
    }

    @Test func clamping() {
        #expect(QueryCount.clamp(nil) == 1)
        #expect(QueryCount.clamp("") == 1)
        #expect(QueryCount.clamp("0") == 1)
        #expect(QueryCount.clamp("-3") == 1)
        #expect(QueryCount.clamp("foo") == 1)
        #expect(QueryCount.clamp("5abc") == 1)
        #expect(QueryCount.clamp("1;DROP TABLE world") == 1)
        #expect(QueryCount.clamp("2") == 2)
        #expect(QueryCount.clamp("500") == 500)
        #expect(QueryCount.clamp("501") == 500)
        for c in QueryCount.verifierCases {
            let raw = c.query.map { String($0.dropFirst("queries=".count)).removingPercentEncodingForTest }
            #expect(QueryCount.clamp(raw) == c.expected, "\(c.label)")
        }
    }

    /// A /db that answers the same row every time is caught by variety.
    @Test func cachedRowIsCaught() {
        let same = Array(repeating: WorldRow(id: 42, randomNumber: 7), count: 20)
        #expect(WorldChecks.varied(same).outcome == .fail)
        let random = (1...20).map { WorldRow(id: $0 * 37, randomNumber: $0) }
        #expect(WorldChecks.varied(random).outcome == .pass)
    }

    @Test func rowsMustMatchTheTable() {
        let table = [1: 10, 2: 20]
        #expect(WorldChecks.matchTable([WorldRow(id: 1, randomNumber: 10)], table: table).outcome == .pass)
        #expect(WorldChecks.matchTable([WorldRow(id: 2, randomNumber: 21)], table: table).outcome == .fail)
        #expect(WorldChecks.matchTable([WorldRow(id: 3, randomNumber: 1)], table: table).outcome == .fail)
    }

    @Test func updatesPersisted() {
        let answers = [
            [WorldRow(id: 1, randomNumber: 5)], [WorldRow(id: 1, randomNumber: 6), WorldRow(id: 2, randomNumber: 9)],
        ]
        #expect(WorldChecks.persisted(answers, tableAfter: [1: 6, 2: 9]).outcome == .pass)
        #expect(WorldChecks.persisted(answers, tableAfter: [1: 5, 2: 9]).outcome == .fail)
        // an id drawn twice in one request may keep either number
        let twice = [[WorldRow(id: 3, randomNumber: 1), WorldRow(id: 3, randomNumber: 2)]]
        #expect(WorldChecks.persisted(twice, tableAfter: [3: 1]).outcome == .pass)
    }
}

extension String {
    var removingPercentEncodingForTest: String {
        var bytes: [UInt8] = []
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if utf8[i] == UInt8(ascii: "%"),
                let hex = UInt8(String(self[utf8.index(after: i)..<utf8.index(i, offsetBy: 3)]), radix: 16)
            {
                bytes.append(hex)
                i = utf8.index(i, offsetBy: 3)
            } else {
                bytes.append(utf8[i])
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
