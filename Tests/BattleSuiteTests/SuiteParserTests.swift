import BattleCore
import Testing

@testable import BattleSuite

/// suite.toml into `SuiteSpec`: the example suite with every kind of key, the
/// skeleton `battle suite new` writes, and each error naming file, key and fix.
@Suite struct SuiteParserTests {
    @Test func theExampleSuiteParsesIntoTypedValues() throws {
        let s = try SuiteParser.parse(try SuiteFixtures.shop())
        #expect(s.name == "shop")
        #expect(s.version == 2)
        #expect(s.seed.map(\.path) == ["sql/schema.sql", "sql/data.sql"])
        #expect(s.seed[0].sql.contains("CREATE TABLE product"))
        #expect(s.tests.map(\.name) == ["product", "browse", "order", "hello"])

        let product = try #require(s.test(named: "product"))
        #expect(product.verifySamples == 4)
        #expect(product.parameters == [ParameterSpec(name: "id", source: .range(1...50))])
        #expect(product.plan == PlanSpec(connections: [16, 64], rates: [500], equalRate: true, capacity: true))
        #expect(product.requests.count == 1)
        let get = product.requests[0]
        #expect(get.name == "request" && get.method == "GET" && get.weight == 1)
        #expect(get.path == Template(parts: [.text("/products/"), .parameter("id")]))
        #expect(get.headers.map(\.name) == ["Accept"])
        #expect(
            get.checks.map(\.name) == [
                "status", "headers", "content-type", "schema", "field /id", "field /name", "field /priceCents",
            ])
        #expect(
            product.databaseChecks == [
                .queryCount(QueryCountCheck(statement: .select, table: "product", perRequest: 1))
            ])
        #expect(product.readsDatabase)

        let browse = try #require(s.test(named: "browse"))
        #expect(browse.requests.map(\.name) == ["by-sku", "page"])
        #expect(browse.requests.map(\.weight) == [3, 1])
        #expect(
            browse.parameter("sku")?.source
                == .values(file: "values/skus.txt", ["SKU-00001", "SKU-00002", "SKU-00003"]))
        #expect(!browse.readsDatabase)
        #expect(browse.plan == .defaults)

        let order = try #require(s.test(named: "order"))
        #expect(order.requests[0].method == "POST")
        guard case .lines(let file, let lines)? = order.requests[0].body else {
            Issue.record("the order body should come from a JSONL file")
            return
        }
        #expect(file == "bodies/orders.jsonl" && lines.count == 2)
        #expect(
            order.databaseChecks == [
                .effect(
                    EffectCheck(name: "orders written", query: "SELECT count(*) FROM orders", change: .perRequest(1)))
            ])
        #expect(order.plan == PlanSpec(connections: [16], rates: [], equalRate: false, capacity: false))

        let hello = try #require(s.test(named: "hello"))
        #expect(
            hello.requests[0].checks == [.status(200), .contentType("text/plain"), .body(.literal("Hello, World!"))])
    }

    /// `verify_only = true`: a test `battle verify --suite` checks and a run
    /// never loads (no level); `false` is the same as leaving it out.
    @Test func verifyOnlyTestsGetNoLevel() throws {
        let only = try SuiteParser.parse(
            try SuiteFixtures.shop(replacing: "[tests.hello]\n", with: "[tests.hello]\nverify_only = true\n"))
        let hello = try #require(only.tests.last)
        #expect(hello.plan == .verifyOnly)
        #expect(hello.plan.isVerifyOnly && !hello.plan.equalRate && !hello.plan.capacity)
        #expect(only.tests.filter(\.plan.isVerifyOnly).map(\.name) == ["hello"])
        let loaded = try SuiteParser.parse(
            try SuiteFixtures.shop(replacing: "[tests.hello]\n", with: "[tests.hello]\nverify_only = false\n"))
        #expect(loaded.tests.last?.plan == .defaults)
    }

    @Test func theSkeletonParses() throws {
        var texts: [String: String] = [:]
        for (path, text) in SuiteSkeleton.files(name: "my-api") { texts[path] = text }
        let s = try SuiteParser.parse(SuiteFiles(folder: "my-api", texts: texts))
        #expect(s.name == "my-api")
        #expect(s.tests.map(\.name) == ["item"])
        #expect(s.tests[0].requests[0].checks.count == 6)
    }

    @Test func theContentHashFollowsTheFilesNotTheFolder() throws {
        let a = try SuiteFixtures.shop()
        var moved = a
        moved.folder = "elsewhere/shop"
        #expect(a.contentHash == moved.contentHash)
        #expect(a.contentHash.count == 64)
        var edited = a
        edited.files["values/skus.txt"] = Array("SKU-00001\n".utf8)
        #expect(edited.contentHash != a.contentHash)
        var renamed = a
        renamed.files["values/other.txt"] = renamed.files.removeValue(forKey: "values/skus.txt")
        #expect(renamed.contentHash != a.contentHash)
        #expect(try SuiteParser.parse(a).contentHash == a.contentHash)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Each error: the file, the key, and words of the fix. (old text, new text, key, fix)
    @Test(arguments: [
        ("version = 2\n", "version = 2\ntimeout = 3\n", "timeout", "unknown key"),
        (
            "description = \"One product by id.\"\n", "description = \"One product by id.\"\nretries = 2\n",
            "tests.product.retries", "unknown key"
        ),
        ("id = { range = [1, 50] }", "id = { range = [50, 1] }", "tests.product.params.id.range", "LOW ≤ HIGH"),
        (
            "id = { range = [1, 50] }", "id = { range = [1, 50], file = \"x.txt\" }", "tests.product.params.id",
            "exactly one"
        ),
        ("values/skus.txt", "values/missing.txt", "tests.browse.params.sku.file", "no such file"),
        ("\"/products/{{id}}\"", "\"/products/{{idd}}\"", "tests.product.requests[0].path", "not a parameter"),
        ("schemas/product.json", "schemas/nope.json", "tests.product.requests[0].expect.schema", "no such file"),
        ("bodies/orders.jsonl", "bodies/none.jsonl", "tests.order.requests[0].body_file", "no such file"),
        ("status = 201", "status = 42", "tests.order.requests[0].expect.status", "100..599"),
        ("name = \"page\"", "name = \"by-sku\"", "tests.browse.requests[1].name", "two requests"),
        ("change = 1", "change = \"more\"", "tests.order.effects[0].change", "per request"),
        ("statement = \"select\"", "statement = \"SELECT\"", "tests.product.query_counts[0].statement", "not one of"),
        (
            "{ pointer = \"/id\", param = \"id\" }", "{ pointer = \"/id\", param = \"id\", equals = 1 }",
            "tests.product.requests[0].expect.fields[0]", "exactly one"
        ),
        ("connections = [16]\n", "connections = [0]\n", "tests.order.plan.connections", "above 0"),
        (
            "headers = [\"Server\"]", "builtin = [\"no-such-check\"]", "tests.product.requests[0].expect.builtin",
            "no built-in check"
        ),
        ("version = 2", "version = 0", "version", "1 or more"),
        (
            "path = \"/hello\"", "path = \"/hello\"\nheaders = { Host = \"x\" }",
            "tests.hello.requests[0].headers.Host", "leave it out"
        ),
        ("method = \"POST\"", "method = \"post\"", "tests.order.requests[0].method", "capitals"),
        ("[tests.order]\n", "[tests.order]\nverify_only = true\n", "tests.order.plan", "has no plan"),
        ("[tests.hello]\n", "[tests.hello]\nverify_only = 1\n", "tests.hello.verify_only", "true or false"),
    ])
    func errorsNameTheFileTheKeyAndTheFix(old: String, new: String, key: String, fix: String) throws {
        let files = try SuiteFixtures.shop(replacing: old, with: new)
        do {
            _ = try SuiteParser.parse(files)
            Issue.record("\(key): accepted")
        } catch {
            #expect(error.file == "shop/suite.toml")
            #expect(error.key == key, "\(error)")
            #expect(error.message.contains(fix), "\(error)")
        }
    }

    @Test func fileProblemsNameTheFile() throws {
        var files = try SuiteFixtures.shop()
        files.files["bodies/orders.jsonl"] = Array("{\"sku\":1}\n{\"sku\":\n".utf8)
        #expect(throws: TOMLFileError.self) { try SuiteParser.parse(files) }
        do {
            _ = try SuiteParser.parse(files)
        } catch {
            #expect(error.description.contains("shop/bodies/orders.jsonl, line 2"), "\(error)")
        }
        files = try SuiteFixtures.shop()
        files.files["schemas/product.json"] = Array(#"{"type":"object","pattern":"x"}"#.utf8)
        do {
            _ = try SuiteParser.parse(files)
            Issue.record("a schema with an unsupported keyword was accepted")
        } catch {
            #expect(error.key == "tests.product.requests[0].expect.schema")
            #expect(error.message.contains("'pattern' is not in battle's JSON Schema subset"), "\(error)")
        }
        files = try SuiteFixtures.shop()
        files.files["values/skus.txt"] = [0xFF, 0xFE]
        do {
            _ = try SuiteParser.parse(files)
            Issue.record("a values file that is not UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("shop/values/skus.txt is not valid UTF-8"), "\(error)")
        }
        files.files.removeValue(forKey: "suite.toml")
        do {
            _ = try SuiteParser.parse(files)
        } catch {
            #expect(error.message.contains("battle suite new"), "\(error)")
        }
    }

    @Test func syntaxErrorsGiveTheLine() {
        do {
            _ = try SuiteParser.parse(SuiteFixtures.minimal("[tests.t\n"))
            Issue.record("accepted")
        } catch {
            if case .position(let line, _) = error.place { #expect(line == 4) } else { Issue.record("\(error)") }
        }
    }

    @Test func templates() throws {
        let t = try Template.parse("/a/{{ id }}/b?q={{name}}")
        #expect(t.parameters == ["id", "name"])
        let values = ParameterValues(["id": .integer(7), "name": .string("O'Brien & co")])
        #expect(t.render(values) == "/a/7/b?q=O'Brien & co")
        #expect(t.render(values, escaping: .percent) == "/a/7/b?q=O%27Brien%20%26%20co")
        #expect(try Template.parse("WHERE n = {{name}}").render(values, escaping: .sql) == "WHERE n = 'O''Brien & co'")
        #expect(throws: Template.ParseError.self) { try Template.parse("{{id") }
        #expect(throws: Template.ParseError.self) { try Template.parse("{{a b}}") }
    }

    @Test func theSamplerIsDeterministicAndFollowsTheWeights() throws {
        let s = try SuiteParser.parse(try SuiteFixtures.shop())
        let browse = try #require(s.test(named: "browse"))
        var a = RequestSampler(test: browse, seed: 1)
        var b = RequestSampler(test: browse, seed: 1)
        var kinds = [0, 0]
        for _ in 0..<4000 {
            let r = a.mixed()
            #expect(r == b.mixed())
            kinds[r.kind] += 1
        }
        #expect((2800...3200).contains(kinds[0]), "\(kinds)")
        var c = RequestSampler(test: try #require(s.test(named: "product")), seed: 3)
        let r = c.request(kind: 0)
        guard case .integer(let id)? = r.parameters["id"] else {
            Issue.record("no id")
            return
        }
        #expect((1...50).contains(id))
        #expect(r.target == "/products/\(id)")
    }
}
