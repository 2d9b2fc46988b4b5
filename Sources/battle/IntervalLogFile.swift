import BattleArena
import BattleCore
import BattleLoad
import Foundation

/// `--hdr-log FILE`: an HdrHistogram interval log written as the intervals
/// close, so memory does not grow with the run. It goes to a temporary file
/// beside FILE, renamed to FILE when the run ends (`finish`), so FILE is
/// never half written; `abandon` removes the temporary file.
final class IntervalLogFile: Sendable {
    let flag: String
    let path: String
    private let temporary: String
    private let fd: Int32
    /// The first write error, reported by `finish`.
    private let failure = LockedBox<String?>(nil)
    private let headerWritten = LockedBox(false)
    private let finished = LockedBox(false)

    /// Creates the temporary file; throws a message naming the flag and the fix.
    init(flag: String, path: String) throws(CommandFailure) {
        self.flag = flag
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        temporary = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CommandFailure(
                .failure,
                "\(flag) \(path): cannot create the file (\(String(cString: strerror(errno)))); check the folder exists and is writable"
            )
        }
        self.fd = fd
    }

    /// Appends one interval (the header first, with the window's start time).
    /// `uncorrected`: the open-loop view from the actual send, not the corrected one.
    func write(_ interval: ClosedInterval, uncorrected: Bool) {
        var text = ""
        let first = headerWritten.withLock { written in
            let first = !written
            written = true
            return first
        }
        if first {
            text += HistogramLog.header(
                startTime: interval.windowStartedAt, comment: "Logged with battle load \(BattleVersion.string)")
        }
        text += HistogramLog.line(
            start: interval.startSeconds, length: interval.seconds,
            histogram: uncorrected ? (interval.uncorrected ?? interval.latency) : interval.latency)
        if let code = FileWriting.writeAll(fd, Data(text.utf8)) {
            failure.withLock { if $0 == nil { $0 = String(cString: strerror(code)) } }
        }
    }

    /// Flushes and renames the file into place; a message when that failed.
    func finish(startedAt: Date) -> String? {
        // A run with no interval (stopped before the window) still gets a valid, empty log.
        if !headerWritten.current {
            if let code = FileWriting.writeAll(fd, Data(HistogramLog.header(startTime: startedAt).utf8)) {
                failure.withLock { if $0 == nil { $0 = String(cString: strerror(code)) } }
            }
        }
        finished.withLock { $0 = true }
        var problem = failure.current
        if fsync(fd) != 0 { problem = problem ?? String(cString: strerror(errno)) }
        if close(fd) != 0 { problem = problem ?? String(cString: strerror(errno)) }
        if problem == nil, rename(temporary, path) != 0 { problem = String(cString: strerror(errno)) }
        if let problem {
            unlink(temporary)
            return "\(flag) \(path): cannot write the file (\(problem)); check the disk and the folder"
        }
        return nil
    }

    /// Removes the temporary file; closes it unless `finish` did.
    func abandon() {
        if !finished.current { close(fd) }
        unlink(temporary)
    }
}
