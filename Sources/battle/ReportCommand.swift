import ArgumentParser
import BattleCore
import BattleReport
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.html, report.md and results.csv for a run, or print its summary table.",
        discussion: """
            RESULTS is a run folder or its results.json (default: results/latest). Files are written next to the results unless --output names another folder; --output - prints the one chosen format to standard output. What each format holds: docs/REPORTS.md.

            Examples:
              battle report
              battle report results/20261129-101500 --format html
              battle report --format markdown --output - > summary.md
            """)

    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, html, csv, all
    }

    @Argument(help: "A run folder or its results.json.")
    var results: String = "results/latest"

    @Option(
        help:
            "What to produce: text (the table, to standard output), markdown, html, csv, or all (the three files and the table)."
    )
    var format: Choice = .all

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Folder to write the files into (default: the results' folder); - prints to standard output.",
            valueName: "DIR"))
    var output: String?

    @Flag(help: "Do not colour the table (colour is on when standard output is a terminal and NO_COLOR is unset).")
    var noColor = false

    func validate() throws {
        if output == "-" && format == .all {
            throw ValidationError("--output - prints one format; choose it with --format text, markdown, html or csv")
        }
    }

    func run() async throws {
        let runResults = try Self.read(results)
        let color = !noColor && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let formats: [ReportFormat] =
            switch format {
            case .text: [.text]
            case .markdown: [.markdown]
            case .html: [.html]
            case .csv: [.csv]
            case .all: ReportFormat.files
            }
        if output == "-" || format == .text {
            let text = formats[0].render(runResults, color: color && formats[0] == .text)
            try CommandOutput.write(text)
            return
        }
        let folder = output ?? Self.folder(of: results)
        let written = try ReportWriter.write(runResults, formats: formats, folder: folder)
        var text = format == .all ? TextReport.render(runResults, color: color) + "\n" : ""
        for path in written { text += "wrote \(path)\n" }
        try CommandOutput.write(text)
    }

    /// The results' folder: the argument itself, or the folder holding the file.
    static func folder(of path: String) -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return path }
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    struct NoResults: Error, CustomStringConvertible {
        var path: String
        var description: String {
            path == "results/latest"
                ? "no results at results/latest: run `battle run` first, or pass a run folder or its results.json"
                : "no results at \(path): pass a run folder written by `battle run` (results/<time>) or its results.json"
        }
    }

    /// Reads a results file or run folder; errors name the path and the fix.
    static func read(_ path: String) throws -> RunResults {
        guard FileManager.default.fileExists(atPath: path) else { throw NoResults(path: path) }
        return try ResultsCoding.readResults(at: path)
    }
}
