import BattleCore
import BattleHTTPClient
import Foundation
import Logging

/// A running contender: its manifest's run command, pinned with `taskset`,
/// in its own process group, its output appended to a log in the run folder.
public final class ContenderServer: Sendable {
    public let manifest: ContenderManifest
    public let port: Int
    public let process: ChildProcess
    public let logFile: String
    /// The address it answers on: 127.0.0.1, or the server host's (battle run --hosts).
    public let host: String
    /// On another host (`battle hosts serve` over ssh): the file its process
    /// tree's samples arrive in (`ServerSample` lines); `process` is the ssh.
    public let samplesFile: String?
    /// On another host: the write end of the ssh's stdin; closing it asks
    /// `battle hosts serve` to stop the contender there (SIGTERM, its grace).
    private let remoteStdin: LockedBox<Int32?>

    init(
        manifest: ContenderManifest, port: Int, process: ChildProcess, logFile: String, host: String = "127.0.0.1",
        samplesFile: String? = nil, remoteStdin: Int32? = nil
    ) {
        self.remoteStdin = LockedBox(remoteStdin)
        self.manifest = manifest
        self.port = port
        self.process = process
        self.logFile = logFile
        self.host = host
        self.samplesFile = samplesFile
    }

    /// The argv that starts a manifest's run command on `cpus`. A simple
    /// command is `exec`ed by the shell so the PID battle keeps is the
    /// server's own and SIGTERM reaches it directly; a command with shell
    /// syntax (`;`, `&&`, pipes) keeps its shell, and battle signals the
    /// whole process group.
    ///
    /// With a cgroup (the CPU budget), the shell first writes its own PID to
    /// the group's `cgroup.procs`, so the server and everything it starts run
    /// under the budget from their first instruction; it exits 125 if it cannot.
    public static func argv(command: String, cpus: CPUSet, cgroupProcs: String? = nil) -> [String] {
        let compound = command.contains { ";&|()`\n".contains($0) }
        var script = compound ? command : "exec " + command
        if let procs = cgroupProcs {
            script =
                "echo $$ > '\(procs)' || { echo 'battle: cannot join the CPU budget cgroup \(procs)' >&2; exit 125; }; "
                + script
        }
        return ["taskset", "-c", cpus.description, "/bin/sh", "-c", script]
    }

    /// The environment of a contender (docs/SUITE.md §4): battle's own, the
    /// manifest's `run.env`, the runtime knobs given with `--env`, then the BATTLE_ variables.
    public static func environment(
        base: [String: String], manifest: ContenderManifest, port: Int, database: DatabaseEndpoint, workers: Int,
        pool: Int, liveHeapMB: Int, root: String, tools: String, knobs: [String: String] = [:]
    ) -> [String: String] {
        var env = base
        // A knob battle's own environment happens to set does not leak in: the
        // default run uses the runtime's defaults.
        for k in manifest.run.knobs { env.removeValue(forKey: k) }
        for (k, v) in manifest.run.env { env[k] = v }
        for (k, v) in knobs { env[k] = v }
        for (k, v) in database.environment { env[k] = v }
        env["BATTLE_HOST"] = "127.0.0.1"
        env["BATTLE_PORT"] = String(port)
        env["BATTLE_DB_POOL"] = String(pool)
        env["BATTLE_WORKERS"] = String(workers)
        env["BATTLE_LIVE_HEAP_MB"] = String(liveHeapMB)
        env["BATTLE_ROOT"] = root
        env["BATTLE_TOOLS"] = tools
        return env
    }

