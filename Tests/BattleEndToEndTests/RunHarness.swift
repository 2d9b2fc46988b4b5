import BattleCore
import Foundation
import Testing

/// End-to-end tests of `battle run`: the built binary against the fake
/// contenders in Tests/Fixtures/contenders. One serialized suite (the tests
/// start servers and a database on a 2-core machine); the tests live in
/// RunFailureTests.swift, RunCrashTests.swift, RunVerifyTests.swift and
/// RunInterruptTests.swift.
@Suite(.serialized) struct RunTests {}

enum RunHarness {
    static let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let fixtures = repo + "/Tests/Fixtures/contenders"

    static var binary: String {
        ProcessInfo.processInfo.environment["BATTLE_BIN"] ?? repo + "/.build/debug/battle"
    }

    /// A repository of its own (no contenders/ entries, the suite's schema),
    /// a TMPDIR the database goes in, a folder where fakes write their PIDs,
    /// and a marker every child of battle inherits in its environment.
    struct Sandbox {
        var dir: String
        var root: String { dir + "/repo" }
        var tmp: String { dir + "/tmp" }
        var pids: String { dir + "/pids" }
        var marker = UUID().uuidString

        init() throws {
            dir = NSTemporaryDirectory() + "battle-e2e-run-\(UUID().uuidString.prefix(8))"
            let fm = FileManager.default
            for sub in ["repo/contenders", "repo/suite", "tmp", "pids"] {
                try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
            }
            // The database runs as the postgres user: it must be able to enter TMPDIR.
            chmod(dir, 0o755)
            chmod(dir + "/tmp", 0o755)
            try fm.copyItem(atPath: RunHarness.repo + "/suite/schema.sql", toPath: root + "/suite/schema.sql")
            // A private copy of the binary: battle runs itself as the load
            // generator, and a rebuild of the shared one mid-test would swap it.
            try #require(fm.isExecutableFile(atPath: RunHarness.binary), "build battle first (swift build): \(RunHarness.binary)")
            try fm.copyItem(atPath: RunHarness.binary, toPath: battle)
        }

        var battle: String { dir + "/battle" }

        func remove() { try? FileManager.default.removeItem(atPath: dir) }

        var environment: [String: String] {
            var env = ProcessInfo.processInfo.environment
            env["TMPDIR"] = tmp
            env["FAKE_PID_DIR"] = pids
            env["BATTLE_E2E_MARKER"] = marker
            return env
        }

        var latestResults: String { root + "/results/latest/results.json" }
    }

    /// A running `battle run`, its output going to files.
    final class BattleProcess {
        let process = Process()
        let stdoutPath: String
        let stderrPath: String

        init(_ sandbox: Sandbox, contenders: [String], arguments: [String]) throws {
            stdoutPath = sandbox.dir + "/stdout.txt"
            stderrPath = sandbox.dir + "/stderr.txt"
            _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: sandbox.battle)
            process.arguments = ["run", "--root", sandbox.root] + contenders.flatMap { ["--contender", RunHarness.fixtures + "/" + $0] } + arguments
            process.environment = sandbox.environment
            process.currentDirectoryURL = URL(fileURLWithPath: sandbox.dir)
            process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            try process.run()
        }

        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

