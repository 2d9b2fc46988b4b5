import Foundation
import Testing

/// Paths of the repository, from this file's location.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/results")
    static let golden = fixtures.appendingPathComponent("golden")
    /// Test outputs worth looking at (screenshots, actual outputs of failed goldens); gitignored under .build.
    static let artifacts = root.appendingPathComponent(".build/test-artifacts")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
}

/// Golden files with an update flag: BATTLE_UPDATE_GOLDEN=1 rewrites them
/// instead of comparing (review the diff before committing).
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["BATTLE_UPDATE_GOLDEN"] == "1" }

    static func check(
        _ actual: String, _ name: String, in dir: URL = Repo.golden, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = dir.appendingPathComponent(name)
        if updating {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            do { try Data(actual.utf8).write(to: url) } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "golden file \(url.path) is missing; create it with BATTLE_UPDATE_GOLDEN=1 swift test --filter BattleReportTests",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let actualDir = Repo.artifacts.appendingPathComponent("golden-actual")
        try? FileManager.default.createDirectory(at: actualDir, withIntermediateDirectories: true)
        let actualURL = actualDir.appendingPathComponent(name)
        try? Data(actual.utf8).write(to: actualURL)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        let want = line < e.count ? String(e[line]) : "(end of file)"
        let got = line < a.count ? String(a[line]) : "(end of file)"
        Issue.record(
            """
            \(name) differs from its golden file at line \(line + 1)
              expected: \(want.prefix(300))
              actual:   \(got.prefix(300))
            actual output: \(actualURL.path)
            if the change is intended: BATTLE_UPDATE_GOLDEN=1 swift test --filter BattleReportTests, then review the diff
            """, sourceLocation: sourceLocation)
    }
}
