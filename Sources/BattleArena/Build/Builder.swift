import BattleCore
import Foundation
import Logging

/// Builds a contender with its manifest's commands and measures what the
/// build says about it: clean and incremental build time, binary size, lines
/// of code, dependencies, toolchain version.
public struct Builder: Sendable {
    public var root: String
    public var tools: String
    /// Where build logs go (`<name>-build.log`).
    public var logFolder: String
    public var skipCleanBuild: Bool
    public var environment: [String: String]
    /// Appends to the build logs; a log that cannot be written is given up, the build goes on.
    public var logs: LogAppender

    public init(
        root: String, tools: String, logFolder: String, skipCleanBuild: Bool, environment: [String: String],
        logs: LogAppender
    ) {
        self.logs = logs
        self.root = root
        self.tools = tools
        self.logFolder = logFolder
        self.skipCleanBuild = skipCleanBuild
        self.environment = environment
    }

    public enum Outcome: Sendable {
        case built(BuildRecord)
        /// The record holds what was measured before the failure (toolchain version, LOC).
        case failed(BuildRecord, reason: String)
    }

    /// battle's environment, the tier's build settings (`m.build.env`), then BATTLE_ROOT and BATTLE_TOOLS.
    func buildEnvironment(_ m: ContenderManifest) -> [String: String] {
        var env = environment
        for (k, v) in m.build.env { env[k] = v }
        env["BATTLE_ROOT"] = root
        env["BATTLE_TOOLS"] = tools
        return env
    }

    public func logFile(for m: ContenderManifest) -> String { "\(logFolder)/\(m.name)-build.log" }

    public func build(
        _ m: ContenderManifest, progress: @Sendable (String) -> Void, interruption: Interruption,
        supervisor: ProcessSupervisor
    ) async throws(Interrupted) -> Outcome {
        var record = BuildRecord()
        let log = logFile(for: m)
        logs.start(log)
        let buildSettings = m.tierSettings.filter { $0.phase == .build }
        if !buildSettings.isEmpty {
            appendLog(
                log,
                "battle: \(m.tier.rawValue) tier, build settings: \(buildSettings.map(\.assignment).joined(separator: " "))\n"
            )
        }

        let missing = ToolchainCheck.missing(m.toolchain.requires, path: environment["PATH"] ?? "", tools: tools)
        if !missing.isEmpty {
            let hint = m.toolchain.installHint ?? "install it, or put it on PATH or in BATTLE_TOOLS (\(tools))"
            return .failed(
                record,
                reason:
                    "missing toolchain: \(missing.joined(separator: ", ")) not found on PATH or in \(tools); \(hint)")
        }
        record.toolchainVersion = await toolchainVersion(m, interruption: interruption)
        try interruption.check()
        let loc = await linesOfCode(m)
        record.linesOfCode = loc?.code
        record.linesByLanguage = loc?.byLanguage
        record.locTool = loc?.tool
        let counts = dependencies(m)
        (record.directDependencies, record.totalDependencies) = (counts.direct, counts.total)
        for problem in counts.unreadable {
            progress("\(m.name): \(problem.description)")
            appendLog(log, "battle: \(problem.description)\n")
        }

        if !skipCleanBuild {
            if let clean = m.build.clean {
                progress("\(m.name): cleaning (\(clean))")
                let r = try await shell(
                    clean, in: m, log: log, label: "clean", interruption: interruption, supervisor: supervisor)
                if !r.ok { return .failed(record, reason: failure("the clean command failed", r, log: log)) }
            }
            progress("\(m.name): clean build (\(m.build.command))")
            let r = try await shell(
                m.build.command, in: m, log: log, label: "clean build", interruption: interruption,
                supervisor: supervisor)
            guard r.ok else { return .failed(record, reason: failure("the build failed", r, log: log)) }
            record.cleanSeconds = r.seconds
            progress("\(m.name): clean build took \(Format.duration(r.seconds)); incremental build")
        } else {
            progress("\(m.name): build (\(m.build.command))")
        }
        let r = try await shell(
            m.build.command, in: m, log: log, label: "incremental build", interruption: interruption,
            supervisor: supervisor)
        guard r.ok else { return .failed(record, reason: failure("the build failed", r, log: log)) }
        record.incrementalSeconds = r.seconds
        // Again after the build: a build may write the file counted (a GOPATH-mode Go build's bin/go.mod).
        let after = dependencies(m)
        (record.directDependencies, record.totalDependencies) = (after.direct, after.total)
        if let artifact = m.build.artifact {
            let path = m.folder + "/" + artifact
            guard
                let attrs = try? FileManager.default.attributesOfItem(
                    atPath: (path as NSString).resolvingSymlinksInPath)
            else {
                return .failed(
                    record,
                    reason: "the build succeeded but its artifact \(artifact) is missing (build.artifact in \(m.file))")
            }
            record.binaryBytes = (attrs[.size] as? NSNumber)?.intValue
        }
        return .built(record)
    }

