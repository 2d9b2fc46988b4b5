import Foundation

/// Runs a short command to completion and captures its output, for the small
/// things the arena asks the system (versions, git, cloc, psql). Output goes
/// through temporary files, so a chatty command can never block on a pipe.
public enum CapturedCommand {
    public struct Output: Sendable {
        public var termination: Termination?
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool { termination == nil }
        public var succeeded: Bool { termination?.status == 0 }

        /// The first non-empty line of stdout, else of stderr.
        public var firstLine: String? {
            for text in [stdout, stderr] {
                if let line = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) {
                    return line
                }
            }
            return nil
        }
    }

    public static func run(
        _ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment, directory: String? = nil,
        timeout: Double = 60, interruption: Interruption? = nil, supervisor: ProcessSupervisor? = nil
    ) async throws -> Output {
        let dir = NSTemporaryDirectory()
        let base = "\(dir)/battle-cmd-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let out = base + ".out"
        let err = base + ".err"
        defer {
            unlink(out)
            unlink(err)
        }
        let child = try ChildProcess.spawn(
            argv, environment: environment, directory: directory, stdout: .file(out), stderr: .file(err),
            supervisor: supervisor)
        var t: Termination?
        do {
            t = try await child.wait(timeout: timeout, interruption: interruption)
        } catch {
            _ = child.stop(grace: 1)
            throw error
        }
        if t == nil { _ = child.stop(grace: 1) }
        return Output(
            termination: t,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// `run` without an async context, for start-up probes (blocking, short timeouts).
    public static func runBlocking(_ argv: [String], directory: String? = nil, timeout: Double = 10) -> Output? {
        let dir = NSTemporaryDirectory()
        let base = "\(dir)/battle-cmd-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let out = base + ".out"
        let err = base + ".err"
        defer {
            unlink(out)
            unlink(err)
        }
        guard let child = try? ChildProcess.spawn(
            argv, environment: ProcessInfo.processInfo.environment, directory: directory, stdout: .file(out),
            stderr: .file(err), supervisor: nil)
        else { return nil }
        let t = child.waitBlocking(timeout: timeout)
        if t == nil { _ = child.stop(grace: 1) }
        return Output(
            termination: t,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