    public static func spawn(
        manifest: ContenderManifest, port: Int, cpus: CPUSet, environment: [String: String], logFile: String,
        logs: LogAppender, supervisor: ProcessSupervisor, cgroup: CPUCgroup? = nil
    ) throws(SpawnError) -> ContenderServer {
        let budget = cgroup.map { ", CPU budget cgroup \($0.path)" } ?? ""
        let header =
            "\n==== battle: starting \(manifest.name) on 127.0.0.1:\(port), CPUs \(cpus)\(budget), \(Date()) ====\n"
        logs.append(header, to: logFile)
        let p = try ChildProcess.spawn(
            argv(command: manifest.run.command, cpus: cpus, cgroupProcs: cgroup?.procsFile), environment: environment,
            directory: manifest.folder,
            stdout: logs.output(logFile), stderr: logs.output(logFile), label: "\(manifest.name) server",
            supervisor: supervisor)
        return ContenderServer(manifest: manifest, port: port, process: p, logFile: logFile)
    }

    public enum Readiness: Sendable {
        case ready(seconds: Double)
        case exited(Termination)
        case timedOut(lastOutcome: HTTPProbe.Outcome?)
    }

    /// Polls the ready path until it answers 200, the process exits, or the
    /// manifest's startup timeout passes. Time is measured from the spawn.
    public func waitUntilReady(interruption: Interruption) async throws(Interrupted) -> Readiness {
        let timeout = manifest.run.startupTimeout
        var last: HTTPProbe.Outcome?
        while true {
            try interruption.check()
            if let t = process.poll() { return .exited(t) }
            let elapsed = MonotonicClock.seconds - process.startedAt
            if elapsed > timeout { return .timedOut(lastOutcome: last) }
            let outcome = HTTPProbe.get(
                host: host, port: port, path: manifest.run.readyPath, timeout: min(2, max(timeout - elapsed, 0.1)))
            if case .status(200) = outcome { return .ready(seconds: MonotonicClock.seconds - process.startedAt) }
            last = outcome
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    /// Whether it still answers its ready path (a hung server does not).
    public func answers(timeout: Double = 3) -> Bool {
        for _ in 0..<2 {
            if case .status = HTTPProbe.get(host: host, port: port, path: manifest.run.readyPath, timeout: timeout) {
                return true
            }
        }
        return false
    }

    /// SIGTERM, then SIGKILL after the manifest's stop grace.
    public func stop() -> ExitRecord {
        let stdin = remoteStdin.withLock { fd in
            defer { fd = nil }
            return fd
        }
        if let stdin {
            // On another host: its stdin's end stops it there, within its grace;
            // the ssh then exits with its status (128 + a signal's number).
            close(stdin)
            if let t = process.waitBlocking(timeout: manifest.run.stopGrace + 5) {
                if process.groupAlive { process.signalGroup(SIGKILL) }
                if let s = t.status, s > 128, s < 160 {
                    return ExitRecord(status: nil, signal: s - 128, killed: s - 128 == SIGKILL, unexpected: false)
                }
                return ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: false)
            }
        }
        if let t = process.poll() {
            if process.groupAlive { process.signalGroup(SIGKILL) }
            return ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
        }
        let (t, killed) = process.stop(grace: manifest.run.stopGrace)
        return ExitRecord(status: t.status, signal: t.signal, killed: killed, unexpected: false)
    }

    /// The last `lines` lines this run of the server wrote to its log, for failure reasons.
    public func logTail(_ lines: Int = 15) -> String {
        let text = LogTail.read(logFile, lines: 400)
        let own =
            text.components(separatedBy: "==== battle: starting ").last.map {
                $0.split(separator: "\n").dropFirst().joined(separator: "\n")
            } ?? ""
        let tail = LogTail.tail(own, lines: lines)
        return tail.isEmpty ? "(its output is empty)" : tail
    }
}

public enum LogTail {
    /// The last `lines` non-empty lines of a file (reads at most its last 64 KiB).
    public static func read(_ path: String, lines: Int) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        guard size >= 0, lseek(fd, size > 65_536 ? size - 65_536 : 0, SEEK_SET) >= 0 else { return "" }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < 65_536 {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        return tail(String(decoding: bytes, as: UTF8.self), lines: lines)
    }

    public static func tail(_ text: String, lines: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).joined(separator: "\n")
    }
}
