import BattleCore

extension EcosystemDataset {
    public static let formatName = "battle-ecosystem/1"

    /// Parses a complete dataset file (data/ecosystem.toml's format, docs/VERDICT.md).
    public static func parse(_ text: String, file: String) throws(DataFileError) -> EcosystemDataset {
        let table = try TOMLReader.parse(text, file: file)
        try checkShape(table, file: file, overlay: false)
        return try build(table, file: file)
    }

    /// Parses `text` (a user's `--dataset` file) and lays it over `base`'s file
    /// `baseText`: a figure or metric table replaces the keys it names, one with
    /// `drop = true` removes it, new ones are added, caveats are appended.
    public static func parse(
        overlay text: String, file: String, over baseText: String, baseFile: String
    ) throws(DataFileError) -> EcosystemDataset {
        let base = try TOMLReader.parse(baseText, file: baseFile)
        let overlay = try TOMLReader.parse(text, file: file)
        try checkShape(overlay, file: file, overlay: true)
        var merged = TOMLTable.merged(base, overlay)
        if let baseCaveats = base["caveats"]?.array, let extra = overlay["caveats"]?.array {
            merged["caveats"] = .array(baseCaveats + extra)
        }
        merged = try applyDrops(merged, file: file)
        // The built-in file is valid (tested), so what fails now came from the overlay.
        return try build(merged, file: file)
    }

    // MARK: - shape

    static let topKeys: Set<String> = ["format", "title", "caveats", "language", "metric", "figure"]
    static let metricKeys: Set<String> = ["label", "unit", "criterion", "better", "caveat", "drop"]
    static let figureKeys: Set<String> = ["value", "since", "text", "year", "source", "url", "tag", "note", "drop"]

    /// Unknown keys and wrong types, named with the file they are in.
    static func checkShape(_ t: TOMLTable, file: String, overlay: Bool) throws(DataFileError) {
        try t.rejectUnknownKeys(topKeys, file: file)
        if let format = try t.optionalString("format", file: file),
            format != formatName
        {
            throw TOMLFileError(file: file, key: "format", message: "is '\(format)'; this battle reads '\(formatName)'")
        }
        if !overlay, t["format"] == nil {
            throw TOMLFileError(file: file, key: "format", message: "missing; add `format = \"\(formatName)\"`")
        }
        _ = try t.optionalStrings("caveats", file: file)
        if let languages = try t.optionalTable("language", file: file) {
            for (key, lang) in try languages.subtables(file: file, prefix: "language.") {
                let prefix = "language.\(key)."
                try lang.rejectUnknownKeys(["name"], file: file, prefix: prefix)
                _ = try lang.optionalString("name", file: file, prefix: prefix)
            }
        }
        if let metrics = try t.optionalTable("metric", file: file) {
            for (key, m) in try metrics.subtables(file: file, prefix: "metric.") {
                let prefix = "metric.\(key)."
                try m.rejectUnknownKeys(metricKeys, file: file, prefix: prefix)
                _ = try m.optionalBool("drop", file: file, prefix: prefix)
            }
        }
        if let languages = try t.optionalTable("figure", file: file) {
            for (lang, figs) in try languages.subtables(file: file, prefix: "figure.") {
                for (key, f) in try figs.subtables(file: file, prefix: "figure.\(lang).") {
                    let prefix = "figure.\(lang).\(key)."
                    try f.rejectUnknownKeys(figureKeys, file: file, prefix: prefix)
                    _ = try f.optionalBool("drop", file: file, prefix: prefix)
                }
            }
        }
    }

    /// Removes metrics and figures marked `drop = true` (a dropped metric takes its figures with it).
    static func applyDrops(_ t: TOMLTable, file: String) throws(DataFileError) -> TOMLTable {
        var out = t
        var droppedMetrics: Set<String> = []
        if var metrics = t["metric"]?.table {
            for (key, m) in metrics.entries where m.table?["drop"]?.bool == true {
                metrics[key] = nil
                droppedMetrics.insert(key)
            }
            out["metric"] = .table(metrics)
        }
        if var languages = t["figure"]?.table {
            for (lang, value) in languages.entries {
                guard var figs = value.table else { continue }
                for (key, f) in figs.entries where f.table?["drop"]?.bool == true || droppedMetrics.contains(key) {
                    figs[key] = nil
                }
                languages[lang] = .table(figs)
            }
            out["figure"] = .table(languages)
        }
        return out
    }

    // MARK: - build

