import BattleCore
import Foundation
import Testing

/// Issue 24: the results folder fills up, or turns read-only, at any moment
/// of a run. Every case ends with the documented exit code (1: the results
/// could not be written where asked), the complete measurements in the
/// fallback file the last line names, no trap and nothing left running.
extension RunTests {
    /// Where a run is when its results folder fills up: the progress line
    /// that starts the fill, and the flags that make the run reach it.
    struct FillPoint: Sendable, CustomTestStringConvertible {
        var phase: String
        var marker: String
        var flags: [String]
        var testDescription: String { phase }
    }

    /// Small levels (the fake is Python); the levels a case needs are turned on per case.
    static let diskFullBase = [
        "--trials", "1", "--warmup", "0", "--connections", "8", "--duration", "1s", "--server-cpu-limit", "none",
    ]

    static let fillPoints: [FillPoint] = [
        FillPoint(
            phase: "after the build", marker: "fake-orders: built",
            flags: ["--no-verify", "--tests", "json", "--no-equal-rate", "--slo", "none"]),
        FillPoint(
            phase: "during verification", marker: "fake-ok: verifying",
            flags: ["--tests", "json", "--no-equal-rate", "--slo", "none"]),
        FillPoint(
            phase: "during a peak level", marker: "fake-orders: json c=8: trial 1/1",
            flags: ["--no-verify", "--tests", "json", "--no-equal-rate", "--slo", "none"]),
        FillPoint(
            phase: "during an equal-rate level", marker: "fake-orders: equal rates, round 1/1: starting",
            flags: ["--no-verify", "--tests", "json", "--slo", "none"]),
        FillPoint(
            phase: "during the capacity search", marker: "fake-orders: json capacity: trying",
            flags: [
                "--no-verify", "--tests", "json", "--no-equal-rate", "--slo", "p99=500ms", "--capacity-tests", "json",
            ]),
        FillPoint(
            phase: "during the large-heap level", marker: "restarting with BATTLE_LIVE_HEAP_MB",
            flags: ["--no-verify", "--tests", "orders", "--no-equal-rate", "--slo", "none", "--heap-duration", "2s"]),
    ]

    @Test(arguments: fillPoints) func aResultsFolderThatFillsUpMidRunLosesNothing(_ point: FillPoint) throws {
        try Self.faultMidRun(point, readOnly: false)
    }

    @Test(arguments: fillPoints) func aResultsFolderThatTurnsReadOnlyMidRunLosesNothing(_ point: FillPoint) throws {
        try Self.faultMidRun(point, readOnly: true)
    }

    /// Starts the run, and when it reaches `point` fills its results folder
    /// (a tmpfs, with zeros until it is full) or makes it read-only (chattr +i
    /// on the run folder, logs/ and hdr/: no file can be created in them).
    static func faultMidRun(_ point: FillPoint, readOnly: Bool) throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        // Checked on every way out (a trap would leave the contender running), then stopped.
        defer { Self.expectNothingLeftAndStopIt(sandbox) }
        let small = sandbox.dir + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        if !readOnly {
            try #require(
                RunHarness.sh("mount -t tmpfs -o size=8m battle-e2e-fill \(small)") == 0, "mounting a tmpfs needs root")
        }
        defer { if !readOnly { _ = RunHarness.sh("umount -l \(small)") } }
        let base = small + "/results"
        let contender = point.phase == "during verification" ? "fake-ok" : "fake-orders"
        let p = try SpawnedBattle(
            sandbox,
            arguments: [
                "run", "--root", sandbox.root, "--contender", RunHarness.fixtures + "/" + contender, "--results", base,
            ] + Self.diskFullBase + point.flags)
        let reached = p.waitForStderr(point.marker, timeout: 180)
        #expect(reached, "the run did not reach '\(point.marker)'; stderr:\n\(p.stderr)")
        if readOnly {
            let id = try FileManager.default.destinationOfSymbolicLink(atPath: base + "/latest")
            let run = base + "/" + id
            #expect(
                RunHarness.sh("chattr +i \(run) \(run)/logs && { [ ! -d \(run)/hdr ] || chattr +i \(run)/hdr; }") == 0,
                "chattr +i needs root and a filesystem that keeps the flag")
        } else {
            // The filler: zeros until the filesystem says it is full.
            #expect(
                RunHarness.sh(
                    "dd if=/dev/zero of=\(small)/filler bs=64k 2>/dev/null; test \"$(df --output=avail \(small) | tail -1 | tr -d ' ')\" -lt 64"
                ) == 0)
        }
        defer { if readOnly { _ = RunHarness.sh("chattr -R -i \(base) 2>/dev/null") } }
        let status = p.wait(timeout: 240)
        let stderr = p.stderr
        print(
            "---- battle run, results folder \(readOnly ? "read-only" : "filled") \(point.phase): exit \(status.map(String.init) ?? "none"); stderr:\n\(stderr)"
        )
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Crash"), "a trap; stderr:\n\(stderr)")
        #expect(status == ExitStatus.failure.rawValue, "stderr:\n\(stderr)")
        let last = try #require(stderr.split(separator: "\n").last)
        let fallback = try #require(
            last.components(separatedBy: "the complete results are in ").dropFirst().first, "last line: \(last)")
        let r = try ResultsCoding.readResults(at: fallback)
        defer { unlink(fallback) }
        #expect(r.status == .complete && r.finishedAt != nil)
        #expect(r.contenders.allSatisfy { $0.status == .ok }, "\(r.contenders.map { "\($0.name): \($0.status)" })")
        let measured = RunHarness.measuredTrials(stderr)
        #expect(!measured.isEmpty)
        // Capacity steps have progress lines of their own (checked below).
        let recordedTrials = RunHarness.recordedTrials(r).filter { !$0.contains(" capacity ") }
        #expect(recordedTrials == measured, "every measured trial is in the fallback file")
        for c in r.contenders {
            for t in c.tests {
                for l in t.levels {
                    for trial in l.trials {
                        guard let log = trial.hdrLog else { continue }
                        #expect(
                            FileManager.default.fileExists(atPath: "\(base)/\(r.id)/\(log)"),
                            "the results name an interval log that was not written: \(log)")
                    }
                }
            }
        }
        // The reports come last, on the full disk: each one is named, none is a trap.
        for name in ["report.html", "report.md", "results.csv"] {
            #expect(
                stderr.contains("battle run: a report was not written: cannot write ") && stderr.contains("/\(name): "),
                "\(name) is not named as unwritten; stderr:\n\(stderr)")
        }
        if point.phase == "during the capacity search" {
            let steps = stderr.components(separatedBy: "json capacity: trying").count - 1
            let recorded = r.contenders.first?.capacity.first?.steps.count ?? 0
            #expect(steps > 0 && recorded == steps, "capacity steps tried \(steps), recorded \(recorded)")
        }
    }

    /// `expectNothingLeft`, then SIGKILL for whatever the fakes left (their PID files).
    static func expectNothingLeftAndStopIt(_ sandbox: RunHarness.Sandbox) {
        RunHarness.expectNothingLeft(sandbox)
        for file in (try? FileManager.default.contentsOfDirectory(atPath: sandbox.pids)) ?? [] {
            if let pid = Int32(file.replacingOccurrences(of: ".pid", with: "")), RunHarness.isAlive(pid) {
                kill(pid, SIGKILL)
            }
        }
    }
}

