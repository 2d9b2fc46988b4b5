import BattleCore
import Foundation
import Testing

extension RunHarness {
    /// The progress lines of measured trials (`NAME: TEST LEVEL: N req/s, p99 ...`), as (contender, test, level).
    static func measuredTrials(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { full -> String? in
            // battle: [12s, ~6.6s left] NAME: TEST LEVEL: N req/s, p99 ...
            guard full.contains(" req/s, p99 "), let bracket = full.range(of: " left] ") else { return nil }
            let line = full[bracket.upperBound...]
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon]
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let end = rest.range(of: ": ") else { return nil }
            return "\(name) \(rest[..<end.lowerBound])"
        }.sorted()
    }

    /// Every trial in a results file, as (contender, test, level).
    static func recordedTrials(_ r: RunResults) -> [String] {
        r.contenders.flatMap { c in
            c.tests.flatMap { t in
                t.levels.flatMap { l in l.trials.map { _ in "\(c.name) \(t.test.rawValue) \(l.label)" } }
            }
        }.sorted()
    }

    /// Runs `command` with /bin/sh and waits for it (waitpid: Foundation's
    /// Process.waitUntilExit can stall when the test runner's threads are busy).
    static func sh(_ command: String) -> Int32 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] =
            ["/bin/sh", "-c", command].map { (s: String) in s.withCString { strdup($0) } } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

extension RunTests {
    /// The second fault: the results folder fills up. battle says
    /// so, keeps the measurements in memory, writes them to a fallback file
    /// in the temporary folder, exits 1, and its last line says where they
    /// are; what is left in the folder is a complete earlier write.
    @Test func aFullResultsFolderEndsInAFallbackFileAndExit1() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let small = sandbox.dir + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        try #require(
            RunHarness.sh("mount -t tmpfs -o size=256k battle-e2e-full \(small)") == 0, "mounting a tmpfs needs root")
        defer { _ = RunHarness.sh("umount -l \(small)") }
        // Nearly full: 40 KiB left, enough for the first writes, not for the results with trials.
        _ = RunHarness.sh("dd if=/dev/zero of=\(small)/filler bs=4096 count=54 2>/dev/null")
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok", "fake-ok-two"],
            arguments: [
                "--no-verify", "--duration", "1s", "--tests", "plaintext,json", "--results", small + "/results",
            ] + RunHarness.quickFlags)
        print(
            "---- battle run, results folder full: exit \(out.status.map(String.init) ?? "none"); stderr:\n\(out.stderr)"
        )
        #expect(out.status == ExitStatus.failure.rawValue, "stderr:\n\(out.stderr)")
        #expect(out.stderr.contains("No space left on device"))
        #expect(out.stderr.contains("the measurements are kept in memory and written again later"))
        let last = try #require(out.stderr.split(separator: "\n").last)
        #expect(
            last.contains("could not be written (") && last.contains("the complete results are in "),
            "last line: \(last)")
        let fallback = try #require(last.components(separatedBy: "the complete results are in ").last)
        #expect(fallback.hasPrefix(sandbox.tmp + "/battle-results-"))
        let r = try ResultsCoding.readResults(at: fallback)
        #expect(r.status == .complete && r.finishedAt != nil)
        #expect(r.contenders.allSatisfy { $0.status == .ok })
        let measured = RunHarness.measuredTrials(out.stderr)
        #expect(measured.count == 6, "\(measured)")
        #expect(RunHarness.recordedTrials(r) == measured, "every measured trial is in the fallback file")
        // What is left in the run folder is a complete earlier write, or nothing.
        let runs = ((try? FileManager.default.contentsOfDirectory(atPath: small + "/results")) ?? []).filter {
            $0 != "latest"
        }
        for run in runs {
            let path = "\(small)/results/\(run)/results.json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let stale = try ResultsCoding.readResults(at: path)
            #expect(stale.status == .running, "an earlier write says it is not final")
            #expect(RunHarness.recordedTrials(stale).count < measured.count)
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: "\(small)/results/\(run)")) ?? [])
                .filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        }
        RunHarness.expectNothingLeft(sandbox)
    }

    /// The run folder made read-only (immutable) after the first trial:
    /// the same promise (fallback file, exit 1, every trial in it).
    @Test func aReadOnlyResultsFolderMidRunEndsInAFallbackFileAndExit1() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "plaintext,json"] + RunHarness.quickFlags)
        #expect(p.waitForStderr("fake-ok: plaintext c=8: trial 1/1", timeout: 120), "stderr:\n\(p.stderr)")
        let folder = try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.root + "/results/latest")
        let runFolder = sandbox.root + "/results/" + folder
        #expect(RunHarness.sh("chattr +i \(runFolder)") == 0, "chattr +i needs root and ext4")
        defer { _ = RunHarness.sh("chattr -i \(runFolder)") }
        let status = p.wait(timeout: 120)
        #expect(status == ExitStatus.failure.rawValue, "stderr:\n\(p.stderr)")
        #expect(p.stderr.contains("Operation not permitted"), "stderr:\n\(p.stderr)")
        let last = try #require(p.stderr.split(separator: "\n").last)
        let fallback = try #require(
            last.components(separatedBy: "the complete results are in ").last, "last line: \(last)")
        let r = try ResultsCoding.readResults(at: fallback)
        #expect(RunHarness.recordedTrials(r) == RunHarness.measuredTrials(p.stderr))
        #expect(RunHarness.recordedTrials(r).count == 3)
        let stale = try ResultsCoding.readResults(at: runFolder + "/results.json")
        #expect(stale.status == .running)
        RunHarness.expectNothingLeft(sandbox)
    }
}
