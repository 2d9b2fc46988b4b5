import BattleCore
import Testing

@testable import BattleArena

@Suite struct ManifestTests {
    static let example = """
        schema = 1                       # manifest format version
        name = "rust"
        display_name = "Rust · hyper + tokio-postgres"
        language = "Rust"
        framework = "hyper 0.14, tokio 1.24, tokio-postgres 0.7"
        approach = "realistic"
        tests = ["plaintext", "json", "db", "queries", "fortunes", "updates", "orders"]
        description = "One paragraph."

        [toolchain]
        requires = ["cargo", "rustc"]
        version = "rustc --version"
        install_hint = "run scripts/bootstrap"

        [build]
        command = "./build.sh"
        clean = "rm -rf target"
        artifact = "target/release/battle-rust"
        lockfile = "Cargo.lock"
        manifest = "Cargo.toml"
        sources = ["src/**/*.rs", "Cargo.toml"]

        [run]
        command = "target/release/battle-rust"
        env = { RUST_LOG = "error" }
        ready_path = "/plaintext"
        startup_timeout = 30
        stop_grace = 10
        """

    func parse(_ text: String) throws(ManifestError) -> ContenderManifest {
        try ContenderManifest.parse(text, file: "contenders/x/contender.toml", folder: "/r/contenders/x")
    }

    func error(_ text: String) -> ManifestError? {
        do {
            _ = try parse(text)
            return nil
        } catch { return error }
    }

    @Test func parsesTheDocumentedExample() throws {
        let m = try parse(Self.example)
        #expect(m.name == "rust")
        #expect(m.displayName == "Rust · hyper + tokio-postgres")
        #expect(m.approach == .realistic)
        #expect(m.tests == SuiteTest.allCases)
        #expect(m.toolchain.requires == ["cargo", "rustc"])
        #expect(m.build.sources == ["src/**/*.rs", "Cargo.toml"])
        #expect(m.build.manifest == "Cargo.toml")
        #expect(m.run.env == ["RUST_LOG": "error"])
        #expect(m.run.startupTimeout == 30)
        #expect(m.folder == "/r/contenders/x")
    }

    @Test func appliesDefaults() throws {
        let m = try parse(
            """
            schema = 1
            name = "go"
            language = "Go"
            framework = "net/http"
            approach = "stripped"
            tests = ["json", "plaintext", "json"]
            [build]
            command = "./build.sh"
            sources = ["*.go"]
            [run]
            command = "bin/server"
            """)
        #expect(m.displayName == "go")
        #expect(m.tests == [.plaintext, .json])  // suite order, no duplicates
        #expect(m.run.readyPath == "/plaintext")
        #expect(m.run.startupTimeout == 30)
        #expect(m.run.stopGrace == 10)
        #expect(m.toolchain.requires.isEmpty)
        #expect(m.inDefaultSet)
    }

    @Test func defaultFalseLeavesTheContenderOutOfTheDefaultSet() throws {
        let off = try parse(
            Self.example.replacingOccurrences(of: "description =", with: "default = false\ndescription ="))
        #expect(!off.inDefaultSet)
        let quoted = error(
            Self.example.replacingOccurrences(of: "description =", with: "default = \"no\"\ndescription ="))
        #expect(quoted?.key == "default")
        #expect(quoted?.message.contains("true or false without quotes") == true)
    }

    @Test func unknownKeyNamesFileKeyAndKnownKeys() {
        let e = error(
            Self.example.replacingOccurrences(of: "command = \"./build.sh\"", with: "comand = \"./build.sh\""))
        #expect(e?.file == "contenders/x/contender.toml")
        #expect(e?.key == "build.comand")
        #expect(e?.description.contains("known keys here: artifact, clean, command") == true)
    }

    @Test func missingRequiredKeySaysHowToAddIt() {
        let e = error(Self.example.replacingOccurrences(of: "language = \"Rust\"\n", with: ""))
        #expect(e?.key == "language")
        #expect(e?.message.contains("add `language = \"...\"`") == true)
    }

    @Test func rejectsBadValues() {
        let newer = error(Self.example.replacingOccurrences(of: "schema = 1 ", with: "schema = 2 "))
        #expect(newer?.key == "schema")
        // The message quotes the value as the file wrote it, not Swift's debug form.
        #expect(newer?.description.contains("is 2, but this battle reads manifest schema 1") == true)
        #expect(error(Self.example.replacingOccurrences(of: "name = \"rust\"", with: "name = \"Rust\""))?.key == "name")
        #expect(error(Self.example.replacingOccurrences(of: "\"realistic\"", with: "\"fast\""))?.key == "approach")
        let badTest = error(Self.example.replacingOccurrences(of: "\"orders\"]", with: "\"cached\"]"))
        #expect(badTest?.key == "tests")
        #expect(badTest?.message.contains("'cached' is not a suite test") == true)
        #expect(
            error(Self.example.replacingOccurrences(of: "RUST_LOG = \"error\"", with: "RUST_LOG = 1"))?.key
                == "run.env.RUST_LOG")
        #expect(
            error(Self.example.replacingOccurrences(of: "RUST_LOG", with: "BATTLE_PORT"))?.key == "run.env.BATTLE_PORT")
        #expect(
            error(
                Self.example.replacingOccurrences(of: "ready_path = \"/plaintext\"", with: "ready_path = \"plaintext\"")
            )?.key == "run.ready_path")
        #expect(
            error(Self.example.replacingOccurrences(of: "startup_timeout = 30", with: "startup_timeout = \"30\""))?.key
                == "run.startup_timeout")
        #expect(
            error(
                Self.example.replacingOccurrences(
                    of: "sources = [\"src/**/*.rs\", \"Cargo.toml\"]", with: "sources = []"))?.key == "build.sources")
    }

    @Test func syntaxErrorNamesTheFileAndLine() {
        let e = error("schema = 1\nname = rust\n")
        #expect(e?.key == nil)
        #expect(e?.description.hasPrefix("contenders/x/contender.toml: line 2") == true)
    }
}
