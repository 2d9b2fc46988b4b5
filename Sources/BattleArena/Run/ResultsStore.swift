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
        return "\(p(tm.tm_year + 1900, 4))\(p(tm.tm_mon + 1, 2))\(p(tm.tm_mday, 2))-\(p(tm.tm_hour, 2))\(p(tm.tm_min, 2))\(p(tm.tm_sec, 2))"
    }

    /// Creates a fresh run folder (with `-2`, `-3` ... when two runs start in the same second).
    public static func create(base: String, startedAt: Date) throws -> ResultsStore {
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let stem = runID(for: startedAt)
        var id = stem
        var n = 2
        while mkdir("\(base)/\(id)", 0o755) != 0 {
            guard errno == EEXIST else {
                throw ArenaError("cannot create the run folder \(base)/\(id): \(String(cString: strerror(errno))); check --results")
            }
            id = "\(stem)-\(n)"
            n += 1
        }
        let store = ResultsStore(base: base, id: id)
        try FileManager.default.createDirectory(atPath: store.logFolder, withIntermediateDirectories: true)
        return store
    }

    /// Writes results.json atomically and points `latest` at this run.
    public func write(_ results: RunResults) throws {
        try ResultsCoding.writeAtomically(results, to: resultsFile)
        try pointLatest()
    }

    /// Replaces `BASE/latest` with a symlink to this run, atomically (a new link, then rename).
    func pointLatest() throws {
        let link = "\(base)/latest"
        let tmp = "\(base)/.latest.tmp-\(getpid())"
        unlink(tmp)
        guard symlink(id, tmp) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard rename(tmp, link) == 0 else {
            let code = errno
            unlink(tmp)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
