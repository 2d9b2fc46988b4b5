import Foundation
import Testing

@testable import BattleArena

@Suite struct BuildSupportTests {
    @Test func globsMatchLikeAShell() {
        #expect(Glob("src/**/*.rs").matches("src/main.rs"))
        #expect(Glob("src/**/*.rs").matches("src/a/b/c.rs"))
        #expect(!Glob("src/**/*.rs").matches("target/src/main.rs"))
        #expect(Glob("*.go").matches("main.go"))
        #expect(!Glob("*.go").matches("sub/main.go"))
        #expect(Glob("**/*.go").matches("main.go"))
        #expect(Glob("Sources/*/[A-Z]?*.swift").matches("Sources/App/Main.swift"))
        #expect(!Glob("Sources/*/[A-Z]?*.swift").matches("Sources/App/main.swift"))
        #expect(Glob("./Cargo.toml").matches("Cargo.toml"))
    }

    @Test func globWalksAFolderSkippingHiddenOnes() throws {
        let dir = NSTemporaryDirectory() + "battle-glob-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for f in ["src/main.rs", "src/a/b.rs", ".build/x.rs", "src/.hidden/y.rs", "README.md"] {
            let path = dir + "/" + f
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "fn main() {}\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(Glob.files(in: dir, matching: ["src/**/*.rs"]) == ["src/a/b.rs", "src/main.rs"])
        #expect(Glob.files(in: dir, matching: ["**/*.rs"]) == ["src/a/b.rs", "src/main.rs"])
        #expect(Glob.files(in: dir, matching: [".build/*.rs"]) == [".build/x.rs"])
    }

    /// A contender's sources may include a local package beside it
    /// (`../rust-domain/src/*.rs`): those files count as its lines of code.
    @Test func globReachesASiblingFolder() throws {
        let root = NSTemporaryDirectory() + "battle-glob-up-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for f in ["app/src/main.rs", "shared/src/lib.rs", "shared/src/orders/tests.rs", "shared/target/x.rs", "other/src/no.rs"] {
            let path = root + "/" + f
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "fn main() {}\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
        let dir = root + "/app"
        #expect(Glob.files(in: dir, matching: ["src/*.rs", "../shared/src/*.rs"]) == ["../shared/src/lib.rs", "src/main.rs"])
        #expect(Glob.files(in: dir, matching: ["../shared/src/**/*.rs"]) == ["../shared/src/lib.rs", "../shared/src/orders/tests.rs"])
        #expect(Glob.files(in: dir, matching: ["../shared/src/lib.rs"]) == ["../shared/src/lib.rs"])
        #expect(Glob.files(in: dir, matching: ["../missing/*.rs"]) == [])
    }

    @Test func readsClocJSON() throws {
        let json = """
            {"header" : {"cloc_url" : "github.com/AlDanial/cloc", "cloc_version" : "1.96", "n_files" : 3},
             "Rust" : {"nFiles": 2, "blank": 10, "comment": 5, "code": 120},
             "TOML" : {"nFiles": 1, "blank": 1, "comment": 0, "code": 12},
             "SUM": {"blank": 11, "comment": 5, "code": 132, "nFiles": 3}}
            """
        let loc = try #require(LinesOfCode.parseCloc(json: json))
        #expect(loc.code == 132)
        #expect(loc.byLanguage == ["Rust": 120, "TOML": 12])
        #expect(loc.tool == "cloc 1.96")
        #expect(LinesOfCode.parseCloc(json: "nope") == nil)
        #expect(LinesOfCode.nonBlankLines(["a\n\n  \nb\n", "c"]) == 3)
    }

    @Test func toolchainSearchIncludesBattleTools() throws {
        let tools = NSTemporaryDirectory() + "battle-tools-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: tools) }
        try FileManager.default.createDirectory(atPath: tools + "/go/bin", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: tools + "/go/bin/go-fake-tool", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(ToolchainCheck.missing(["sh", "go-fake-tool", "no-such-tool-x"], path: "/usr/bin:/bin", tools: tools) == ["no-such-tool-x"])
    }
}