    static func build(_ t: TOMLTable, file: String) throws(DataFileError) -> EcosystemDataset {
        let title = try t.optionalString("title", file: file) ?? file
        let caveats = try t.optionalStrings("caveats", file: file) ?? []
        var names: [String: String] = [:]
        for (key, lang) in try (t["language"]?.table ?? TOMLTable()).subtables(file: file, prefix: "language.") {
            if let name = lang["name"]?.string { names[key.lowercased()] = name }
        }
        var metrics: [Metric] = []
        for (key, m) in try (t["metric"]?.table ?? TOMLTable()).subtables(file: file, prefix: "metric.") {
            metrics.append(try metric(key, m, file: file))
        }
        var figures: [Figure] = []
        for (lang, figs) in try (t["figure"]?.table ?? TOMLTable()).subtables(file: file, prefix: "figure.") {
            for (key, f) in try figs.subtables(file: file, prefix: "figure.\(lang).") {
                guard metrics.contains(where: { $0.id == key }) else {
                    let known = metrics.map(\.id).joined(separator: ", ")
                    throw TOMLFileError(
                        file: file, key: "figure.\(lang).\(key)",
                        message: "no metric '\(key)'; add a [metric.\(key)] table or use one of: \(known)")
                }
                figures.append(try figure(lang, key, f, file: file))
            }
        }
        return EcosystemDataset(
            title: title, caveats: caveats, languageNames: names, metrics: metrics, figures: figures)
    }

    static func metric(_ id: String, _ m: TOMLTable, file: String) throws(DataFileError) -> Metric {
        let prefix = "metric.\(id)."
        let label = try m.requiredString("label", file: file, prefix: prefix)
        let unit = try m.optionalString("unit", file: file, prefix: prefix) ?? ""
        let caveat = try m.optionalString("caveat", file: file, prefix: prefix)
        var criterion: Criterion?
        let name = try m.optionalString("criterion", file: file, prefix: prefix) ?? "none"
        if name != "none" {
            let published = Criterion.allCases.filter { $0.basis == .published }
            let allowed = published.map(\.rawValue).joined(separator: ", ")
            guard let c = Criterion(rawValue: name) else {
                throw TOMLFileError(
                    file: file, key: prefix + "criterion",
                    message: "unknown criterion '\(name)'; use one of: \(allowed), or none")
            }
            guard c.basis == .published else {
                throw TOMLFileError(
                    file: file, key: prefix + "criterion",
                    message:
                        "'\(name)' is measured by the run and never taken from a dataset; use one of: \(allowed), or none"
                )
            }
            criterion = c
        }
        let betterName = try m.optionalString("better", file: file, prefix: prefix) ?? "higher"
        guard let better = Better(rawValue: betterName) else {
            throw TOMLFileError(
                file: file, key: prefix + "better", message: "must be \"higher\" or \"lower\", not '\(betterName)'")
        }
        return Metric(id: id, label: label, unit: unit, criterion: criterion, better: better, caveat: caveat)
    }

    static func figure(_ lang: String, _ metric: String, _ f: TOMLTable, file: String) throws(DataFileError) -> Figure {
        let prefix = "figure.\(lang).\(metric)."
        let value = try f.optionalNumber("value", file: file, prefix: prefix)
        if let value, !value.isFinite {
            throw TOMLFileError(file: file, key: prefix + "value", message: "must be a finite number")
        }
        let since = try f.optionalString("since", file: file, prefix: prefix)
        if let since, CivilDate.days(since) == nil {
            throw TOMLFileError(
                file: file, key: prefix + "since", message: "'\(since)' is not a date; write \"YYYY-MM-DD\"")
        }
        let text = try f.optionalString("text", file: file, prefix: prefix)
        guard value != nil || since != nil || text != nil else {
            throw TOMLFileError(
                file: file, key: prefix + "value",
                message:
                    "missing; give `value = N`, `since = \"YYYY-MM-DD\"` or `text = \"...\"` (or `drop = true`)")
        }
        guard value == nil || since == nil else {
            throw TOMLFileError(file: file, key: prefix + "since", message: "give either value or since, not both")
        }
        let tagName = try f.requiredString("tag", file: file, prefix: prefix)
        guard let tag = SourceTag(rawValue: tagName) else {
            throw TOMLFileError(
                file: file, key: prefix + "tag",
                message:
                    "must be \"P\" (read in the primary source) or \"S\" (read in a source quoting it), not '\(tagName)'"
            )
        }
        let year: String
        if let y = f["year"], let n = y.integer {
            year = String(n)
        } else {
            year = try f.requiredString("year", file: file, prefix: prefix)
        }
        return Figure(
            language: lang, metric: metric, value: value, since: since, text: text, year: year,
            source: try f.requiredString("source", file: file, prefix: prefix),
            url: try f.optionalString("url", file: file, prefix: prefix), tag: tag,
            note: try f.optionalString("note", file: file, prefix: prefix))
    }
}