    struct ShellResult {
        var ok: Bool
        var seconds: Double
        var termination: Termination?
    }

    func shell(
        _ command: String, in m: ContenderManifest, log: String, label: String, interruption: Interruption,
        supervisor: ProcessSupervisor
    ) async throws(Interrupted) -> ShellResult {
        appendLog(log, "==== battle: \(label): \(command)\n")
        let start = MonotonicClock.seconds
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                ["/bin/sh", "-c", command], environment: buildEnvironment(m), directory: m.folder,
                stdout: logs.output(log), stderr: logs.output(log),
                label: "\(m.name) \(label)", supervisor: supervisor)
        } catch {
            appendLog(log, "battle: \(error)\n")
            return ShellResult(ok: false, seconds: 0, termination: nil)
        }
        let t: Termination?
        do { t = try await child.wait(timeout: nil, interruption: interruption) } catch {
            _ = child.stop(grace: 5)
            throw error
        }
        let seconds = MonotonicClock.seconds - start
        appendLog(log, "==== battle: \(label) ended: \(t?.description ?? "?") after \(Format.duration(seconds))\n")
        return ShellResult(ok: t?.succeeded ?? false, seconds: seconds, termination: t)
    }

    func failure(_ what: String, _ r: ShellResult, log: String) -> String {
        let tail = LogTail.read(log, lines: 20)
        return "\(what) (\(r.termination?.description ?? "did not finish")); log: \(log)\n\(tail)"
    }

    func appendLog(_ path: String, _ text: String) { logs.append(text, to: path) }

    func toolchainVersion(_ m: ContenderManifest, interruption: Interruption) async -> String? {
        guard let cmd = m.toolchain.versionCommand else { return nil }
        let out = try? await CapturedCommand.run(
            ["/bin/sh", "-c", cmd], environment: buildEnvironment(m), directory: m.folder, timeout: 30,
            interruption: interruption)
        guard let out, out.succeeded else { return nil }
        return out.firstLine
    }

    func linesOfCode(_ m: ContenderManifest) async -> LinesOfCode? {
        let files = Glob.files(in: m.folder, matching: m.build.sources)
        guard !files.isEmpty else { return nil }
        if ExecutableLookup.find("cloc", path: environment["PATH"] ?? "") != nil {
            let out = try? await CapturedCommand.run(
                ["cloc", "--json", "--quiet"] + files, environment: environment, directory: m.folder, timeout: 120)
            if let out, out.succeeded, let loc = LinesOfCode.parseCloc(json: out.stdout) { return loc }
        }
        let texts = files.compactMap { try? String(contentsOfFile: m.folder + "/" + $0, encoding: .utf8) }
        return LinesOfCode(
            code: LinesOfCode.nonBlankLines(texts), byLanguage: [:], tool: "non-blank lines (cloc not installed)")
    }

    func dependencies(_ m: ContenderManifest) -> (direct: Int?, total: Int?, unreadable: [DependencyCount.Unreadable]) {
        func read(_ rel: String?) -> (String, String)? {
            guard let rel, let text = try? String(contentsOfFile: m.folder + "/" + rel, encoding: .utf8) else {
                return nil
            }
            return (rel, text)
        }
        typealias Count = () throws(DependencyCount.Unreadable) -> Int?
        var unreadable: [DependencyCount.Unreadable] = []
        func count(_ body: Count) -> Int? {
            do { return try body() } catch {
                unreadable.append(error)
                return nil
            }
        }
        let direct = read(m.build.manifest).flatMap { f in
            count { () throws(DependencyCount.Unreadable) in try DependencyCount.direct(manifestName: f.0, text: f.1) }
        }
        var total = read(m.build.lockfile).flatMap { f in
            count { () throws(DependencyCount.Unreadable) in try DependencyCount.total(lockfileName: f.0, text: f.1) }
        }
        // A go.sum-less Go module: fall back from go.sum to go.mod's requires.
        if total == nil, m.build.lockfile.map({ ($0 as NSString).lastPathComponent == "go.sum" }) == true {
            total = read(
                (m.build.lockfile! as NSString).deletingLastPathComponent.isEmpty
                    ? "go.mod" : (m.build.lockfile! as NSString).deletingLastPathComponent + "/go.mod"
            )
            .flatMap { f in
                count { () throws(DependencyCount.Unreadable) in
                    try DependencyCount.total(lockfileName: "go.mod", text: f.1)
                }
            }
        }
        return (direct, total, unreadable)
    }
}
