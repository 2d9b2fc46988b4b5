import Foundation
import Testing

@testable import BattleArena

@Suite struct DiscoveryTests {
    func manifest(_ name: String, inDefaultSet: Bool = true) -> String {
        """
        schema = 1
        name = "\(name)"
        default = \(inDefaultSet)
        language = "L"
        framework = "F"
        approach = "realistic"
        tests = ["json"]
        [build]
        command = "true"
        sources = ["*"]
        [run]
        command = "true"
        """
    }

    @Test func findsRootAndContendersAndReportsBadOnes() throws {
        let root = NSTemporaryDirectory() + "battle-disc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        for dir in ["contenders/b", "contenders/a", "contenders/empty", "contenders/broken", "suite", "elsewhere/dup", "deep/er"] {
            try fm.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true)
        }
        try "".write(toFile: "\(root)/suite/schema.sql", atomically: true, encoding: .utf8)
        try manifest("a").write(toFile: "\(root)/contenders/a/contender.toml", atomically: true, encoding: .utf8)
        try manifest("b").write(toFile: "\(root)/contenders/b/contender.toml", atomically: true, encoding: .utf8)
        try "schema = 1\nname = \"broken\"\n".write(toFile: "\(root)/contenders/broken/contender.toml", atomically: true, encoding: .utf8)
        try manifest("a").write(toFile: "\(root)/elsewhere/dup/contender.toml", atomically: true, encoding: .utf8)

        #expect(ContenderDiscovery.findRoot(from: "\(root)/deep/er") == URL(fileURLWithPath: root).standardizedFileURL.path)
        #expect(ContenderDiscovery.findRoot(from: "/") == nil)

        let found = ContenderDiscovery.discover(root: root, extra: ["\(root)/elsewhere/dup/contender.toml", "\(root)/deep"])
        #expect(found.map(\.name) == ["a", "b", "broken", "a", "deep"])
        guard case .invalid(_, _, let brokenError) = found[2] else { Issue.record("broken is valid"); return }
        #expect(brokenError.hasPrefix("contenders/broken/contender.toml: 'language': missing"))
        guard case .invalid(_, _, let dupError) = found[3] else { Issue.record("duplicate is valid"); return }
        #expect(dupError.contains("'a' is already the name of contenders/a/contender.toml"))
        guard case .invalid(_, _, let missing) = found[4] else { Issue.record("deep is valid"); return }
        #expect(missing.contains("cannot read it"))
    }

    @Test func defaultSetLeavesOutDefaultFalseUnderContendersOnly() throws {
        let root = NSTemporaryDirectory() + "battle-disc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        for dir in ["contenders/main", "contenders/extra", "contenders/broken", "suite", "elsewhere/opt"] {
            try fm.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true)
        }
        try "".write(toFile: "\(root)/suite/schema.sql", atomically: true, encoding: .utf8)
        try manifest("main").write(toFile: "\(root)/contenders/main/contender.toml", atomically: true, encoding: .utf8)
        try manifest("extra", inDefaultSet: false).write(toFile: "\(root)/contenders/extra/contender.toml", atomically: true, encoding: .utf8)
        try "schema = 1\n".write(toFile: "\(root)/contenders/broken/contender.toml", atomically: true, encoding: .utf8)
        try manifest("opt", inDefaultSet: false).write(toFile: "\(root)/elsewhere/opt/contender.toml", atomically: true, encoding: .utf8)

        let found = ContenderDiscovery.discover(root: root, extra: ["\(root)/elsewhere/opt"])
        #expect(found.map(\.name) == ["broken", "extra", "main", "opt"])
        // extra is left out; a broken manifest stays to be reported; a --contender folder is asked for by name.
        #expect(ContenderDiscovery.defaultSet(found, root: root).map(\.name) == ["broken", "main", "opt"])
    }
}
