import ArgumentParser
import BattleArena
import BattleCore
import Foundation

/// `battle hosts serve`: the server host's side of `battle run --hosts`,
/// started over ssh by the coordinator. It runs the contender's command
/// pinned to its CPUs, in a cgroup holding the CPU budget (as a single-host
/// run does), samples its process tree at 10 Hz and prints each sample as a
/// JSON line on stdout (`ServerSample`), its output going to stderr. It stops
/// the contender (SIGTERM, then SIGKILL after the grace) when its stdin ends
/// (the coordinator closed it, or the ssh carrying it ended), when its stdout
/// is gone, or on SIGTERM, and exits with the contender's status (128 + N
/// for a signal N).
struct HostsServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a contender on this host for `battle run --hosts` (started over ssh by the coordinator).",
        discussion: """
            Prints one JSON sample of the contender's process tree per --interval on stdout; its output \
            goes to stderr. Stops it when stdin ends (the coordinator closed it or the ssh ended), when \
            stdout closes, or on SIGTERM.
            """)

    @Option(help: "The CPUs it runs on (taskset list).") var cpus: String
    @Option(help: "Its folder (the manifest's folder on this host).") var dir: String
    @Option(help: "The manifest's run.command.") var command: String
    @Option(help: "NAME=VALUE for its environment. Repeatable.") var env: [String] = []
    @Option(name: .customLong("cpu-limit"), help: "CPU budget in cores (a cgroup's quota); none by default.")
    var cpuLimit: Double?
    @Option(name: .customLong("cpu-period-us"), help: "The cgroup's period in microseconds.")
    var cpuPeriodMicros: Int = CPUBudget.defaultPeriodMicros
    @Option(help: "Seconds from SIGTERM to SIGKILL.") var grace: Double = 5
    @Option(help: "Seconds between samples.") var interval: Double = 0.1
    @Option(help: "A name for its cgroup.") var name: String = "remote"

    /// Whether stdin has ended (the coordinator closed it, or its ssh is gone).
    static func stdinEnded() -> Bool {
        var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 256)
        return read(0, &buffer, buffer.count) <= 0
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let set: CPUSet
        do { set = try CPUSet(parsing: cpus) } catch { throw CommandFailure(.usage, "--cpus: \(error)") }
        var environment = ProcessInfo.processInfo.environment
        for pair in env {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw CommandFailure(.usage, "--env '\(pair)': write NAME=VALUE")
            }
            environment[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        let budget = cpuLimit.map { CPUBudget(cores: $0, periodMicros: cpuPeriodMicros, reason: "battle run --hosts") }
        let cgroup: CPUCgroup?
        do { cgroup = try CPUCgroup.create(name: name, budget: budget) } catch {
            if budget != nil { throw CommandFailure(.failure, "the CPU budget cannot be applied here: \(error)") }
            cgroup = nil
        }
        defer { _ = cgroup?.killRemainingAndRemove() }
        let supervisor = ProcessSupervisor()
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                ContenderServer.argv(command: command, cpus: set, cgroupProcs: cgroup?.procsFile),
                environment: environment, directory: dir, stdout: .descriptor(2), stderr: .descriptor(2),
                label: "contender", supervisor: supervisor)
        } catch { throw CommandFailure(.failure, "cannot start '\(command)' in \(dir): \(error)") }
        let interruption = Interruption()
        let signals = StopSignals { interruption.trigger(signal: $0) }
        defer { signals.cancel() }
        var termination: Termination?
        while termination == nil {
            if let t = child.poll() {
                termination = t
                break
            }
            let sample = ServerSample(
                t: Date().timeIntervalSince1970, pid: child.pid,
                processes: ProcTable.read().tree(root: child.pid).map(ServerSample.Process.init))
            let line = (try? ResultsCoding.encoder(pretty: false).encode(sample)).map {
                String(decoding: $0, as: UTF8.self) + "\n"
            }
            if interruption.isTriggered || Self.stdinEnded() || StandardStream.output.write(line ?? "") != nil {
                termination = child.stop(grace: grace).termination
                break
            }
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
        }
        let t = termination!
        if t.signal == nil, let status = t.status {
            StandardStream.error.write("battle hosts serve: the contender exited with status \(status)\n")
        }
        if let s = t.signal { throw ExitCode(128 + s) }
        if let status = t.status, status != 0 { throw ExitCode(status) }
    }
}
