import BattleCore

/// One chart as the page shows it: a heading, the SVG and a caption that
/// says what is drawn and how it was measured.
struct RenderedChart {
    var id: String
    var title: String
    var svg: String
    var caption: String
}

/// Parses SLOs written as `p99<=10ms`, `p99=10ms` or `p99.9<5ms`.
struct SLOThreshold: Equatable {
    var percentile: Double
    var micros: Double

    init?(_ text: String) {
        let t = text.filter { !$0.isWhitespace }.lowercased()
        guard t.hasPrefix("p") else { return nil }
        let body = t.dropFirst()
        guard let op = body.firstIndex(where: { $0 == "<" || $0 == "=" }) else { return nil }
        guard let p = Double(body[body.startIndex..<op]) else { return nil }
        let rest = body[op...].drop { $0 == "<" || $0 == "=" }
        guard let seconds = try? DurationParserBridge.seconds(String(rest)) else { return nil }
        percentile = p
        micros = seconds * 1e6
    }
}

/// `DurationParser` with an untyped throw, for use in `try?`.
enum DurationParserBridge {
    static func seconds(_ s: String) throws -> Double { try DurationParser.seconds(s) }
}
