import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// Dependency counts are read again after the build, so a build may write the
/// file they come from (the GOPATH-mode Go contenders write bin/go.mod).
@Suite struct BuilderDependencyTests {
    @Test func countsAFileTheBuildWrites() async throws {
        let folder = NSTemporaryDirectory() + "battle-builder-deps-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "print('hi')\n".write(toFile: folder + "/app.py", atomically: true, encoding: .utf8)
        let manifest = """
            schema = 1
            name = "deps"
            language = "Go"
            framework = "none"
            approach = "realistic"
            tests = ["plaintext"]
            [build]
            command = "mkdir -p bin && printf 'module x\\\\nrequire (\\\\n\\\\ta v1\\\\n\\\\tb v1 // indirect\\\\n\\\\tc v1 // indirect\\\\n)\\\\n' > bin/go.mod"
            clean = "rm -rf bin"
            lockfile = "bin/go.mod"
            manifest = "bin/go.mod"
            sources = ["app.py"]
            [run]
            command = "true"
            """
        let m = try ContenderManifest.parse(manifest, file: folder + "/contender.toml", folder: folder)
        let builder = Builder(
            root: folder, tools: folder + "/tools", logFolder: folder, skipCleanBuild: false,
            environment: ProcessInfo.processInfo.environment, logs: LogAppender { Issue.record("log given up: \($0)") })
        let outcome = try await builder.build(
            m, progress: { _ in }, interruption: Interruption(), supervisor: ProcessSupervisor())
        guard case .built(let record) = outcome else {
            Issue.record("the build failed: \(outcome)")
            return
        }
        #expect(record.directDependencies == 1)
        #expect(record.totalDependencies == 3)
    }
}
