import BattleCore
import BattleVerdict

/// report.html: one self-contained page (inline CSS, inline SVG charts drawn
/// by battle, one small inline self-check script, no network). Pure:
/// results in, text out.
public enum HTMLReport {
    /// Renders the page with the verdict section from BattleVerdict.
    public static func render(_ results: RunResults) -> String {
        let v = VerdictSections.rendered(results)
        return render(
            results,
            verdict: "<section id=\"verdict\" class=\"verdict\"><h2>Verdict</h2>\n"
                + BlockRenderer.html(v.section, base: 2)
                + "\n</section>",
            answer: v.answerHTML)
    }

    /// Renders the page with `verdict` (an HTML `<section>`) embedded as given, and `answer` (HTML) first.
    public static func render(_ results: RunResults, verdict: String, answer: String = "") -> String {
        let model = ReportModel(results)
        let charts = ReportCharts(model)
        var sections: [(id: String, title: String, html: String)] = []
        func add(_ id: String, _ title: String, _ body: String) {
            if !body.isEmpty { sections.append((id, title, body)) }
        }
        if !answer.isEmpty {
            add(
                "answer", "The answer",
                "<div class=\"verdict answer\">" + answer
                    + "</div>\n<p class=\"caption\">The evidence follows; the full verdict for every profile is <a href=\"#verdict\">at the end</a>.</p>"
            )
        }
        add("findings", "Key findings", HTMLSections.findings(model))
        add("environment", "Environment and plan", HTMLSections.environment(results))
        add("contenders", "Contenders", HTMLSections.contenders(model))
        add("summary", "Results by test", HTMLSections.summary(model))
        add("stacks", StackSection.title, StackSection.html(StackComparison(results)))
        add("throughput", "Requests per second", chartGrid(model.measuredTests.compactMap(charts.throughput)))
        add("latency", "Latency by percentile", chartGrid(model.measuredTests.compactMap(charts.spectrum)))
        add(
            "scaling", "Requests per second by concurrency and queries",
            chartGrid(
                model.measuredTests.flatMap {
                    [charts.scaling($0, .connections), charts.scaling($0, .queries)].compactMap { $0 }
                }))
        add(
            "resources", "CPU and memory over the run",
            chartGrid([charts.overTime(.rss), charts.overTime(.cpu)].compactMap { $0 }))
        add(
            "capacity", "Capacity under the SLO",
            HTMLSections.html(CapacityTable.table(model)) + chartGrid(model.capacityTests.flatMap(charts.capacity)))
        add(
            "heap", "Large live heap: tail latency",
            HTMLSections.html(HeapTable.table(model)) + chartGrid(model.heapTests.flatMap(charts.heap)))
        add("runtime", "Runtime behaviour over time", RuntimeCharts.section(model))
        add(
            "footprint", "Startup, memory, build and code size",
            HTMLSections.html(FootprintTable.table(model)) + chartGrid(charts.footprint(), small: true))
        add("failures", "Failed contenders", HTMLSections.failures(model))
        add(
            "notes", "Notes",
            results.notes.isEmpty ? "" : "<ul>" + results.notes.map { "<li>\(Escape.html($0))</li>" }.joined() + "</ul>"
        )

        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLAssets.contentSecurityPolicy)">
            <meta name="generator" content="battle \(Escape.html(results.battleVersion))">
            <title>battle report · run \(Escape.html(results.id))</title>
            <style>
            \(HTMLAssets.css)
            </style>
            </head>
            <body>
            <header>
            <h1>battle report</h1>
            <p class="sub">\(Escape.html(HTMLSections.subtitle(results)))</p>
            <nav>
            """
        page += "\n"
        for s in sections { page += "<a href=\"#\(s.id)\">\(Escape.html(s.title))</a>\n" }
        if !verdict.isEmpty { page += "<a href=\"#verdict\">Verdict</a>\n" }
        page += "<a href=\"#method\">How these figures were obtained</a>\n</nav>\n</header>\n<main>\n"
        for s in sections {
            page += "<section id=\"\(s.id)\">\n<h2>\(Escape.html(s.title))</h2>\n\(s.html)\n</section>\n"
        }
        if !verdict.isEmpty { page += verdict.trimmingNewlines() + "\n" }
        page += "<section id=\"method\">\n<h2>How these figures were obtained</h2>\n<dl class=\"method\">\n"
        for item in Method.items(results) {
            page += "<dt>\(Escape.html(item.title))</dt><dd>\(Escape.html(item.text))</dd>\n"
        }
        page += "</dl>\n</section>\n</main>\n"
        page +=
            "<footer>Generated by battle \(Escape.html(results.battleVersion)) from results.json (\(Escape.html(results.format))). "
        page +=
            "This page is self-contained: it loads nothing from the network. Hover a mark for its exact value.</footer>\n"
        page += "<output id=\"battle-selfcheck\" hidden></output>\n"
        page += "<script>\n\(HTMLAssets.selfCheckScript)\n</script>\n</body>\n</html>\n"
        return page
    }

    static func chartGrid(_ list: [RenderedChart], small: Bool = false) -> String {
        guard !list.isEmpty else { return "" }
        var s = "<div class=\"figures\(small ? " small" : "")\">\n"
        for f in list {
            s += "<figure id=\"fig-\(f.id)\">\n<h4>\(Escape.html(f.title))</h4>\n\(f.svg)\n"
            if !f.caption.isEmpty { s += "<p class=\"caption\">\(Escape.html(f.caption))</p>\n" }
            s += "</figure>\n"
        }
        return s + "</div>"
    }
}
