import ArgumentParser
import BattleCore
import BattleLoad
import Foundation

struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load-test an HTTP/1.1 server: wrk's flags, wrk2's -R, HdrHistogram latency.",
        discussion: """
            Closed loop by default: each connection sends its next request when a \
            response arrives (with --pipeline N: N at once, and the next N when all \
            are answered). With -R, open loop: requests follow a fixed schedule and \
            latency is measured from each planned send time, as wrk2 does.

            Examples:
              battle load http://127.0.0.1:8080/plaintext -c 64 -d 10s
              battle load http://127.0.0.1:8080/json -R 20000 -d 30s --warmup 5s --json
              battle load --targets targets.toml -c 128 -d 1m --hdr latency.hdr
              battle load http://127.0.0.1:8080/ -R 5000 -d 1m --interval 1s --hdr-log run.hlog
              battle load http://10.0.0.5:8080/ -R 40000 -d 30s --agent local:1 --agent user@loadgen2

            With --agent (repeatable), the level is shared by several `battle agent` \
            processes: `local` (a child here), `local:CPUS` (the same under taskset -c \
            CPUS) or an ssh destination (run as `ssh -o BatchMode=yes DEST -- battle \
            agent`; --agent-battle gives battle's path there). -c, -R and -n are the \
            level's totals, split over the agents (-t is per agent); the agents start \
            together at one T0 after all are ready and their clocks are measured, and \
            their histograms are added exactly. An agent that missed its rate or was \
            generator-bound makes the result a lower bound; one that died, or whose clock \
            is off by more than --max-clock-offset, makes it invalid (exit 3). \
            docs/LOAD.md and docs/SCALE.md.

            Exit codes: 0 ok; 1 an agent failed to start or was refused; 3 target \
            unreachable, no request succeeded, or the merged level is invalid; 64 bad \
            flags; 130 interrupted. docs/LOAD.md describes the targets file and the \
            --json document.
            """)

    @Argument(help: "The URL to load, e.g. http://127.0.0.1:8080/plaintext (or use --targets).")
    var url: String?

    @Option(name: [.customShort("c", allowingJoined: true), .long], help: "Connections to keep open.")
    var connections: Int = 64

    @Option(
        name: [.customShort("t", allowingJoined: true), .long],
        help: "Event loops (threads). Default: the CPUs this process may run on (taskset), at most --connections.")
    var threads: Int?

    @Option(
        name: [.customShort("d", allowingJoined: true), .long],
        help: "Length of the measured window: 10s, 1m, 500ms. Default 10s.")
    var duration: String?

    @Option(
        name: [.customShort("n", allowingJoined: true), .long],
        help: "Requests to send in the measured window (instead of, or as well as, -d).")
    var requests: Int?

    @Option(help: "Load applied before the measured window, excluded from the results.")
    var warmup: String = "0s"

    @Option(help: "A request without a full response after this long fails as a timeout.")
    var timeout: String = "10s"

    @Option(
        name: [.customShort("H", allowingJoined: true), .long],
        help: "A request header, 'Name: value'; repeat for more.")
    var header: [String] = []

    @Option(
        name: [.customShort("m", allowingJoined: true), .long], help: "HTTP method. Default GET, or POST with a body.")
    var method: String?

    @Option(help: "Request body text.")
    var body: String?

    @Option(name: .customLong("body-file"), help: "Request body read from a file.")
    var bodyFile: String?

    @Option(
        help:
            "HTTP/1.1 pipelining: requests sent at once per connection; the next batch goes when all are answered."
    )
    var pipeline: Int = 1

    @Option(
        name: [.customShort("R", allowingJoined: true), .long],
        help: "Open loop: requests per second in total, on a fixed schedule.")
    var rate: Double?

    @Option(help: "A TOML file of several targets with weights, methods, headers and bodies (docs/LOAD.md).")
    var targets: String?

    @Flag(help: "Print the summary as JSON (battle-load/1, schemas/load.schema.json) to stdout.")
    var json = false

    @Option(help: "Write the HdrHistogram percentile distribution (wrk2's layout, milliseconds) to this file.")
    var hdr: String?

    @Option(
        name: .customLong("hdr-uncorrected"),
        help: "With -R: write the uncorrected (from the actual send) distribution to this file, as --hdr does.")
    var hdrUncorrected: String?

    @Option(
        help:
            "Also record the window interval by interval (100ms or more): --json gains an intervals series. Default: off, or 1s with --hdr-log."
    )
    var interval: String?

    @Option(
        name: .customLong("hdr-log"),
        help: "Write an HdrHistogram interval log (one compressed histogram per interval) to this file.")
    var hdrLog: String?

    @Option(
        name: .customLong("hdr-log-uncorrected"),
        help: "With -R: write the interval log of the uncorrected (from the actual send) latency to this file.")
    var hdrLogUncorrected: String?

    @Flag(name: .customLong("no-progress"), help: "No live progress line on stderr.")
    var noProgress = false

    @Option(
        name: .customLong("agent"),
        help: ArgumentHelp(
            "Share the level with an agent: local, local:CPUS (under taskset) or an ssh destination; repeat for more.",
            valueName: "DEST"))
    var agents: [String] = []

    @Option(
        name: .customLong("agent-battle"),
        help: ArgumentHelp(
            "battle's path where the agents run. Default: this executable for local agents, `battle` on the remote PATH.",
            valueName: "PATH"))
    var agentBattle: String?

    @Option(
        name: .customLong("agent-ssh-config"),
        help: ArgumentHelp("An ssh_config file for the ssh agents (ssh -F).", valueName: "FILE"))
    var agentSSHConfig: String?

    @Option(
        name: .customLong("max-clock-offset"),
        help: "With --agent: the largest clock offset to this host an agent may have; beyond it the level is invalid.")
    var maxClockOffset: String = "5ms"

    func run() async throws {
        let configuration = try makeConfiguration()
        if !agents.isEmpty { return try await runWithAgents(configuration) }
        let intervalLogs = try openIntervalLogs()
        defer { for l in intervalLogs { l.file.abandon() } }  // nothing left to do once finished
        var onInterval: (@Sendable (ClosedInterval) -> Void)? = nil
        if !intervalLogs.isEmpty {
            onInterval = { closed in
                for l in intervalLogs { l.file.write(closed, uncorrected: l.uncorrected) }
            }
        }

        let engine = LoadEngine(configuration)
        // Ctrl-C and SIGTERM end the measured window early; the partial
        // results are printed and battle exits with 130.
        let signals = StopSignals { _ in engine.stop() }
        defer { signals.cancel() }
        let showProgress = !noProgress && isatty(STDERR_FILENO) == 1
        var progress: (@Sendable (LoadProgress) -> Void)? = nil
        if showProgress { progress = { p in Self.writeStderr(ProgressLine.render(p)) } }
        let result: LoadResult
        do throws(LoadError) {
            result = try await engine.run(progress: progress, interval: onInterval)
        } catch {
            if showProgress { Self.writeStderr(ProgressLine.clear) }
            switch error {
            case .invalid(let m): throw CommandFailure(.usage, m)
            case .unreachable(let m): throw CommandFailure(.nothingMeasured, m)
            }
        }
        if showProgress { Self.writeStderr(ProgressLine.clear) }

        // A summary that cannot be written still lets the files below be
        // finished; the command then exits 1.
        var unwritten: CommandFailure?
        let data = json ? try ResultsCoding.encoder().encode(result.summary) : Data()
        do throws(CommandFailure) {
            if json {
                try CommandOutput.write(String(decoding: data, as: UTF8.self) + "\n")
                for w in result.warnings { Self.writeStderr("warning: \(w)\n") }
            } else {
                try CommandOutput.write(TextSummary.render(result))
            }
        } catch { unwritten = error }
        for (flag, path, histogram) in [
            ("--hdr", hdr, result.latency), ("--hdr-uncorrected", hdrUncorrected, result.uncorrectedLatency),
        ] {
            guard let path, let histogram else { continue }
            do { try AtomicFile.write(Data(HdrDistribution.render(histogram).utf8), to: path) } catch {
                throw CommandFailure(
                    .failure,
                    "\(flag) \(path): cannot write the file (\(error)); check the folder exists and is writable")
            }
        }

        for l in intervalLogs {
            if let problem = l.file.finish(startedAt: result.summary.startedAt) {
                throw CommandFailure(.failure, problem)
            }
        }

        if let unwritten { throw unwritten }
        if result.interrupted { throw ExitCode(ExitStatus.interrupted.rawValue) }
        let s = result.summary
        let succeeded = s.statusCodes.reduce(0) { $0 + ((200..<400).contains(Int($1.key) ?? 0) ? $1.value : 0) }
        if succeeded == 0 {
            throw CommandFailure(
                .nothingMeasured,
                s.requests == 0
                    ? "no response arrived (errors: \(TextSummary.errorText(s.errors))); is the server answering?"
                    : "no request succeeded: every response had status 400 or above")
        }
    }

    // MARK: flags to configuration

    func makeConfiguration() throws(CommandFailure) -> LoadConfiguration {
        func fail(_ m: String) -> CommandFailure { CommandFailure(.usage, m) }
        func seconds(_ flag: String, _ text: String) throws(CommandFailure) -> Double {
            do { return try DurationParser.seconds(text) } catch { throw fail("\(flag): \(error)") }
        }

        var headers: [LoadTarget.Header] = []
        for h in header {
            do { headers.append(try LoadTarget.parseHeader(h)) } catch { throw fail("-H: \(error)") }
        }

        var list: [LoadTarget]
        if let targets {
            if url != nil { throw fail("give a URL or --targets, not both (put every URL in the targets file)") }
            if method != nil || body != nil || bodyFile != nil {
                throw fail(
                    "-m, --body and --body-file do not combine with --targets; set method and body per target in \(targets)"
                )
            }
            do { list = try TargetsFile.load(path: targets) } catch { throw fail("--targets \(error.description)") }
            for i in list.indices { list[i].headers += headers }
        } else {
            guard let url else {
                throw fail("no target: give a URL (battle load http://127.0.0.1:8080/) or --targets FILE")
            }
            let parsed: TargetURL
            do { parsed = try TargetURL.parse(url) } catch { throw fail("URL \(error)") }
            if body != nil && bodyFile != nil { throw fail("--body and --body-file: give one of them") }
            var bodies: [[UInt8]] = []
            if let body { bodies = [Array(body.utf8)] }
            if let bodyFile {
                guard let data = FileManager.default.contents(atPath: bodyFile) else {
                    throw fail("--body-file \(bodyFile): cannot read the file; check the path")
                }
                bodies = [[UInt8](data)]
            }
            let m = method ?? (bodies.isEmpty ? "GET" : "POST")
            guard !m.isEmpty, m.allSatisfy({ $0.isASCII && ($0.isUppercase || $0 == "-") }) else {
                throw fail("-m '\(m)': write the method in capitals, like -m POST")
            }
            list = [LoadTarget(url: parsed, method: m, headers: headers, bodies: bodies)]
        }

        if rate != nil && duration == nil && requests == nil {
            throw fail("-R/--rate needs a duration: add -d 30s (or -n COUNT); an open-loop run has a fixed length")
        }
        if hdrUncorrected != nil && rate == nil {
            throw fail("--hdr-uncorrected needs -R/--rate: a closed-loop run has one view only, which --hdr writes")
        }
        if hdrLogUncorrected != nil && rate == nil {
            throw fail(
                "--hdr-log-uncorrected needs -R/--rate: a closed-loop run has one view only, which --hdr-log writes")
        }
        var intervalSeconds: Double? = try interval.map { text throws(CommandFailure) in try seconds("--interval", text)
        }
        if intervalSeconds == nil && (hdrLog != nil || hdrLogUncorrected != nil) { intervalSeconds = 1 }
        let d: Double? =
            try duration.map { text throws(CommandFailure) in try seconds("-d/--duration", text) }
            ?? (requests == nil ? 10 : nil)
        let c = LoadConfiguration(
            targets: list, connections: connections,
            threads: threads ?? max(1, min(CPUAffinity.availableCPUs(), connections)),
            pipeline: pipeline, duration: d, requestLimit: requests,
            warmup: try seconds("--warmup", warmup), timeout: try seconds("--timeout", timeout), rate: rate,
            interval: intervalSeconds)
        do { try c.validate() } catch { throw fail(error.message) }
        return c
    }

    struct IntervalLog: Sendable {
        let file: IntervalLogFile
        let uncorrected: Bool
    }

    /// The `--hdr-log` files, created before the run so a bad path fails in no time.
    func openIntervalLogs() throws(CommandFailure) -> [IntervalLog] {
        var logs: [IntervalLog] = []
        do {
            if let hdrLog {
                logs.append(IntervalLog(file: try IntervalLogFile(flag: "--hdr-log", path: hdrLog), uncorrected: false))
            }
            if let hdrLogUncorrected {
                logs.append(
                    IntervalLog(
                        file: try IntervalLogFile(flag: "--hdr-log-uncorrected", path: hdrLogUncorrected),
                        uncorrected: true))
            }
        } catch {
            for l in logs { l.file.abandon() }
            throw error
        }
        return logs
    }

    // MARK: output helpers

    static func writeStderr(_ text: String) {
        StandardStream.error.write(text)
    }
}
