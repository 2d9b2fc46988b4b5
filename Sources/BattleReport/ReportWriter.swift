import BattleCore
import Foundation

/// Writes reports next to a results file: report.html, report.md and
/// results.csv. The only place in BattleReport that does file I/O; every
/// file is written atomically (temporary file, fsync, rename).
public enum ReportWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "cannot write \(path): \(reason); check that the folder exists and is writable, or pass --output DIR"
        }
    }

    /// Writes report.html, report.md and results.csv into `folder` (the run
    /// folder holding results.json) and returns the paths written.
    public static func writeAll(_ results: RunResults, folder: String) throws -> [String] {
        try write(results, formats: ReportFormat.files, folder: folder)
    }

    /// Writes the file formats among `formats` into `folder`, creating it if
    /// needed; throws the first failure, after trying every other format.
    public static func write(_ results: RunResults, formats: [ReportFormat], folder: String) throws -> [String] {
        let outcome = writeEach(results, formats: formats, folder: folder)
        if let first = outcome.failures.first { throw first }
        return outcome.written
    }

    /// Writes each file format among `formats` into `folder`: one that cannot
    /// be written (a full disk) does not stop the others.
    public static func writeEach(
        _ results: RunResults, formats: [ReportFormat], folder: String
    ) -> (
        written: [String], failures: [WriteError]
    ) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return ([], [WriteError(path: folder, reason: (error as NSError).localizedDescription)])
        }
        var written: [String] = []
        var failures: [WriteError] = []
        for format in formats {
            guard let name = format.fileName else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                try AtomicFile.write(Data(format.render(results).utf8), to: path)
                written.append(path)
            } catch {
                failures.append(WriteError(path: path, reason: String(describing: error)))
            }
        }
        return (written, failures)
    }
}
