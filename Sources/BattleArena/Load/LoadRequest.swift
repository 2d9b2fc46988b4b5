import BattleCore

/// One run of `battle load`, as the arena asks for it. Pure: `arguments`
/// is the command line after the executable; tests check it.
///
/// The contract with `battle load` (docs/LOAD.md): `--json` prints one
/// `LoadSummary` document on stdout and nothing else; `--no-progress` keeps
/// stderr quiet; the run ends after warmup + duration.
public struct LoadRequest: Sendable, Equatable {
    public var url: String
    public var connections: Int
    public var durationSeconds: Double
    public var warmupSeconds: Double
    public var pipeline: Int = 1
    /// Open-loop rate (`-R`), nil for closed loop.
    public var rate: Double?
    /// A targets file (POST bodies for /orders); replaces `url`.
    public var targetsFile: String?
    /// `--interval`: the window interval by interval (the `intervals` series).
    public var intervalSeconds: Double?
    /// `--hdr-log`: the interval log of the corrected histograms.
    public var hdrLog: String?

    public init(
        url: String, connections: Int, durationSeconds: Double, warmupSeconds: Double, pipeline: Int = 1, rate: Double? = nil,
        targetsFile: String? = nil
    ) {
        self.url = url
        self.connections = connections
        self.durationSeconds = durationSeconds
        self.warmupSeconds = warmupSeconds
        self.pipeline = pipeline
        self.rate = rate
        self.targetsFile = targetsFile
    }

    static func ms(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded()))ms" }

    public var arguments: [String] {
        var a = ["load", "--json", "--no-progress", "-c", String(connections), "-d", Self.ms(durationSeconds), "--warmup", Self.ms(warmupSeconds)]
        if pipeline > 1 { a += ["--pipeline", String(pipeline)] }
        if let rate { a += ["-R", String(Int(rate.rounded()))] }
        if let intervalSeconds { a += ["--interval", Self.ms(intervalSeconds)] }
        if let hdrLog { a += ["--hdr-log", hdrLog] }
        if let targetsFile { a += ["--targets", targetsFile] } else { a.append(url) }
        return a
    }

    /// The pause probe beside a level: `path` open loop at `rate`, over the
    /// same window as the level's own load, on `connections` connections
    /// (`probeConnections`).
    public static func probe(
        port: Int, path: String, rate: Double, durationSeconds: Double, warmupSeconds: Double, intervalSeconds: Double?,
        hdrLog: String?, connections: Int = 1
    ) -> LoadRequest {
        var r = LoadRequest(
            url: "http://127.0.0.1:\(port)\(path)", connections: connections, durationSeconds: durationSeconds,
            warmupSeconds: warmupSeconds, rate: rate)
        r.intervalSeconds = intervalSeconds
        r.hdrLog = hdrLog
        return r
    }

    /// The pause probe's connections beside `level`: one at an open-loop level
    /// (the server has headroom, so one connection keeps the probe's
    /// schedule and sees every stall), as many as the level has at a
    /// closed-loop one. A closed-loop level keeps the server saturated, so
    /// every request waits its turn behind the level's connections (about
    /// connections ÷ throughput, tens of milliseconds): one connection could
    /// not send 500 req/s then, and its corrected latency would only measure
    /// its own falling behind.
    public static func probeConnections(for level: LevelSpec) -> Int {
        level.rate == nil ? max(1, level.connections) : 1
    }

    /// The longest the load generator may take before the arena kills it.
    public var deadlineSeconds: Double { warmupSeconds + durationSeconds + 20 }
}
