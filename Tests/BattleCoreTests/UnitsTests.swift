import Testing

@testable import BattleCore

@Suite struct UnitsTests {
    @Test(arguments: [("10s", 10.0), ("500ms", 0.5), ("2m", 120), ("1h", 3600), ("1.5s", 1.5), ("7", 7), ("250us", 0.00025)])
    func parsesDurations(text: String, seconds: Double) throws {
        #expect(abs(try DurationParser.seconds(text) - seconds) < 1e-12)
    }

    @Test(arguments: ["", "ten", "-1s", "5x", "s"])
    func rejectsBadDurations(text: String) {
        #expect(throws: DurationParser.Failure.self) { try DurationParser.seconds(text) }
    }

    @Test func formatsHumanUnits() {
        #expect(Format.micros(95.123) == "95.1us")
        #expect(Format.micros(1250) == "1.25ms")
        #expect(Format.micros(3_400_000) == "3.40s")
        #expect(Format.bytes(1536) == "1.50 KiB")
        #expect(Format.bytes(12) == "12 B")
        #expect(Format.count(12_345) == "12.3k")
        #expect(Format.duration(185) == "3m05s")
        #expect(Format.fixed(-0.004, 2) == "0.00")
        #expect(Format.fixed(2.5, 0) == "3")
        #expect(Format.percentChange(1.125) == "+12.5%")
    }
}
