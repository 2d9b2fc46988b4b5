import Testing

@testable import BattleArena

@Suite struct DependencyCountTests {
    @Test func cargo() throws {
        let toml = """
            [package]
            name = "battle-rust"
            version = "0.1.0"

            [dependencies]
            tokio = { version = "1", features = ["full"] }
            hyper = "0.14"
            serde_json = "1"
            battle-domain = { path = "../rust-domain" }

            [dev-dependencies]
            criterion = "0.5"
            """
        #expect(try DependencyCount.direct(manifestName: "Cargo.toml", text: toml) == 3)
        let lock = """
            version = 3

            [[package]]
            name = "battle-rust"
            version = "0.1.0"
            dependencies = ["hyper", "tokio"]

            [[package]]
            name = "hyper"
            version = "0.14.19"
            source = "registry+https://github.com/rust-lang/crates.io-index"

            [[package]]
            name = "tokio"
            version = "1.24.2"
            source = "registry+https://github.com/rust-lang/crates.io-index"
            """
        #expect(try DependencyCount.total(lockfileName: "Cargo.lock", text: lock) == 2)
    }

    @Test func goModAndSum() throws {
        let mod = """
            module battle-go

            go 1.22

            require github.com/lib/pq v1.10.7

            require (
            \tgithub.com/a/b v1.0.0 // indirect
            \tgithub.com/c/d v0.2.0
            )

            replace github.com/lib/pq => /usr/share/gocode/src/github.com/lib/pq
            """
        #expect(try DependencyCount.direct(manifestName: "go.mod", text: mod) == 2)
        #expect(try DependencyCount.total(lockfileName: "go.mod", text: mod) == 3)
        let sum = """
            github.com/lib/pq v1.10.7 h1:abc=
            github.com/lib/pq v1.10.7/go.mod h1:def=
            golang.org/x/text v0.3.0 h1:ghi=
            """
        #expect(try DependencyCount.total(lockfileName: "go.sum", text: sum) == 2)
    }

    @Test func swiftPackage() throws {
        let manifest = """
            let package = Package(
                dependencies: [
                    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
                    // .package(url: "https://example.com/commented.git", from: "1.0.0"),
                    .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
                    .package(path: "../swift-domain"),
                ],
                targets: [.executableTarget(name: "App", dependencies: [.product(name: "Hummingbird", package: "hummingbird")])]
            )
            """
        #expect(try DependencyCount.direct(manifestName: "Package.swift", text: manifest) == 2)
        let v2 = #"{"pins":[{"identity":"a"},{"identity":"b"},{"identity":"c"}],"version":2}"#
        #expect(try DependencyCount.total(lockfileName: "Package.resolved", text: v2) == 3)
        let v1 = #"{"object":{"pins":[{"package":"a"}]},"version":1}"#
        #expect(try DependencyCount.total(lockfileName: "Package.resolved", text: v1) == 1)
    }

    @Test func unknownFilesGiveNil() throws {
        #expect(try DependencyCount.direct(manifestName: "pom.xml", text: "") == nil)
        #expect(try DependencyCount.total(lockfileName: "yarn.lock", text: "") == nil)
        #expect(try DependencyCount.total(lockfileName: "Package.resolved", text: "not json") == nil)
    }

    /// A Cargo file battle cannot read is said to be unreadable, naming the file,
    /// never counted as "no dependencies" or left as no count in silence.
    @Test func unreadableCargoFilesAreSaid() throws {
        #expect(throws: DependencyCount.Unreadable.self) {
            try DependencyCount.direct(manifestName: "server/Cargo.toml", text: "[dependencies\nserde = 1\n")
        }
        do {
            _ = try DependencyCount.total(lockfileName: "Cargo.lock", text: "version = 3\n")
            Issue.record("a lock file with no [[package]] gave a count")
        } catch {
            #expect(error.file == "Cargo.lock")
            #expect(error.description.contains("no dependency count"))
        }
    }
}
