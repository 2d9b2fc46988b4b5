/// A latency objective: `p99=10ms` (also written `p99<=10ms`, `p99.9=50ms`).
public struct SLO: Codable, Sendable, Equatable, CustomStringConvertible {
    public var percentile: Double
    public var thresholdMicros: Double
    /// Highest error share (errors + non-2xx over attempts) a rate may have and still meet it.
    public var maxErrorRate: Double = 0.01

    public init(percentile: Double, thresholdMicros: Double) {
        self.percentile = percentile
        self.thresholdMicros = thresholdMicros
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String {
            "--slo '\(input)': \(reason); write a percentile and a latency, like p99=10ms or p99.9=50ms"
        }
    }

    public init(parsing text: String) throws(ParseError) {
        let t = text.filter { !$0.isWhitespace }.lowercased()
        let sep: String
        if t.contains("<=") {
            sep = "<="
        } else if t.contains("=") {
            sep = "="
        } else if t.contains("<") {
            sep = "<"
        } else {
            throw ParseError(input: text, reason: "no '='")
        }
        let parts = t.components(separatedBy: sep)
        guard parts.count == 2, parts[0].hasPrefix("p"), let p = Double(parts[0].dropFirst()), p > 0, p <= 100 else {
            throw ParseError(input: text, reason: "'\(parts[0])' is not a percentile such as p50, p99 or p99.9")
        }
        let seconds: Double
        do { seconds = try DurationParser.seconds(parts[1]) } catch {
            throw ParseError(input: text, reason: "'\(parts[1])' is not a latency such as 10ms")
        }
        guard seconds > 0 else { throw ParseError(input: text, reason: "the latency must be above zero") }
        self.init(percentile: p, thresholdMicros: seconds * 1e6)
    }

    /// Whether one open-loop run met this SLO: the percentile within the
    /// threshold, failures (errors, non-2xx, requests never sent) under
    /// `maxErrorRate`, and the schedule kept (a client that fell behind did
    /// not really offer the rate). The one rule the capacity search and the
    /// verdict use.
    public func judge(_ load: LoadSummary) -> (latencyMicros: Double, errorRate: Double, met: Bool) {
        let latency = load.latency.micros(at: percentile) ?? load.latency.maxMicros
        let unsent = load.schedule?.unsent ?? 0
        let failures = load.errors.total + (load.requests - load.successes) + unsent
        let attempts = max(load.requests + load.errors.total + unsent, 1)
        let errorRate = Double(failures) / Double(attempts)
        let met =
            load.successes > 0 && latency <= thresholdMicros && errorRate < maxErrorRate
            && !(load.schedule?.fellBehind ?? false)
        return (latency, errorRate, met)
    }

    /// `p99<=10ms`: how results record it.
    public var description: String {
        let p = percentile == percentile.rounded() ? String(Int(percentile)) : String(percentile)
        return "p\(p)<=\(Format.micros(thresholdMicros))"
    }
}
