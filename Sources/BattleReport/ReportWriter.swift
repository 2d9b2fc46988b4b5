import BattleCore

/// INTERFACE STUB (owned by the report work): writes report.html, report.md and
/// results.csv into `folder` (the run folder holding results.json) and returns
/// the paths written. The only place in BattleReport that does file I/O.
public enum ReportWriter {
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String { "reports are not built yet" }
    }

    public static func writeAll(_ results: RunResults, folder: String) throws -> [String] {
        throw NotBuilt()
    }
}

/// INTERFACE STUB (owned by the report work): the terminal summary table
/// `battle run` prints at the end and `battle report --format text` prints.
public enum TextReport {
    public static func render(_ results: RunResults, color: Bool = false) -> String {
        "(text report not built yet)\n"
    }
}
