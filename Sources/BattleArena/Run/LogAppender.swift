import BattleCore
import Foundation

/// The run's logs (build, server, load), appended with errors reported. A
/// log that cannot be written (a full disk, a read-only folder) is reported
/// once, naming the file and the reason, and given up: battle writes no more
/// to it, and the build or measurement goes on without it.
public final class LogAppender: Sendable {
    private let givenUp = LockedBox<[String: String]>([:])
    private let order = LockedBox<[String]>([])
    private let report: @Sendable (String) -> Void

    /// `report` hears each given-up log once (the run says it on stderr).
    public init(report: @escaping @Sendable (String) -> Void) { self.report = report }

    /// Appends `text` to the log at `path` (created when missing), unless it was given up.
    public func append(_ text: String, to path: String) {
        guard !isGivenUp(path) else { return }
        do { try FileWriting.append(text, to: path) } catch { giveUp(path, error) }
    }

    /// Starts the log at `path` empty, unless it was given up.
    public func start(_ path: String) {
        guard !isGivenUp(path) else { return }
        do { try FileWriting.truncate(path) } catch { giveUp(path, error) }
    }

    /// Where a child's output goes: the log, or nowhere once the log was given
    /// up or cannot be opened (a child must not fail to start for its log).
    public func output(_ path: String) -> ChildProcess.Output {
        guard !isGivenUp(path) else { return .null }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            giveUp(path, AtomicFile.WriteError(step: "opening \(path)", code: errno))
            return .null
        }
        close(fd)
        return .file(path)
    }

    public func isGivenUp(_ path: String) -> Bool { givenUp.withLock { $0[path] != nil } }

    /// One sentence per log given up, in the order they failed (for the results' notes).
    public var problems: [String] {
        let paths = order.current
        return givenUp.withLock { reasons in paths.compactMap { reasons[$0] } }
    }

    private func giveUp(_ path: String, _ error: AtomicFile.WriteError) {
        let message = "the log \(path) could not be written (\(error)); battle stopped writing it, the run goes on"
        let first = givenUp.withLock { reasons in
            guard reasons[path] == nil else { return false }
            reasons[path] = message
            return true
        }
        guard first else { return }
        order.withLock { $0.append(path) }
        report(message)
    }
}
