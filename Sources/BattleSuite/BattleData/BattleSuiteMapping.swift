import BattleCore

/// How the checks of the Battle Suite as data (`suite/battle`) make up the
/// built-in verifier's checks (docs/SUITE.md §7): each built-in check is the
/// worst of the data checks mapped to it. The data form checks more finely
/// (status, headers, content type, Date and framing are five checks where
/// the built-in verifier reports one `headers`), so its report folds into
/// the same names: `battle verify URL --suite suite/battle` and `battle
/// verify URL` give the same 34 checks, and the same verdicts
/// (BattleSuiteDataTests).
public enum BattleSuiteMapping {
    /// The data checks (by check name, without the `KIND: ` of a mix) that
    /// every test's `headers` is made of.
    public static let headerChecks: Set<String> = ["status", "headers", "content-type", "date-header", "framing"]

    /// The built-in checks of one test and which data checks make each:
    /// `(built-in name, matches(kind, check))`, in the built-in verifier's order.
    public static func rules(_ test: SuiteTest) -> [(name: String, matches: (String, String) -> Bool)] {
        func any(_ names: String...) -> (String, String) -> Bool { { _, check in names.contains(check) } }
        let headers: (name: String, matches: (String, String) -> Bool) = ("headers", { headerChecks.contains($1) })
        switch test {
        case .plaintext: return [headers, ("body", any("plaintext-body"))]
        case .json: return [headers, ("body", any("schema", "field /message"))]
        case .db:
            return [
                headers, ("body", any("schema")), ("random-rows", any("random-rows")),
                ("query-count", any("query-count select world")), ("matches-table", any("matches-table")),
            ]
        case .queries:
            return [
                headers, ("clamping", any("queries-clamping")), ("body", any("schema", "queries-clamping")),
                ("random-rows", any("random-rows")), ("query-count", any("query-count select world")),
                ("matches-table", any("matches-table")), ("tables-intact", any("effect tables-intact")),
            ]
        case .fortunes:
            return [headers, ("page", any("fortunes-page")), ("query-count", any("query-count select fortune"))]
        case .updates:
            return [
                headers, ("clamping", any("queries-clamping")), ("body", any("schema", "queries-clamping")),
                ("query-count", any("query-count select world", "query-count update world", "rows-updated")),
                ("persisted", any("persisted")), ("table-changed", any("effect table-changed")),
                ("tables-intact", any("effect tables-intact")),
            ]
        case .orders:
            return [
                headers,
                ("answers", { kind, check in !kind.hasPrefix("bad-") && check == "order-answer" }),
                (
                    "rejections",
                    { kind, check in kind.hasPrefix("bad-") && (check == "order-answer" || check == "field /field") }
                ),
            ]
        default: return []
        }
    }

    /// A data check's name split into its request kind (empty outside a mix) and its check.
    public static func split(_ name: String) -> (kind: String, check: String) {
        guard let r = name.range(of: ": ") else { return ("", name) }
        return (String(name[..<r.lowerBound]), String(name[r.upperBound...]))
    }

    /// The server checks, as the built-in verifier names and orders them.
    public static let serverChecks = ["reachable", "not-found", "pipelining", "date", "keep-alive"]

    /// The data verification as the built-in verifier's checks: `reachable`,
    /// the server checks, then each implemented test's checks. A skipped
    /// data check (no database) is a warning, as the built-in verifier
    /// reports its skipped checks.
    public static func fold(_ v: SuiteVerification) -> [CheckResult] {
        var out: [CheckResult] = [
            CheckResult(
                test: nil, name: "reachable", outcome: v.unreachable == nil ? .pass : .fail,
                detail: v.unreachable ?? "accepts connections")
        ]
        if v.unreachable != nil { return out }
        for name in serverChecks.dropFirst() {
            let found = v.server.filter { $0.name == name }
            out.append(worst(found, test: nil, name: name))
        }
        for t in v.tests where t.status == .checked {
            guard let test = SuiteTest.builtin(named: t.name) else { continue }
            for rule in rules(test) {
                let found = t.checks.filter { c in
                    let (kind, check) = split(c.name)
                    return rule.matches(kind, check)
                }
                out.append(worst(found, test: test, name: rule.name))
            }
        }
        return out
    }

    /// Data checks no built-in check takes in (none for suite/battle: a test says so).
    public static func unmapped(_ v: SuiteVerification) -> [String] {
        var out: [String] = []
        for t in v.tests {
            guard let test = SuiteTest.builtin(named: t.name) else {
                out += t.checks.map { "\(t.name): \($0.name)" }
                continue
            }
            for c in t.checks where t.status == .checked {
                let (kind, check) = split(c.name)
                if !rules(test).contains(where: { $0.matches(kind, check) }) { out.append("\(t.name): \(c.name)") }
            }
        }
        out += v.server.filter { !serverChecks.contains($0.name) }.map { "(server): \($0.name)" }
        return out
    }

    static func worst(_ checks: [SuiteCheckResult], test: SuiteTest?, name: String) -> CheckResult {
        guard !checks.isEmpty else {
            return CheckResult(test: test, name: name, outcome: .fail, detail: "no data check makes this check")
        }
        func rank(_ o: SuiteOutcome) -> CheckOutcome { o == .pass ? .pass : o == .fail ? .fail : .warn }
        let worstOutcome = checks.map { rank($0.outcome) }.max()!
        if worstOutcome == .pass {
            return CheckResult(
                test: test, name: name, outcome: .pass,
                detail:
                    "\(checks.count) data checks passed (\(checks.map(\.name).prefix(3).joined(separator: ", "))\(checks.count > 3 ? ", ..." : ""))"
            )
        }
        let bad = checks.filter { rank($0.outcome) == worstOutcome }
        let more = bad.count > 1 ? " (and \(bad.count - 1) more)" : ""
        return CheckResult(
            test: test, name: name, outcome: worstOutcome, detail: "\(bad[0].name): \(bad[0].detail)\(more)")
    }
}
