import BattleCore

/// How reports write each quantity. Built on BattleCore's `Format`, so the
/// terminal, Markdown and HTML say the same number the same way.
enum NumberText {
    /// `68.2k`
    static func rps(_ v: Double) -> String { Format.count(v) }

    /// `68,213`: exact figures for tooltips and CSV-like detail.
    static func grouped(_ v: Double) -> String {
        let n = Int(v.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `1.25ms`
    static func micros(_ v: Double) -> String { Format.micros(v) }

    /// `12.3 MiB`
    static func bytes(_ v: Int) -> String { Format.bytes(v) }

    /// `±1.2%` for a relative MAD.
    static func mad(_ relative: Double) -> String { "±" + Format.fixed(relative * 100, 1) + "%" }

    /// `0.43×`
    static func factor(_ v: Double) -> String { Format.fixed(v, 2) + "×" }

    /// `14.3us` of CPU per request.
    static func cpuPerRequest(_ micros: Double?) -> String { micros.map(Format.micros) ?? "–" }

    /// `12.0ms` for short wall times, `48s` / `2m01s` for long ones.
    static func seconds(_ s: Double) -> String { s < 1 ? Format.micros(s * 1e6) : Format.duration(s) }

    /// `60.1k..62.0k`
    static func range(_ s: Spread, _ f: (Double) -> String) -> String {
        s.count == 0 ? "–" : f(s.min) + ".." + f(s.max)
    }

    static let none = "–"

    /// The CPU budget and capacity SLO of a run, for every report's header.
    static func budgetLine(_ p: PlanRecord) -> String {
        var s =
            "CPU budget: "
            + (p.serverCPUBudget.map { "\($0.description) per contender; \($0.reason)" } ?? "none (uncapped)")
        if let slo = p.slo { s += " · capacity under \(slo)" }
        return s
    }
}
