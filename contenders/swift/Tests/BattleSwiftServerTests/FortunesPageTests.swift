import Testing

@testable import BattleSwiftServer

@Suite("fortunes page")
struct FortunesPageTests {
    @Test func sortsByteWiseEscapesAndAddsTheRequestTimeRow() throws {
        let page = try FortunesPage()
        let html = page.render(fromDatabase: [
            Fortune(id: 2, message: "フレームワークのベンチマーク"),
            Fortune(id: 1, message: "<script>alert(\"x\" & 'y')</script>"),
            Fortune(id: 3, message: "A computer scientist"),
        ])
        #expect(html == """
            <!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>\
            <tr><th>id</th><th>message</th></tr>\
            <tr><td>1</td><td>&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</td></tr>\
            <tr><td>3</td><td>A computer scientist</td></tr>\
            <tr><td>0</td><td>Additional fortune added at request time.</td></tr>\
            <tr><td>2</td><td>フレームワークのベンチマーク</td></tr>\
            </table></body></html>
            """)
    }
}
