import Testing

@testable import BattleVaporServer

@Suite("fortunes page")
struct FortunesPageTests {
    @Test func sortsByteWiseAndAddsTheRequestTimeRow() {
        let page = FortunesPage(fromDatabase: [
            Fortune(id: 2, message: "フレームワークのベンチマーク"),
            Fortune(id: 1, message: "<script>alert(\"x\" & 'y')</script>"),
            Fortune(id: 3, message: "A computer scientist"),
            Fortune(id: 4, message: "e\u{301}"),  // decomposed é sorts by its bytes
            Fortune(id: 5, message: "\u{e9}"),
        ])
        #expect(page.fortunes.map(\.id) == [1, 3, 0, 4, 5, 2])
        #expect(page.fortunes[2].message == FortunesPage.addedAtRequestTime)
    }
}
