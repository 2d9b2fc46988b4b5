/// The cited dataset: published figures about languages (survey usage,
/// developer population, time to productivity, ecosystem age ...), each with
/// its source, year and whether it was read in the primary source.
/// data/ecosystem.toml is the built-in one; `--dataset FILE` is merged over it.
public struct EcosystemDataset: Sendable, Equatable {
    public var title: String
    /// Caveats to print next to the figures, whatever they are used for.
    public var caveats: [String]
    /// Display names by language key (lower case): `rust` -> `Rust`.
    public var languageNames: [String: String]
    /// Metrics in file order.
    public var metrics: [Metric]
    /// Figures in file order.
    public var figures: [Figure]

    public init(
        title: String, caveats: [String] = [], languageNames: [String: String] = [:], metrics: [Metric] = [],
        figures: [Figure] = []
    ) {
        self.title = title
        self.caveats = caveats
        self.languageNames = languageNames
        self.metrics = metrics
        self.figures = figures
    }

    public func metric(_ id: String) -> Metric? { metrics.first { $0.id == id } }

    /// The figure for `language` (matched case-insensitively) and `metric`.
    public func figure(language: String, metric: String) -> Figure? {
        let key = language.lowercased()
        return figures.first { $0.language == key && $0.metric == metric }
    }

    /// Every figure about `language`, in file order.
    public func figures(language: String) -> [Figure] {
        let key = language.lowercased()
        return figures.filter { $0.language == key }
    }

    /// The scored metrics feeding `criterion`, in file order.
    public func metrics(feeding criterion: Criterion) -> [Metric] {
        metrics.filter { $0.criterion == criterion }
    }

    public func displayName(language: String) -> String {
        let key = language.lowercased()
        if let name = languageNames[key] { return name }
        return key.prefix(1).uppercased() + key.dropFirst()
    }
}

/// What a figure measures, and how it is scored.
public struct Metric: Codable, Sendable, Equatable {
    public var id: String
    /// What it is, for tables: "Stack Overflow survey 2025: used in the past year".
    public var label: String
    /// `%`, `million developers`, `years`.
    public var unit: String
    /// The criterion it feeds; nil when it is shown for context only.
    public var criterion: Criterion?
    public var better: Better
    /// Printed next to the figure wherever it is shown.
    public var caveat: String?

    public init(
        id: String, label: String, unit: String, criterion: Criterion?, better: Better = .higher,
        caveat: String? = nil
    ) {
        self.id = id
        self.label = label
        self.unit = unit
        self.criterion = criterion
        self.better = better
        self.caveat = caveat
    }
}

/// Whether the figure was read in the primary publication or in a source quoting it.
public enum SourceTag: String, Codable, Sendable {
    case primary = "P"
    case secondary = "S"

    public var words: String {
        switch self {
        case .primary: "primary source"
        case .secondary: "secondary source"
        }
    }
}

/// One published figure about one language.
public struct Figure: Codable, Sendable, Equatable {
    /// The language key, lower case: `rust`.
    public var language: String
    public var metric: String
    /// The number, in the metric's unit.
    public var value: Double?
    /// A date (`YYYY-MM-DD`); the scored value is the years from it to the run's start.
    public var since: String?
    /// How to show the figure (`over 70%`); alone, a figure with no number, shown and never scored.
    public var text: String?
    /// When the figure was published or measured: `2025`, `Q1 2024`.
    public var year: String
    public var source: String
    public var url: String?
    public var tag: SourceTag
    public var note: String?

    public init(
        language: String, metric: String, value: Double? = nil, since: String? = nil, text: String? = nil,
        year: String, source: String, url: String? = nil, tag: SourceTag, note: String? = nil
    ) {
        self.language = language.lowercased()
        self.metric = metric
        self.value = value
        self.since = since
        self.text = text
        self.year = year
        self.source = source
        self.url = url
        self.tag = tag
        self.note = note
    }

    /// The number scored for a run that started on `runDay` (days since 1970-01-01).
    public func scoredValue(runDay: Double) -> Double? {
        if let value { return value }
        if let since, let day = CivilDate.days(since) { return max(0, (runDay - Double(day)) / 365.2425) }
        return nil
    }

    /// "Stack Overflow Developer Survey 2025, secondary source".
    public var citation: String { "\(source), \(year), \(tag.words)" }
}

/// `YYYY-MM-DD` to days since 1970-01-01 (proleptic Gregorian), without Foundation.
enum CivilDate {
    static func days(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
