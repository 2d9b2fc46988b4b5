import BattleCore

/// The live line on stderr: `  3.0s  81.2k req/s  243.1k responses  0 errors`.
public enum ProgressLine {
    public static func render(_ p: LoadProgress) -> String {
        "\r  \(Format.duration(p.elapsed))  \(Format.count(p.requestsPerSecond)) req/s  "
            + "\(Format.count(Double(p.responses))) done  \(p.errors) errors"
            + (p.warmingUp ? "  (warmup, not recorded)" : "") + "\u{1B}[K"
    }

    /// Clears the line before the summary is printed.
    public static let clear = "\r\u{1B}[K"
}
