import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a short command to its end with `posix_spawnp` and `waitpid`, output
/// through temporary files (a pipe could be held open by a daemon the command
/// starts, and Foundation's `Process` does not always reap its child off the
/// main thread). Blocking, with a timeout after which the command is killed.
enum VerifySubprocess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(
        _ argv: [String], environment: [String: String]? = nil, timeout: Double = 30
    ) throws(Failure) -> Output {
        let base = NSTemporaryDirectory() + "battle-verify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let outPath = base + ".out"
        let errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard rc == 0 else {
            throw Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        let deadline = BlockingHTTPConnection.now() + timeout
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR {
                throw Failure(description: "waitpid failed: \(String(cString: strerror(errno)))")
            }
            if BlockingHTTPConnection.now() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "\(argv[0]) did not finish within \(Int(timeout)) s")
            }
            usleep(5_000)
        }
        let exit: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(
            status: exit,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
