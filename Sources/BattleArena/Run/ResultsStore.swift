import BattleCore
import Foundation

/// Where a run's files go: `BASE/<id>/results.json`, logs beside it, and
/// `BASE/latest` pointing at the newest run.
public struct ResultsStore: Sendable {
    public let base: String
    public let id: String
    public var folder: String { "\(base)/\(id)" }
    public var resultsFile: String { "\(folder)/results.json" }
    public var logFolder: String { "\(folder)/logs" }

    /// `20261129-101500`: the UTC time a run started.
    public static func runID(for date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var tm = tm()
        gmtime_r(&t, &tm)
        func p(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return
            "\(p(tm.tm_year + 1900, 4))\(p(tm.tm_mon + 1, 2))\(p(tm.tm_mday, 2))-\(p(tm.tm_hour, 2))\(p(tm.tm_min, 2))\(p(tm.tm_sec, 2))"
    }

    /// Creates a fresh run folder (with `-2`, `-3` ... when two runs start in the same second).
    public static func create(base: String, startedAt: Date) throws -> ResultsStore {
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let stem = runID(for: startedAt)
        var id = stem
        var n = 2
        while mkdir("\(base)/\(id)", 0o755) != 0 {
            guard errno == EEXIST else {
                throw ArenaError(
                    "cannot create the run folder \(base)/\(id): \(String(cString: strerror(errno))); check --results")
            }
            id = "\(stem)-\(n)"
            n += 1
        }
        let store = ResultsStore(base: base, id: id)
        try FileManager.default.createDirectory(atPath: store.logFolder, withIntermediateDirectories: true)
        return store
    }

    /// Where the results go when results.json cannot be written: the system's
    /// temporary folder (`TMPDIR`, else /tmp), named by the run id and battle's PID.
    public static func fallbackPath(id: String) -> String { "\(temporaryFolder)/battle-results-\(id)-\(getpid()).json" }

    /// A scratch file of battle's own in the system's temporary folder.
    static func scratchPath(_ name: String) -> String { "\(temporaryFolder)/.battle-\(name)" }

    static var temporaryFolder: String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return base.count > 1 && base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// Writes results.json atomically and points `latest` at this run.
    /// Throws when results.json was not written; returns why `latest` could
    /// not be moved (the results are safe then, only the link is stale).
    @discardableResult public func write(_ results: RunResults) throws -> String? {
        try ResultsCoding.writeAtomically(results, to: resultsFile)
        do { try pointLatest() } catch { return "\(base)/latest was not updated: \(error)" }
        return nil
    }

    /// Replaces `BASE/latest` with a symlink to this run, atomically (a new link, then rename).
    func pointLatest() throws {
        let link = "\(base)/latest"
        let tmp = "\(base)/.latest.tmp-\(getpid())"
        unlink(tmp)
        guard symlink(id, tmp) == 0 else { throw AtomicFile.WriteError(step: "creating \(tmp)", code: errno) }
        guard rename(tmp, link) == 0 else {
            let code = errno
            unlink(tmp)
            throw AtomicFile.WriteError(step: "renaming \(tmp) to \(link)", code: code)
        }
    }
}
