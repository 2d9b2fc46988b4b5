import BattleCore

/// How a component's values are shown.
public enum ValueKind: String, Codable, Sendable {
    /// Requests per CPU-second.
    case ratePerCPUSecond
    case micros
    case bytes
    case seconds
    case lines
    case usdPerMonth
    /// A published figure, in its metric's unit.
    case figure
}

/// One thing a criterion is scored from, with each contender's value: one
/// suite test's p99, the clean build time, one dataset metric. Values are keyed
/// by contender name; a missing key means "no data".
public struct Component: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var kind: ValueKind
    /// For `.figure`: the metric's unit (`%`, `million developers`).
    public var unit: String
    public var better: Better
    public var values: [String: Double]
    /// How a value is shown when it is not a plain number (`over 70%`, a text-only figure).
    public var shown: [String: String]
    /// For published figures: where each contender's language figure comes from.
    public var citations: [String: String]
    public var caveat: String?
    /// Whether the component entered the scores (every ranked contender had a value).
    public var counted: Bool
    /// Why it did not, when it did not.
    public var droppedBecause: String?

    public init(
        key: String, label: String, kind: ValueKind, unit: String = "", better: Better, values: [String: Double] = [:],
        shown: [String: String] = [:], citations: [String: String] = [:], caveat: String? = nil
    ) {
        self.key = key
        self.label = label
        self.kind = kind
        self.unit = unit
        self.better = better
        self.values = values
        self.shown = shown
        self.citations = citations
        self.caveat = caveat
        self.counted = false
        self.droppedBecause = nil
    }

    /// The value for `contender` as text: `12.3k/CPU-s`, `1.25ms`, `14.8%`, `no data`.
    public func display(_ contender: String) -> String {
        if let s = shown[contender] { return s }
        guard let v = values[contender] else { return "no data" }
        return ValueFormat.format(v, kind: kind, unit: unit)
    }
}

enum ValueFormat {
    static func format(_ v: Double, kind: ValueKind, unit: String) -> String {
        guard v.isFinite else {
            switch kind {
            case .usdPerMonth: return "SLO not met"
            case .micros: return "no responses"
            default: return "n/a"
            }
        }
        switch kind {
        case .ratePerCPUSecond: return Format.count(v) + "/CPU-s"
        case .micros: return Format.micros(v)
        case .bytes: return Format.bytes(Int(v))
        case .seconds: return seconds(v)
        case .lines: return grouped(Int(v.rounded())) + " lines"
        case .usdPerMonth: return usd(v) + "/month"
        case .figure: return figure(v, unit: unit)
        }
    }

    /// `0.042 s`, `1.20 s`, `48.3 s`, `2m05s`.
    static func seconds(_ v: Double) -> String {
        if v < 0.1 { return Format.fixed(v, 3) + " s" }
        if v < 60 { return Format.significant(v) + " s" }
        return Format.duration(v)
    }

    static func figure(_ v: Double, unit: String) -> String {
        // As few decimals as say the number exactly (5.4, 84.66, 4), at most three.
        let digits = (0...3).first { d in abs(Double(Format.fixed(v, d))! - v) < 1e-9 } ?? 3
        let n = Format.fixed(v, digits)
        if unit == "%" { return n + "%" }
        return unit.isEmpty ? n : n + " " + unit
    }

    /// `$1,234`, `$12.50`, `$0.73`.
    static func usd(_ v: Double) -> String {
        if v >= 100 { return "$" + grouped(Int(v.rounded())) }
        return "$" + Format.fixed(v, 2)
    }

    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `2.40×`.
    static func times(_ r: Double) -> String { Format.significant(r) + "×" }
}