/// A closed standard output (`battle run ... | head -1` once head has gone):
/// `battle run` loses nothing and keeps its exit code (the summary it could
/// not print is report.txt's); a command whose product is standard output
/// exits 1 and says so. Never SIGPIPE, never a trap.
extension RunTests {
    @Test func aClosedStandardOutputLosesNothingAndKeepsTheExitCode() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let (status, stderr) = try Self.runWithClosedStdout(
            sandbox.battle,
            [
                "run", "--root", sandbox.root, "--contender", RunHarness.fixtures + "/fake-ok", "--no-verify",
                "--duration", "1s",
                "--tests", "json",
            ] + RunHarness.quickFlags, environment: sandbox.environment)
        #expect(status == ExitStatus.ok.rawValue, "stderr:\n\(stderr)")
        #expect(
            stderr.contains("battle run: the summary was not written (standard output: Broken pipe)"),
            "stderr:\n\(stderr)")
        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .complete)
        #expect(RunHarness.recordedTrials(r) == RunHarness.measuredTrials(stderr))
        #expect(RunHarness.recordedTrials(r).count == 1)
        RunHarness.expectNothingLeft(sandbox)

        let (verdict, verdictErr) = try Self.runWithClosedStdout(
            sandbox.battle, ["verdict", sandbox.latestResults], environment: sandbox.environment)
        #expect(verdict == ExitStatus.failure.rawValue, "stderr:\n\(verdictErr)")
        #expect(verdictErr.contains("battle verdict: error: the output was not written (standard output: Broken pipe)"))
        let (report, reportErr) = try Self.runWithClosedStdout(
            sandbox.battle, ["report", sandbox.latestResults, "--format", "markdown", "--output", "-"],
            environment: sandbox.environment)
        #expect(report == ExitStatus.failure.rawValue, "stderr:\n\(reportErr)")
        #expect(reportErr.contains("battle report: error: the output was not written (standard output: Broken pipe)"))
    }

    /// Runs `argv` with standard output a pipe whose reading end is already
    /// closed; (exit status, stderr).
    static func runWithClosedStdout(
        _ binary: String, _ arguments: [String], environment: [String: String]
    ) throws -> (
        Int32, String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        let stdout = Pipe()
        try stdout.fileHandleForReading.close()
        process.standardOutput = stdout
        let stderrPath = NSTemporaryDirectory() + "battle-closed-stdout-\(UUID().uuidString.prefix(8)).txt"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        defer { unlink(stderrPath) }
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
        let end = Date().addingTimeInterval(240)
        while process.isRunning && Date() < end { usleep(100_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let reason =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (reason, (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}

/// `battle` started with posix_spawn and reaped with waitpid, its output in
/// files: a battle that traps fails the test at once (exit 132) instead of
/// leaving a zombie that Foundation's Process may never notice.
final class SpawnedBattle {
    let pid: pid_t
    let stderrPath: String
    private var status: Int32?

    init(_ sandbox: RunHarness.Sandbox, arguments: [String]) throws {
        stderrPath = sandbox.dir + "/stderr-\(UUID().uuidString.prefix(8)).txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, sandbox.dir + "/stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([sandbox.battle] + arguments).map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = sandbox.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, sandbox.battle, &actions, nil, argv, env)
        try #require(rc == 0, "posix_spawn \(sandbox.battle): \(String(cString: strerror(rc)))")
        self.pid = pid
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The exit status once it has ended (128 + N for signal N), else nil.
    func poll() -> Int32? {
        if let status { return status }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
        status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        return status
    }

    /// Waits until stderr contains `text`; false on timeout or exit.
    func waitForStderr(_ text: String, timeout: Double) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if stderr.contains(text) { return true }
            if poll() != nil { return stderr.contains(text) }
            usleep(100_000)
        }
        return false
    }

    /// The exit status, or nil (after SIGKILL) when it takes longer than `timeout`.
    func wait(timeout: Double) -> Int32? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = poll() { return s }
            usleep(100_000)
        }
        kill(pid, SIGKILL)
        var raw: Int32 = 0
        waitpid(pid, &raw, 0)
        return nil
    }
}
