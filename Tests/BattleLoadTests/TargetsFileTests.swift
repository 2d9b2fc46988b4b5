import Testing

@testable import BattleLoad

@Suite("Targets file")
struct TargetsFileTests {
    private let files: [String: [UInt8]] = [
        "one.json": Array("{\"a\":1}".utf8),
        "orders.jsonl": Array("{\"n\":1}\n{\"n\":2}\r\n\n{\"n\":3}\n".utf8),
        "empty.jsonl": Array("\n\n".utf8),
    ]

    private func parse(_ text: String) throws(TargetsFile.Failure) -> [LoadTarget] {
        try TargetsFile.parse(text, file: "t.toml") { name throws(TargetsFile.Failure) in
            guard let b = files[name] else { throw TargetsFile.Failure(file: name, message: "cannot read '\(name)'") }
            return b
        }
    }

    @Test("the documented example")
    func example() throws {
        let targets = try parse(
            """
            [[target]]
            name = "orders"                 # optional
            url = "http://127.0.0.1:8080/orders"
            method = "POST"
            weight = 3
            headers = { "Content-Type" = "application/json" }
            bodies_file = "orders.jsonl"

            [[target]]
            url = "http://127.0.0.1:8080/plaintext"

            [[target]]
            url = "http://127.0.0.1:8080/json"
            method = "PUT"
            body_file = "one.json"

            [[target]]
            url = "http://127.0.0.1:8080/x"
            body = "inline"
            """)
        #expect(targets.count == 4)
        #expect(targets[0].name == "orders")
        #expect(targets[0].weight == 3)
        #expect(targets[0].headers == [.init(name: "Content-Type", value: "application/json")])
        #expect(
            targets[0].bodies.map { String(decoding: $0, as: UTF8.self) } == ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"])
        #expect(targets[1].name == "GET /plaintext")
        #expect(targets[1].method == "GET" && targets[1].weight == 1 && targets[1].bodies.isEmpty)
        #expect(targets[2].bodies == [Array("{\"a\":1}".utf8)])
        #expect(targets[3].bodies == [Array("inline".utf8)])
    }

    @Test(
        "mistakes name the file, the key and the fix",
        arguments: [
            ("[[target]]\nurl = \"http://h:1/\"\nwieght = 2\n", "t.toml: 'target[0].wieght': unknown key"),
            ("[[target]]\nname = \"x\"\n", "'target[0].url': missing"),
            ("[other]\na = 1\n", "'other': unknown key"),
            ("", "no targets"),
            ("[[target]]\nurl = \"h:1/\"\n", "'target[0].url'"),
            ("[[target]]\nurl = \"http://h:1/\"\nweight = 0\n", "'target[0].weight'"),
            ("[[target]]\nurl = \"http://h:1/\"\nbody = \"a\"\nbody_file = \"one.json\"\n", "only one of body"),
            ("[[target]]\nurl = \"http://h:1/\"\nbody_file = \"missing.json\"\n", "'target[0].body_file'"),
            ("[[target]]\nurl = \"http://h:1/\"\nbodies_file = \"empty.jsonl\"\n", "no non-empty lines"),
            ("[[target]]\nurl = \"http://h:1/\"\nmethod = \"get\"\n", "capitals"),
            ("[[target]]\nurl = \"http://h:1/\"\nheaders = { \"Content-Length\" = \"3\" }\n", "headers.Content-Length"),
            ("[[target]]\nurl = \"http://a:1/\"\n[[target]]\nurl = \"http://b:1/\"\n", "same host and port"),
            ("[[target]]\nurl = \"http://a:1/\"\n[[target]]\nurl = \"http://a:1/\"\n", "named 'GET /'"),
            ("[[target]]\nurl = \"http://a:1/\"\nweight = \"3\"\n", "must be an integer"),
        ])
    func mistakes(_ text: String, _ expected: String) {
        do {
            _ = try parse(text)
            Issue.record("parsed: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}
