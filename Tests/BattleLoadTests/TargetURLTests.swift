import Testing

@testable import BattleLoad

@Suite("Target URLs")
struct TargetURLTests {
    @Test("host, port and path")
    func parts() throws {
        #expect(try TargetURL.parse("http://127.0.0.1:8080/plaintext") == TargetURL(host: "127.0.0.1", port: 8080, pathAndQuery: "/plaintext"))
        #expect(try TargetURL.parse("http://localhost") == TargetURL(host: "localhost", port: 80, pathAndQuery: "/"))
        #expect(try TargetURL.parse("http://h:1?q=1#frag") == TargetURL(host: "h", port: 1, pathAndQuery: "/?q=1"))
        #expect(try TargetURL.parse("HTTP://[::1]:9000/x").host == "::1")
        #expect(try TargetURL.parse("http://[::1]:9000/x").authority == "[::1]:9000")
    }

    @Test(
        "unusable URLs say how to fix them",
        arguments: [
            ("127.0.0.1:8080/", "write it as http://"),
            ("https://example.com/", "https is not supported"),
            ("http://h:99999/", "port"),
            ("http://h:abc/", "port"),
            ("http:///path", "no host"),
            ("ftp://h/", "use http://"),
        ])
    func failures(_ input: String, _ hint: String) {
        do {
            _ = try TargetURL.parse(input)
            Issue.record("\(input) parsed")
        } catch {
            #expect(error.description.contains(hint), "\(error.description)")
        }
    }
}
