import BattleCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One agent as the coordinator holds it: its process (local battle, or the
/// ssh carrying a remote one), a pipe to its stdin and one from its stdout.
/// Its messages are read on a thread of their own and queued, each with the
/// wall-clock time its read returned (what the clock probes measure); its
/// stderr's last lines are kept for the message when it fails.
final class AgentProcess: Sendable {
    let index: Int
    let destination: AgentDestination
    let child: ChildProcess
    private let input: Int32
    private let inputOpen = LockedBox(true)
    private let inbox = LockedBox(Inbox())
    private let stderrTail = LockedBox("")

    struct Received: Sendable {
        var message: AgentMessage
        var at: Double
    }

    private struct Inbox {
        var messages: [Received] = []
        var ended = false
        /// A line that was not a message (the agent is not battle, or too old).
        var garbled: String?
    }

    private init(index: Int, destination: AgentDestination, child: ChildProcess, input: Int32) {
        self.index = index
        self.destination = destination
        self.child = child
        self.input = input
    }

    /// Starts `argv` with its stdin, stdout and stderr on pipes.
    static func start(
        index: Int, destination: AgentDestination, argv: [String], environment: [String: String]
    ) throws(SpawnError) -> AgentProcess {
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard makePipe(&toChild) == 0 else { throw SpawnError(command: argv.joined(separator: " "), code: errno) }
        guard makePipe(&fromChild) == 0 else {
            let code = errno
            close(toChild[0])
            close(toChild[1])
            throw SpawnError(command: argv.joined(separator: " "), code: code)
        }
        guard makePipe(&errors) == 0 else {
            let code = errno
            for fd in toChild + fromChild { close(fd) }
            throw SpawnError(command: argv.joined(separator: " "), code: code)
        }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                argv, environment: environment, stdin: toChild[0], stdout: .descriptor(fromChild[1]),
                stderr: .descriptor(errors[1]), label: argv.joined(separator: " "), supervisor: nil)
        } catch {
            for fd in toChild + fromChild + errors { close(fd) }
            throw error
        }
        close(toChild[0])
        close(fromChild[1])
        close(errors[1])
        let agent = AgentProcess(index: index, destination: destination, child: child, input: toChild[1])
        let inbox = agent.inbox
        let readFD = fromChild[0]
        LineReader.start(
            fd: readFD, name: "battle-agent-\(index)-out",
            handle: { line, at in
                guard !line.isEmpty else { return }
                do throws(AgentMessage.ProtocolError) {
                    let m = try AgentMessage.decode(line: line)
                    inbox.withLock { $0.messages.append(Received(message: m, at: at)) }
                } catch {
                    inbox.withLock { if $0.garbled == nil { $0.garbled = error.description } }
                }
            },
            end: {
                close(readFD)
                inbox.withLock { $0.ended = true }
            })
        let tail = agent.stderrTail
        let errFD = errors[0]
        LineReader.start(
            fd: errFD, name: "battle-agent-\(index)-err",
            handle: { line, _ in
                tail.withLock { t in
                    t += line + "\n"
                    if t.count > 2000 { t = String(t.suffix(2000)) }
                }
            },
            end: { close(errFD) })
        return agent
    }

    /// A pipe whose ends battle's other children do not inherit (glibc's
    /// pipe2 is not visible from Swift); 0 or -1 as pipe(2).
    static func makePipe(_ fds: inout [Int32]) -> Int32 {
        guard pipe(&fds) == 0 else { return -1 }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return 0
    }

    /// Sends a message; false when the agent's stdin is closed (it is gone).
    @discardableResult
    func send(_ message: AgentMessage) -> Bool {
        inputOpen.withLock { open in open && FileWriting.writeAll(input, Data(message.line().utf8)) == nil }
    }

    /// Closes its stdin (once): the agent reads that as a stop.
    func closeInput() {
        inputOpen.withLock { open in
            if open { close(input) }
            open = false
        }
    }

    /// The next message, waiting up to `timeout` seconds; nil on timeout or
    /// once the agent's output has ended and every message was taken.
    func next(timeout: Double) async -> Received? {
        let end = MonotonicClock.seconds + timeout
        while true {
            let (m, ended) = inbox.withLock { box -> (Received?, Bool) in
                if !box.messages.isEmpty { return (box.messages.removeFirst(), box.ended) }
                return (nil, box.ended)
            }
            if let m { return m }
            if ended || MonotonicClock.seconds >= end { return nil }
            try? await Task.sleep(nanoseconds: 500_000)
        }
    }

    /// Its output ended (it exited, or closed stdout) and every message was taken.
    var finished: Bool { inbox.withLock { $0.ended && $0.messages.isEmpty } }

    /// Why it is gone, for a message: its exit, a line that was not a
    /// message, and the end of its stderr.
    func obituary() -> String {
        var parts: [String] = []
        if let t = child.waitBlocking(timeout: 0.5) {
            if let s = t.signal {
                parts.append("killed by signal \(s)")
            } else if let s = t.status {
                parts.append("exited with status \(s)")
            }
        }
        if let g = inbox.withLock({ $0.garbled }) { parts.append(g) }
        let err = stderrTail.current.split(separator: "\n").suffix(3).joined(separator: " / ")
        if !err.isEmpty { parts.append("its stderr: \(err)") }
        return parts.isEmpty ? "its output ended" : parts.joined(separator: "; ")
    }

    /// Stops it for good: closes its stdin, gives it `grace` seconds to
    /// exit, then SIGTERM and SIGKILL to its process group (an ssh child
    /// takes the remote agent's session with it).
    func stop(grace: Double) {
        closeInput()
        if child.waitBlocking(timeout: grace) == nil { _ = child.stop(grace: 1) }
    }
}
