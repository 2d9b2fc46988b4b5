import Foundation

/// Runs the built `battle` binary for the report and compare end-to-end
/// tests: exit status, standard output and standard error apart.
enum ReportE2E {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let fixtures = repo + "/Tests/Fixtures/results"

    /// BATTLE_BIN, or the debug build `swift test` makes.
    static var binary: String { ProcessInfo.processInfo.environment["BATTLE_BIN"] ?? repo + "/.build/debug/battle" }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func battle(_ arguments: [String], in directory: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently with the process so a full pipe never blocks it.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh folder holding a copy of a fixture as `results.json`, like a run folder.
    static func runFolder(_ fixture: String) throws -> String {
        let dir = NSTemporaryDirectory() + "battle-e2e-report-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/" + fixture, toPath: dir + "/results.json")
        return dir
    }
}
