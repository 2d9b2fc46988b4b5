import Testing

@testable import BattleVaporServer

@Suite("queries parameter clamping")
struct QueryCountTests {
    @Test(arguments: [
        (nil, 1), ("", 1), ("foo", 1), ("0", 1), ("-3", 1), ("1", 1), ("20", 20),
        ("500", 500), ("501", 500), ("1;DROP TABLE world", 1), ("5abc", 1),
        ("99999999999999999999999", 500), ("-99999999999999999999999", 1), (" 5", 1),
    ] as [(String?, Int)])
    func clamps(raw: String?, expected: Int) {
        #expect(QueryCount.clamp(raw) == expected)
    }
}
