import BattleCore

/// The tables and text blocks of report.html.
enum HTMLSections {
    static func subtitle(_ r: RunResults) -> String {
        var s = "run \(r.id) · \(r.status.rawValue) · started \(DateText.iso(r.startedAt))"
        s += " · battle \(r.battleVersion)" + (r.environment.battleCommit.map { " (\($0))" } ?? "")
        return s + " · \(r.suiteIdentity.title)"
    }

    static func findings(_ model: ReportModel) -> String {
        let lines = KeyFindings.lines(model)
        guard !lines.isEmpty else { return "<p>Nothing was measured.</p>" }
        return "<ul>" + lines.map { "<li>\(Escape.html($0))</li>" }.joined() + "</ul>"
    }

    static func environment(_ r: RunResults) -> String {
        let e = r.environment
        let p = r.plan
        var rows: [(String, String)] = [
            ("Host", e.hostname),
            ("CPU", "\(e.cpuModel), \(e.logicalCPUs) logical CPUs" + (e.governor.map { ", governor \($0)" } ?? "")),
            ("Memory", NumberText.bytes(e.memoryBytes)),
            ("Operating system", "\(e.os), kernel \(e.kernel)"),
            (
                "CPU placement",
                "server on CPU \(p.placement.server) · load generator on CPU \(p.placement.client) · database on CPU \(p.placement.database)"
            ),
            ("Plan", "\(p.name): \(p.tests.map(\.rawValue).joined(separator: ", "))"),
            (
                "Trials and durations",
                "\(p.trials) trial\(p.trials == 1 ? "" : "s") per level × \(NumberText.seconds(p.levelSeconds)) measured, after \(NumberText.seconds(p.warmupSeconds)) warmup; primer \(NumberText.seconds(p.primerSeconds))"
            ),
            ("SLO for capacity", p.slo ?? "not searched"),
            (
                "CPU budget",
                p.serverCPUBudget.map { "\($0.description) per contender: \($0.reason)" } ?? "none (uncapped)"
            ),
            (
                "Verification",
                p.verificationSkipped
                    ? "skipped (--no-verify)" : "\(r.suiteIdentity.title) checks before measuring"
            ),
            ("battle", "\(r.battleVersion)" + (e.battleCommit.map { ", commit \($0)" } ?? "")),
            ("Results format", r.format),
            (
                "Started / finished",
                DateText.iso(r.startedAt) + " / " + (r.finishedAt.map(DateText.iso) ?? "not finished")
            ),
        ]
        if let rates = p.equalRates, !rates.isEmpty {
            rows.append(
                (
                    "Equal rates",
                    rates.map { "\($0.test.rawValue) \(NumberText.rps($0.rate)) req/s (\($0.basis))" }.joined(
                        separator: "; ")
                ))
        }
        if let tiers = r.tierLine { rows.append(("Tier", tiers)) }
        if let db = e.database { rows.append(("Database", db)) }
        for (k, v) in e.toolchains.sorted(by: { $0.key < $1.key }) { rows.append(("Toolchain: \(k)", v)) }
        return "<table class=\"kv\"><tbody>"
            + rows.map { "<tr><th>\(Escape.html($0.0))</th><td>\(Escape.html($0.1))</td></tr>" }.joined()
            + "</tbody></table>"
    }

    static func contenders(_ model: ReportModel) -> String {
        var t = Table(["contender", "language", "framework", "approach", "status", "verification", "toolchain"])
        for c in model.contenders {
            let status =
                c.status == .ok
                ? "<span class=\"badge good\">ok</span>"
                : "<span class=\"badge bad\">\(Escape.html(c.statusLine))</span>"
            var v: String
            if let rec = c.verification {
                v =
                    rec.skipped
                    ? "skipped"
                    : rec.failures.isEmpty
                        ? (rec.warnings.isEmpty
                            ? "passed" : "passed, \(rec.warnings.count) warning\(rec.warnings.count == 1 ? "" : "s")")
                        : "FAILED \(rec.failures.count) check\(rec.failures.count == 1 ? "" : "s")"
                if let missing = rec.notImplemented, !missing.isEmpty {
                    v += "; not implemented: " + Escape.html(missing.map(\.rawValue).joined(separator: ", "))
                }
            } else {
                v = "not run"
            }
            t.add(
                [
                    ReportCells.contender(c, model), .init(c.language), .init(c.frameworkAndDriver), .init(c.approach),
                    .markup(status + (c.failure.map { " " + Escape.html($0.firstLine) } ?? "")), .init(v),
                    .init(c.build?.toolchainVersion ?? NumberText.none),
                ], cssClass: c.status == .ok ? nil : "failed")
        }
        return t.html()
    }

    static func summary(_ model: ReportModel) -> String {
        var s = ""
        for test in model.measuredTests {
            s += "<h3 id=\"test-\(test.rawValue)\">\(test.rawValue)</h3>\n"
            s += SummaryTable.table(model, test).html() + "\n"
            let missing = SummaryTable.missing(model, test)
            if !missing.isEmpty {
                s +=
                    "<p class=\"caption\">Not measured: " + missing.map(Escape.html).joined(separator: ", ") + ".</p>\n"
            }
            s += equalRate(model, test)
            s += allLevels(model, test)
        }
        return s
    }

    /// The test's equal-rate levels: where latency, CPU per request and memory are compared.
    static func equalRate(_ model: ReportModel, _ test: SuiteTest) -> String {
        guard let t = EqualRateTable.table(model, test) else { return "" }
        return
            "<p class=\"caption\">At equal rate: every contender offered the same open-loop rate; latency measured from the planned send time (corrected for coordinated omission); RSS the median under load.</p>\n"
            + t.html() + "\n"
    }

    /// Every level of a test, every contender: what the summary row was chosen from.
    static func allLevels(_ model: ReportModel, _ test: SuiteTest) -> String {
        "<details><summary>All levels of \(test.rawValue)</summary>\(AllLevelsTable.table(model, test).html())</details>\n"
    }

    /// A table and a line break, or nothing when there is no table.
    static func html(_ table: Table?) -> String { table.map { $0.html() + "\n" } ?? "" }

    static func failures(_ model: ReportModel) -> String {
        let list = FailureList(model)
        var s = ""
        for c in list.failed {
            s += "<h3>\(Escape.html(c.name)): \(Escape.html(c.statusLine))</h3>\n"
            if let x = c.exit {
                var how =
                    x.signal.map { "killed by signal \($0)" } ?? x.status.map { "exited with status \($0)" } ?? "ended"
                if x.unexpected { how += ", before battle asked it to stop" }
                if x.killed { how += ", needed SIGKILL" }
                s += "<p>The server process \(Escape.html(how)).</p>\n"
            }
            s += "<pre class=\"failure\">\(Escape.html(c.failure ?? "no reason was recorded"))</pre>\n"
        }
        for (c, failures) in list.checks {
            s += "<h3>\(Escape.html(c.name)): verification</h3>\n<ul>"
            for check in failures {
                s +=
                    "<li><code>\(Escape.html(check.name))</code>\(FailureList.test(check)): \(Escape.html(check.detail))</li>"
            }
            s += "</ul>\n"
        }
        return s
    }
}
