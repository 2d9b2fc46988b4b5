/// Human formatting of the quantities battle prints. No Foundation formatters:
/// these run in progress lines and must stay cheap and locale-independent.
public enum Format {
    /// `812ns`, `95.1us`, `1.25ms`, `3.40s`: microseconds in, 3 significant digits out.
    public static func micros(_ us: Double) -> String {
        if us < 1 { return fixed(us * 1000, 0) + "ns" }
        if us < 1000 { return significant(us) + "us" }
        if us < 1_000_000 { return significant(us / 1000) + "ms" }
        return significant(us / 1_000_000) + "s"
    }

    /// `1.50 KiB`, `12.3 MiB`.
    public static func bytes(_ b: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(b)
        var i = 0
        while v >= 1024 && i < units.count - 1 {
            v /= 1024
            i += 1
        }
        return i == 0 ? "\(b) B" : significant(v) + " " + units[i]
    }

    /// `812`, `12.3k`, `1.25M`.
    public static func count(_ n: Double) -> String {
        if n < 10_000 { return fixed(n, n < 100 && n != n.rounded() ? 1 : 0) }
        if n < 1_000_000 { return significant(n / 1000) + "k" }
        return significant(n / 1_000_000) + "M"
    }

    /// `4.2s`, `3m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return fixed(seconds, seconds < 10 ? 1 : 0) + "s" }
        let s = Int(seconds.rounded())
        if s < 3600 { return "\(s / 60)m" + pad2(s % 60) + "s" }
        return "\(s / 3600)h" + pad2((s % 3600) / 60) + "m"
    }

    /// `+12.5%`, `-3.0%`.
    public static func percentChange(_ ratio: Double) -> String {
        let p = (ratio - 1) * 100
        return (p >= 0 ? "+" : "") + fixed(p, 1) + "%"
    }

    /// Three significant digits: 1.23, 12.3, 123.
    public static func significant(_ v: Double) -> String {
        let a = abs(v)
        if a >= 100 { return fixed(v, 0) }
        if a >= 10 { return fixed(v, 1) }
        return fixed(v, 2)
    }

    /// `v` with `digits` decimals, rounded half away from zero.
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        let whole = Int(scaled / scale)
        let frac = Int(scaled - Double(whole) * scale)
        let sign = v < 0 && scaled != 0 ? "-" : ""
        if digits == 0 { return sign + String(whole) }
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        return sign + String(whole) + "." + f
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