        /// Waits until stderr contains `text` `count` times; false on timeout or exit.
        func waitForStderr(_ text: String, count: Int = 1, timeout: Double) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if stderr.components(separatedBy: text).count - 1 >= count { return true }
                if !process.isRunning { return false }
                usleep(100_000)
            }
            return false
        }

        /// The exit status, or nil (after killing it) when it takes longer than `timeout`.
        func wait(timeout: Double) -> Int32? {
            let end = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < end { usleep(100_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            return process.terminationStatus
        }
    }

    struct Outcome {
        var status: Int32?
        var stdout: String
        var stderr: String
        var results: RunResults?
    }

    /// Runs `battle run` to the end (at most `timeout` seconds).
    static func run(_ sandbox: Sandbox, contenders: [String], arguments: [String], timeout: Double = 240) throws -> Outcome {
        let p = try BattleProcess(sandbox, contenders: contenders, arguments: arguments)
        let status = p.wait(timeout: timeout)
        return Outcome(
            status: status, stdout: p.stdout, stderr: p.stderr, results: try? ResultsCoding.readResults(at: sandbox.latestResults))
    }

    /// Fails the test for every process or database folder battle left behind:
    /// the fakes' PIDs, any live process carrying the sandbox's marker in its
    /// environment (contenders, load generators, builds), any process whose
    /// command line names the sandbox (PostgreSQL runs from TMPDIR), and any
    /// battle-pg-* folder in TMPDIR.
    static func expectNothingLeft(_ sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) {
        // Give reaping a moment: battle has exited, but orphans die asynchronously.
        var leftovers: [String] = []
        for _ in 0..<20 {
            leftovers = findLeftovers(sandbox)
            if leftovers.isEmpty { break }
            usleep(250_000)
        }
        #expect(leftovers.isEmpty, "left behind: \(leftovers.joined(separator: "; "))", sourceLocation: sourceLocation)
        let pgFolders = ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.tmp)) ?? []).filter { $0.hasPrefix("battle-pg-") }
        #expect(pgFolders.isEmpty, "database folders left in \(sandbox.tmp): \(pgFolders)", sourceLocation: sourceLocation)
    }

    /// How many fake contender processes started (each writes its PID), so a
    /// test can show the leftover check had something to check.
    static func startedFakes(_ sandbox: Sandbox) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.pids)) ?? []).count
    }

    static func findLeftovers(_ sandbox: Sandbox) -> [String] {
        var found: [String] = []
        // 1. The PIDs the fakes wrote.
        for file in (try? FileManager.default.contentsOfDirectory(atPath: sandbox.pids)) ?? [] {
            guard let pid = Int32(file.replacingOccurrences(of: ".pid", with: "")) else { continue }
            if isAlive(pid) { found.append("fake contender PID \(pid)") }
        }
        // 2. Every process with the marker in its environment or the sandbox in its command line.
        let marker = Array("BATTLE_E2E_MARKER=\(sandbox.marker)".utf8)
        let path = Array(sandbox.dir.utf8)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != getpid(), isAlive(pid) else { continue }
            let environ = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/environ"))) ?? Data())
            let cmdline = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))) ?? Data())
            if contains(environ, marker) || contains(cmdline, path) {
                let shown = String(decoding: cmdline.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
                found.append("PID \(pid) (\(shown.prefix(120)))")
            }
        }
        return found
    }

    /// Alive and not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return false
        }
        let state = stat[stat.index(close, offsetBy: 2)...].first
        return state != "Z" && state != "X"
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first && Array(haystack[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }

    /// The flags every test uses: tiny levels, no warm-up, few connections
    /// (the fakes are Python); no equal-rate levels, capacity search or CPU
    /// budget unless a test asks for them (RunBudgetTests, RunCapacityTests).
    static let quickFlags = [
        "--trials", "1", "--warmup", "0", "--connections", "8", "--no-equal-rate", "--slo", "none", "--server-cpu-limit", "none",
    ]
}

extension RunResults {
    func contender(_ name: String) -> ContenderResult? { contenders.first { $0.name == name } }
}

extension ContenderResult {
    /// Every level of every test has `trials` trials, none with an error.
    func isComplete(tests expected: [SuiteTest], trials: Int) -> Bool {
        Set(tests.map(\.test)) == Set(expected)
            && tests.allSatisfy { t in
                !t.levels.isEmpty && t.levels.allSatisfy { $0.trials.count == trials && $0.trials.allSatisfy { $0.error == nil && $0.load.successes > 0 } }
            }
    }
}
