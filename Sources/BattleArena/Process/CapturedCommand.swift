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
                if let line = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(
                    where: { !$0.isEmpty })
                {
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
        let files = OutputFiles()
        defer { files.remove() }
        let child = try files.spawn(argv, environment: environment, directory: directory, supervisor: supervisor)
        let t: Termination?
        do {
            t = try await child.wait(timeout: timeout, interruption: interruption)
        } catch {
            _ = child.stop(grace: 1)
            throw error
        }
        return files.output(child, t)
    }

    /// `run` without an async context, for start-up probes and the verifier's
    /// `psql` (blocking the calling thread, short timeouts).
    public static func runBlocking(
        _ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment, directory: String? = nil,
        timeout: Double = 10
    ) throws(SpawnError) -> Output {
        let files = OutputFiles()
        defer { files.remove() }
        let child = try files.spawn(argv, environment: environment, directory: directory, supervisor: nil)
        return files.output(child, child.waitBlocking(timeout: timeout))
    }

    /// The two temporary files a command's stdout and stderr go to.
    private struct OutputFiles {
        let out: String
        let err: String

        init() {
            let base = "\(NSTemporaryDirectory())/battle-cmd-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            out = base + ".out"
            err = base + ".err"
        }

        func spawn(
            _ argv: [String], environment: [String: String], directory: String?, supervisor: ProcessSupervisor?
        ) throws(SpawnError) -> ChildProcess {
            try ChildProcess.spawn(
                argv, environment: environment, directory: directory, stdout: .file(out), stderr: .file(err),
                supervisor: supervisor)
        }

        /// What the command wrote; a command that did not end in time (`t` nil) is stopped first.
        func output(_ child: ChildProcess, _ t: Termination?) -> Output {
            if t == nil { _ = child.stop(grace: 1) }
            return Output(
                termination: t,
                stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
        }

        func remove() {
            unlink(out)
            unlink(err)
        }
    }
}
