import BattleCore

/// The tables and text blocks of report.html.
enum HTMLSections {
    static func subtitle(_ r: RunResults) -> String {
        var s = "run \(r.id) · \(r.status.rawValue) · started \(DateText.iso(r.startedAt))"
        s += " · battle \(r.battleVersion)" + (r.environment.battleCommit.map { " (\($0))" } ?? "")
        return s + " · Battle Suite v\(r.suiteVersion)"
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
                    ? "skipped (--no-verify)" : "Battle Suite v\(r.suiteVersion) checks before measuring"
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

    static func contenderName(_ c: ContenderResult, _ model: ReportModel) -> String {
        var s =
            "<span class=\"swatch\" style=\"background:\(Palette.color(model.colorIndex(c)))\"></span>\(Escape.html(c.name))"
        if c.isStripped {
            s +=
                "<span class=\"badge stripped\" title=\"stripped entry (docs/SUITE.md §5): never the best\">† stripped</span>"
        }
        return s
    }

    static func contenders(_ model: ReportModel) -> String {
        var t = Table(["contender", "language", "framework", "approach", "status", "verification", "toolchain"])
        for c in model.contenders {
            let status =
                c.status == .ok
                ? "<span class=\"badge good\">ok</span>"
                : "<span class=\"badge bad\">\(Escape.html(c.statusLine))</span>"
            let v: String
            if let rec = c.verification {
                v =
                    rec.skipped
                    ? "skipped"
                    : rec.failures.isEmpty
                        ? (rec.warnings.isEmpty
                            ? "passed" : "passed, \(rec.warnings.count) warning\(rec.warnings.count == 1 ? "" : "s")")
                        : "FAILED \(rec.failures.count) check\(rec.failures.count == 1 ? "" : "s")"
            } else {
                v = "not run"
            }
            t.add(
                [
                    .markup(contenderName(c, model)), .init(c.language), .init(c.frameworkAndDriver), .init(c.approach),
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
            var t = Table(
                [
                    "contender", "level", "req/s", "min..max", "±MAD", "p50", "p99", "p99.9", "CPU/req", "peak RSS",
                    "vs best", "verification", "notes",
                ],
                numeric: [2, 3, 4, 5, 6, 7, 8, 9, 10], cssClass: "data summary")
            for e in model.entries(test) {
                let sm = e.summary
                let rps = sm.requestsPerSecond
                var notes = e.warnings.map { "<span class=\"badge warn\">\(Escape.html($0))</span>" }.joined(
                    separator: " ")
                if case .failed = e.verification {
                    notes = "<span class=\"badge bad\">verification failed</span> " + notes
                }
                t.add(
                    [
                        .markup(contenderName(e.contender, model)), .init(e.level.label),
                        .init(
                            e.rpsLabel,
                            tooltip:
                                "\(NumberText.grouped(rps.median)) req/s, median of \(rps.count) trials\(e.clientBound ? "; client-bound: a lower bound" : "")",
                            cssClass: e.clientBound ? "warn" : nil),
                        .init(
                            NumberText.range(rps, NumberText.rps),
                            tooltip: "\(NumberText.grouped(rps.min))..\(NumberText.grouped(rps.max))"),
                        .init(NumberText.mad(rps.relativeMAD)),
                        latency(sm.p50Micros), latency(sm.p99Micros), latency(sm.p999Micros),
                        .init(
                            NumberText.cpuPerRequest(sm.cpuMicrosPerRequest),
                            tooltip: sm.requestsPerCPUSecond.map { "\(NumberText.grouped($0)) requests per CPU-second" }
                        ),
                        .init(
                            sm.peakRSSBytes.map(NumberText.bytes) ?? NumberText.none,
                            tooltip: sm.peakRSSBytes.map { "\(NumberText.grouped(Double($0))) bytes" }),
                        .init(e.factorLabel),
                        .init(
                            e.verification.label,
                            cssClass: { if case .failed = e.verification { return "bad" } else { return nil } }()),
                        .markup(notes),
                    ], cssClass: e.isBest ? "best" : nil)
            }
            s += t.html() + "\n"
            let missing = model.missing(test)
            if !missing.isEmpty {
                s +=
                    "<p class=\"caption\">Not measured: "
                    + missing.map { Escape.html("\($0.name) (\($0.status == .ok ? "not in its run" : $0.statusLine))") }
                    .joined(separator: ", ") + ".</p>\n"
            }
            s += equalRate(model, test)
            s += allLevels(model, test)
        }
        return s
    }

    /// The test's equal-rate levels: where latency, CPU per request and memory are compared.
    static func equalRate(_ model: ReportModel, _ test: SuiteTest) -> String {
        let rows = model.equalRateRows(test)
        guard !rows.isEmpty else { return "" }
        let bestP99 = model.bestEqualRate(rows) { $0.p99 }
        let bestCPU = model.bestEqualRate(rows) { $0.summary.cpuMicrosPerRequest }
        var t = Table(
            [
                "contender", "level", "p50", "p90", "p99", "p99.9", "max", "p99 uncorrected", "CPU/req", "RSS", "notes",
            ], numeric: [2, 3, 4, 5, 6, 7, 8, 9], cssClass: "data summary")
        for r in rows {
            let s = r.summary
            var p99 = latency(s.p99Micros)
            if bestP99.contains(r.id) { p99.cssClass = "best" }
            var cpu = Table.Cell(
                NumberText.cpuPerRequest(s.cpuMicrosPerRequest),
                tooltip: s.requestsPerCPUSecond.map { "\(NumberText.grouped($0)) requests per CPU-second" })
            if bestCPU.contains(r.id) { cpu.cssClass = "best" }
            t.add([
                .markup(contenderName(r.contender, model)), .init(r.level.label), latency(s.p50Micros),
                s.p90Micros.map(latency) ?? .init(NumberText.none), p99, latency(s.p999Micros), latency(s.maxMicros),
                s.uncorrectedP99Micros.map(latency) ?? .init(NumberText.none), cpu,
                .init(s.steadyRSSBytes.map(NumberText.bytes) ?? NumberText.none),
                .markup(
                    r.warnings.map { "<span class=\"badge warn\">\(Escape.html($0))</span>" }.joined(separator: " ")),
            ])
        }
        return
            "<p class=\"caption\">At equal rate: every contender offered the same open-loop rate; latency measured from the planned send time (corrected for coordinated omission); RSS the median under load.</p>\n"
            + t.html() + "\n"
    }

    static func latency(_ s: Spread) -> Table.Cell {
        guard s.count > 0 else { return .init(NumberText.none) }
        return .init(
            NumberText.micros(s.median),
            tooltip: "median of \(s.count) trials; min \(NumberText.micros(s.min)), max \(NumberText.micros(s.max))")
    }

    /// Every level of a test, every contender: what the summary row was chosen from.
    static func allLevels(_ model: ReportModel, _ test: SuiteTest) -> String {
        var t = Table(
            [
                "contender", "level", "trials", "req/s", "min..max", "±MAD", "p50", "p99", "p99.9", "max", "CPU/req",
                "peak RSS", "errors", "non-2xx", "client-bound",
            ],
            numeric: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
        for c in model.contenders {
            for l in c.result(for: test)?.levels ?? [] where !l.trials.isEmpty {
                let s = l.summary
                t.add([
                    .markup(contenderName(c, model)), .init(l.label), .init("\(s.trials)"),
                    .init(NumberText.rps(s.requestsPerSecond.median)),
                    .init(NumberText.range(s.requestsPerSecond, NumberText.rps)),
                    .init(NumberText.mad(s.requestsPerSecond.relativeMAD)),
                    latency(s.p50Micros), latency(s.p99Micros), latency(s.p999Micros), latency(s.maxMicros),
                    .init(NumberText.cpuPerRequest(s.cpuMicrosPerRequest)),
                    .init(s.peakRSSBytes.map(NumberText.bytes) ?? NumberText.none),
                    .init(NumberText.grouped(Double(s.errors))), .init(NumberText.grouped(Double(s.non2xx))),
                    .init("\(s.clientBoundTrials)/\(s.trials)"),
                ])
            }
        }
        return "<details><summary>All levels of \(test.rawValue)</summary>\(t.html())</details>\n"
    }

    static func capacity(_ model: ReportModel) -> String {
        var t = Table(
            [
                "test", "contender", "SLO", "sustained req/s", "latency at that rate", "CPU cores", "peak RSS",
                "rates tried",
            ], numeric: [3, 4, 5, 6, 7])
        var any = false
        for test in model.capacityTests {
            for c in model.contenders {
                guard let r = c.capacity.first(where: { $0.test == test }) else { continue }
                any = true
                t.add([
                    .init(test.rawValue), .markup(contenderName(c, model)), .init(r.slo),
                    .init(
                        (r.isLowerBound ? "≥ " : "") + NumberText.rps(r.sustainedRate),
                        tooltip:
                            "\(NumberText.grouped(r.sustainedRate)) req/s\(r.isLowerBound ? "; a client-bound step decided it: a lower bound" : "")"
                    ),
                    .init(r.latencyMicrosAtRate.map(NumberText.micros) ?? NumberText.none),
                    .init(r.cpuCoresAtRate.map { Format.fixed($0, 2) } ?? NumberText.none),
                    .init(r.peakRSSBytesAtRate.map(NumberText.bytes) ?? NumberText.none), .init("\(r.steps.count)"),
                ])
            }
        }
        return any ? t.html() + "\n" : ""
    }

    static func heap(_ model: ReportModel) -> String {
        var t = Table(
            [
                "test", "contender", "level", "p99", "p99.9", "req/s", "large-heap level", "p99", "p99.9", "req/s",
                "p99 change",
            ], numeric: [3, 4, 5, 7, 8, 9, 10])
        var any = false
        for test in model.heapTests {
            for pair in model.heapPairs(test) {
                any = true
                let a = pair.small.summary
                let b = pair.large.summary
                t.add([
                    .init(test.rawValue), .markup(contenderName(pair.contender, model)), .init(pair.small.label),
                    latency(a.p99Micros), latency(a.p999Micros),
                    .init(NumberText.rps(a.requestsPerSecond.median)), .init(pair.large.label), latency(b.p99Micros),
                    latency(b.p999Micros),
                    .init(NumberText.rps(b.requestsPerSecond.median)),
                    .init(
                        a.p99Micros.median > 0
                            ? NumberText.factor(b.p99Micros.median / a.p99Micros.median) : NumberText.none),
                ])
            }
        }
        return any ? t.html() + "\n" : ""
    }

    static func footprint(_ model: ReportModel) -> String {
        guard model.hasFootprint else { return "" }
        var t = Table(
            [
                "contender", "startup", "idle RSS", "binary", "clean build", "rebuild", "lines of code", "direct deps",
                "total deps", "counted with",
            ],
            numeric: [1, 2, 3, 4, 5, 6, 7, 8])
        for c in model.contenders {
            let b = c.build
            t.add([
                .markup(contenderName(c, model)),
                .init(c.startup.map { NumberText.seconds($0.secondsToReady) } ?? NumberText.none),
                .init(c.startup?.idleRSSBytes.map(NumberText.bytes) ?? NumberText.none),
                .init(b?.binaryBytes.map(NumberText.bytes) ?? NumberText.none),
                .init(b?.cleanSeconds.map(NumberText.seconds) ?? NumberText.none),
                .init(b?.incrementalSeconds.map(NumberText.seconds) ?? NumberText.none),
                .init(b?.linesOfCode.map { NumberText.grouped(Double($0)) } ?? NumberText.none),
                .init(b?.directDependencies.map(String.init) ?? NumberText.none),
                .init(b?.totalDependencies.map(String.init) ?? NumberText.none), .init(b?.locTool ?? NumberText.none),
            ])
        }
        return t.html() + "\n"
    }

    static func failures(_ model: ReportModel) -> String {
        var s = ""
        for c in model.failed {
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
        for c in model.contenders {
            let bad = c.verification?.failures ?? []
            guard !bad.isEmpty else { continue }
            s += "<h3>\(Escape.html(c.name)): verification</h3>\n<ul>"
            for check in bad {
                s +=
                    "<li><code>\(Escape.html(check.name))</code>\(check.test.map { " (\($0.rawValue))" } ?? ""): \(Escape.html(check.detail))</li>"
            }
            s += "</ul>\n"
        }
        return s
    }
}
