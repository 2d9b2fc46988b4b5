import BattleCore

/// What a vCPU and a GiB of memory cost per hour, with where the figures come from.
public struct PriceList: Codable, Sendable, Equatable {
    public var name: String
    public var source: String
    /// When the prices were read: `2026-03`.
    public var date: String
    public var tag: SourceTag
    public var url: String?
    public var vcpuHour: Double
    public var gbHour: Double
    public var hoursPerMonth: Double
    public var note: String?

    public init(
        name: String, source: String, date: String, tag: SourceTag, url: String? = nil, vcpuHour: Double,
        gbHour: Double, hoursPerMonth: Double = 730, note: String? = nil
    ) {
        self.name = name
        self.source = source
        self.date = date
        self.tag = tag
        self.url = url
        self.vcpuHour = vcpuHour
        self.gbHour = gbHour
        self.hoursPerMonth = hoursPerMonth
        self.note = note
    }

    /// The same list with the user's own prices; the name says they were changed.
    public func overriding(vcpuHour v: Double?, gbHour g: Double?) -> PriceList {
        guard v != nil || g != nil else { return self }
        var p = self
        p.vcpuHour = v ?? vcpuHour
        p.gbHour = g ?? gbHour
        p.name =
            "your prices (\(v != nil ? "--vcpu-hour" : "")\(v != nil && g != nil ? ", " : "")\(g != nil ? "--gb-hour" : "")) over \(name)"
        return p
    }

    public static let formatName = "battle-prices/1"

    public static func parse(_ text: String, file: String) throws(DataFileError) -> PriceList {
        let t = try TOMLReader.parse(text, file: file)
        try t.rejectUnknownKeys(
            ["format", "name", "source", "date", "tag", "url", "vcpu-hour", "gb-hour", "hours-per-month", "note"],
            file: file)
        let format = try t.requiredString("format", file: file)
        guard format == formatName else {
            throw TOMLFileError(
                file: file, key: "format", message: "is '\(format)'; this battle reads '\(formatName)'")
        }
        func price(_ key: String) throws(TOMLFileError) -> Double {
            guard let v = try t.optionalNumber(key, file: file) else {
                throw TOMLFileError(file: file, key: key, message: "missing; add `\(key) = 0.04` (US dollars)")
            }
            guard v.isFinite, v >= 0 else {
                throw TOMLFileError(file: file, key: key, message: "must be 0 or more")
            }
            return v
        }
        let tagName = try t.requiredString("tag", file: file)
        guard let tag = SourceTag(rawValue: tagName) else {
            throw TOMLFileError(file: file, key: "tag", message: "must be \"P\" or \"S\", not '\(tagName)'")
        }
        let hours = try t.optionalNumber("hours-per-month", file: file) ?? 730
        guard hours > 0 else {
            throw TOMLFileError(file: file, key: "hours-per-month", message: "must be more than 0")
        }
        return PriceList(
            name: try t.requiredString("name", file: file), source: try t.requiredString("source", file: file),
            date: try t.requiredString("date", file: file), tag: tag, url: try t.optionalString("url", file: file),
            vcpuHour: try price("vcpu-hour"), gbHour: try price("gb-hour"), hoursPerMonth: hours,
            note: try t.optionalString("note", file: file))
    }
}
