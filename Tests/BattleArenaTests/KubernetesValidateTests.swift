import Foundation
import Testing

@testable import BattleArena

/// The rendered manifests against Kubernetes' own OpenAPI schemas, with
/// PyPI's kubernetes-validate (installed by scripts/bootstrap into
/// `$BATTLE_TOOLS/py-venv`, default `.tools/py-venv`), strict: an unknown
/// field is an error too. Skipped, with the reason, where the tool is
/// missing; scripts/test runs it unconditionally (`battle k8s render` then
/// kubernetes-validate), so CI always checks.
@Suite struct KubernetesValidateTests {
    static var tool: String {
        let tools = ProcessInfo.processInfo.environment["BATTLE_TOOLS"] ?? ResultsSchemaTests.repo + "/.tools"
        return tools + "/py-venv/bin/kubernetes-validate"
    }
    static var available: Bool { FileManager.default.isExecutableFile(atPath: tool) }

    /// The Kubernetes versions checked: 1.28 is the oldest with the pod index
    /// label `battle k8s run` selects agents' logs by; the tool's newest.
    static let versions = ["1.28.0", "1.37.0"]

    @Test(
        .enabled(
            if: available,
            "kubernetes-validate is not installed at \(tool): run scripts/bootstrap (scripts/test does, and runs this check itself)"
        ))
    func renderedManifestsValidateStrictly() throws {
        let dir = NSTemporaryDirectory() + "battle-k8s-validate-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let battles = [
            try KubernetesManifestsTests.battle(agents: 3, cpu: 0.5),
            try KubernetesManifestsTests.battle(agents: 1, cpu: 2, database: "postgres://u:p@db:5432/battle"),
        ]
        var paths: [String] = []
        for (i, b) in battles.enumerated() {
            for f in KubernetesManifests.files(b) {
                let path = "\(dir)/\(i)-\(f.name)"
                try Data(f.text.utf8).write(to: URL(fileURLWithPath: path))
                paths.append(path)
            }
        }
        for version in Self.versions {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.tool)
            p.arguments = ["--strict", "-k", version] + paths
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "kubernetes-validate -k \(version): \(text)")
            // One line per object: 4 objects per battle.
            #expect(
                text.split(separator: "\n").filter { $0.contains("INFO") && $0.contains("passed for resource") }.count
                    == 8, "\(text)")
        }
    }

    @Test(.enabled(if: available, "kubernetes-validate is not installed at \(tool): run scripts/bootstrap"))
    func theValidatorRefusesABrokenJob() throws {
        var b = try KubernetesManifestsTests.battle()
        b.agents = 2
        let text = KubernetesManifests.files(b)[1].text.replacingOccurrences(
            of: "completionMode: \"Indexed\"", with: "completionMode: \"Indexed\"\n  completionz: 2")
        let path = NSTemporaryDirectory() + "battle-k8s-broken-\(UUID().uuidString.prefix(8)).yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.tool)
        p.arguments = ["--strict", path]
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus != 0)
    }
}
