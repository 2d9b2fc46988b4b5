import BattleCore

/// The formats `battle report` writes. Each renderer is pure (results in,
/// text out); `ReportWriter` is the one place that touches files.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, markdown, html, csv

    /// The file a format is written to; text goes to the terminal.
    public var fileName: String? {
        switch self {
        case .text: nil
        case .markdown: "report.md"
        case .html: "report.html"
        case .csv: "results.csv"
        }
    }

    /// The file formats `writeAll` writes.
    public static let files: [ReportFormat] = [.html, .markdown, .csv]

    /// Renders `results` in this format, with the verdict sections from BattleVerdict.
    public func render(_ results: RunResults, color: Bool = false) -> String {
        switch self {
        case .text: TextReport.render(results, color: color)
        case .markdown: MarkdownReport.render(results)
        case .html: HTMLReport.render(results)
        case .csv: CSVReport.render(results)
        }
    }
}
