import ArgumentParser
import BattleArena
import BattleCore
import BattleLoad
import Foundation

/// `battle load --agent DEST ...`: the level shared by agents, coordinated
/// here (BattleArena's `AgentCoordinator`), merged exactly (`AgentMerge`).
extension LoadCommand {
    func runWithAgents(_ configuration: LoadConfiguration) async throws {
        var destinations: [AgentDestination] = []
        for a in agents {
            do { destinations.append(try AgentDestination.parse(a)) } catch {
                throw CommandFailure(.usage, error.description)
            }
        }
        if configuration.connections < destinations.count {
            throw CommandFailure(
                .usage,
                "-c \(configuration.connections) cannot be shared by \(destinations.count) agents; every agent needs a connection (use -c \(destinations.count) or more)"
            )
        }
        if let n = configuration.requestLimit, n < destinations.count {
            throw CommandFailure(
                .usage, "-n \(n) cannot be shared by \(destinations.count) agents; use -n \(destinations.count) or more"
            )
        }
        var policy = AgentAssessment.Policy()
        do { policy.maximumClockOffsetSeconds = try DurationParser.seconds(maxClockOffset) } catch {
            throw CommandFailure(.usage, "--max-clock-offset: \(error)")
        }
        let intervalSeconds = configuration.interval ?? 1
        let load = AgentLoad(configuration, threadsPerAgent: threads, intervalSeconds: intervalSeconds)
        let plan = AgentPlan(
            destinations: destinations, load: load, battle: agentBattle, sshConfig: agentSSHConfig,
            ownExecutable: Self.ownExecutable(), environment: ProcessInfo.processInfo.environment)

        let interruption = Interruption()
        let signals = StopSignals { interruption.trigger(signal: $0) }
        defer { signals.cancel() }
        let quiet = noProgress
        let coordinated: AgentCoordinator.Outcome
        do throws(AgentCoordinatorFailure) {
            coordinated = try await AgentCoordinator.run(
                plan, interruption: interruption,
                note: { line in if !quiet { StandardStream.error.write("battle load: \(line)\n") } })
        } catch {
            switch error {
            case .refused(let m): throw CommandFailure(.failure, m)
            case .agentFailed(let status, let m): throw CommandFailure(status, m)
            case .interrupted: throw ExitCode(ExitStatus.interrupted.rawValue)
            }
        }

        var record = configuration.record
        let readies = coordinated.outcomes.compactMap { $0.report?.summary.config.threads ?? $0.ready?.threads }
        if !readies.isEmpty { record.threads = readies.reduce(0, +) }
        record.intervalSeconds = intervalSeconds
        let merged: MergedLoad
        do {
            merged = try AgentMerge.merge(
                config: record, outcomes: coordinated.outcomes, t0: coordinated.t0, policy: policy)
        } catch { throw CommandFailure(.failure, "the agents' results cannot be merged: \(error)") }
        let summary = merged.summary

        var unwritten: CommandFailure?
        let data = json ? try ResultsCoding.encoder().encode(summary) : Data()
        do throws(CommandFailure) {
            if json {
                try CommandOutput.write(String(decoding: data, as: UTF8.self) + "\n")
                for w in summary.warnings ?? [] { Self.writeStderr("warning: \(w)\n") }
            } else {
                let result = LoadResult(
                    summary: summary, latency: merged.latency, uncorrectedLatency: merged.uncorrectedLatency,
                    warnings: summary.warnings ?? [], interrupted: coordinated.interrupted)
                try CommandOutput.write(TextSummary.render(result) + AgentTable.render(summary))
            }
        } catch { unwritten = error }

        try writeMergedFiles(merged)
        if let unwritten { throw unwritten }
        if coordinated.interrupted { throw ExitCode(ExitStatus.interrupted.rawValue) }
        if case .invalid(let reasons) = merged.standing {
            throw CommandFailure(.nothingMeasured, "the merged level is invalid: " + reasons.joined(separator: "; "))
        }
        if summary.statusCodes.reduce(0, { $0 + ((200..<400).contains(Int($1.key) ?? 0) ? $1.value : 0) }) == 0 {
            throw CommandFailure(
                .nothingMeasured, "no request succeeded on any agent (errors: \(TextSummary.errorText(summary.errors)))"
            )
        }
    }

    /// `--hdr`, `--hdr-uncorrected`, `--hdr-log`, `--hdr-log-uncorrected`, from the merged histograms.
    private func writeMergedFiles(_ merged: MergedLoad) throws(CommandFailure) {
        let comment = "Merged by battle load \(BattleVersion.string) from \(agents.count) agents"
        var files: [(String, String?, String)] = [
            ("--hdr", hdr, HdrDistribution.render(merged.latency)),
            ("--hdr-log", hdrLog, Self.log(merged.intervals, start: merged.windowStart, comment: comment)),
        ]
        if let u = merged.uncorrectedLatency {
            files.append(("--hdr-uncorrected", hdrUncorrected, HdrDistribution.render(u)))
        }
        if let u = merged.uncorrectedIntervals {
            files.append(
                ("--hdr-log-uncorrected", hdrLogUncorrected, Self.log(u, start: merged.windowStart, comment: comment)))
        }
        for (flag, path, text) in files {
            guard let path else { continue }
            do { try AtomicFile.write(Data(text.utf8), to: path) } catch {
                throw CommandFailure(
                    .failure,
                    "\(flag) \(path): cannot write the file (\(error)); check the folder exists and is writable")
            }
        }
    }

    static func log(_ entries: [HistogramLog.Entry], start: Double, comment: String) -> String {
        HistogramLog.header(startTime: Date(timeIntervalSince1970: start), comment: comment)
            + entries.map { HistogramLog.line(start: $0.start, length: $0.length, histogram: $0.histogram) }.joined()
    }

    /// battle's own executable, for local agents.
    static func ownExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
