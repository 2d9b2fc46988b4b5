import ArgumentParser
import BattleArena
import BattleCore
import BattleSuite
import Foundation

/// `battle suite`: data suites (docs/SUITE.md, "Suites as data").
struct SuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Work with data suites: folders of suite.toml, SQL and JSON that say what to send and check.",
        subcommands: [NewSuiteCommand.self, CheckSuiteCommand.self])
}

struct NewSuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented skeleton suite folder that parses as it is.",
        discussion: """
            Writes NAME/suite.toml (one test, every key explained) and NAME/schemas/item.json. \
            Edit them for your service, then: battle verify http://127.0.0.1:8080 --suite NAME

            Exit codes: 0 written; 1 a file could not be written; 64 bad name or the folder exists.
            """)

    @Argument(help: "The suite's name: lower-case letters, digits, - and _. Also the folder written.")
    var name: String

    @Option(help: ArgumentHelp("Write the folder here instead of ./NAME.", valueName: "dir"))
    var output: String?

    func validate() throws {
        guard SuiteParser.isName(name) else {
            throw ValidationError(
                "'\(name)' is not a suite name; use lower-case letters, digits, '-' and '_', e.g. shop")
        }
    }

    func run() throws {
        let folder = output ?? name
        let fm = FileManager.default
        guard !fm.fileExists(atPath: folder) else {
            throw CommandFailure(
                .usage, "\(folder) already exists; choose another NAME or --output, or remove it first")
        }
        for (path, text) in SuiteSkeleton.files(name: name) {
            let full = folder + "/" + path
            do {
                try fm.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(Data(text.utf8), to: full)
            } catch {
                throw CommandFailure(.failure, "cannot write \(full): \(error)")
            }
        }
        try CommandOutput.write(
            "wrote \(folder)/suite.toml and \(folder)/schemas/item.json\nnext: edit them, then battle verify http://127.0.0.1:8080 --suite \(folder)\n"
        )
    }
}

struct CheckSuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse a suite folder and print its tests and content hash, or the first error.",
        discussion: "Exit codes: 0 the suite is valid; 64 it is not (the message names the file, the key and the fix).")

    @Argument(help: "The suite's folder (holding suite.toml).")
    var folder: String

    func run() throws {
        let spec: SuiteSpec
        do {
            spec = try SuiteFolder.load(folder)
        } catch {
            throw CommandFailure(.usage, error.description)
        }
        var table = Table(["TEST", "REQUESTS", "PARAMETERS", "CHECKS", "DATABASE", "LEVELS"])
        for t in spec.tests {
            table.add([
                t.name,
                Self.requests(t),
                t.parameters.map(\.name).joined(separator: ", "),
                String(t.requests.reduce(0) { $0 + $1.checks.count } + t.databaseChecks.count + t.builtins.count),
                t.readsDatabase ? "yes" : "no",
                Self.levels(t.plan),
            ])
        }
        let server =
            spec.serverChecks.isEmpty
            ? "" : "\nserver checks: \(spec.serverChecks.map(\.rawValue).joined(separator: ", "))\n"
        try CommandOutput.write(
            "suite \(spec.name), version \(spec.version), content hash \(spec.contentHash)\n\n" + table.text() + server)
    }

    /// The requests a load sends (with their weights in a mix; kinds with the
    /// same method and path as one, their weights summed), and how many more
    /// kinds only `battle verify` sends (weight 0).
    static func requests(_ t: SuiteTestSpec) -> String {
        var groups: [(label: String, weight: Int, kinds: Int)] = []
        for r in t.requests where r.weight > 0 {
            let label = "\(r.method) \(r.path)"
            if let i = groups.firstIndex(where: { $0.label == label }) {
                groups[i].weight += r.weight
                groups[i].kinds += 1
            } else {
                groups.append((label, r.weight, 1))
            }
        }
        var text = groups.map { g in
            g.label + (groups.count > 1 ? " ×\(g.weight)" : "") + (g.kinds > 1 ? " (\(g.kinds) kinds)" : "")
        }
        .joined(separator: ", ")
        let verifyOnly = t.requests.filter { $0.weight == 0 }.count
        if verifyOnly > 0 { text += " (+\(verifyOnly) verify-only)" }
        return text
    }

    /// A plan in a few words: `16,64 conns, 500/s, equal-rate, capacity`, or `verify only`.
    static func levels(_ plan: PlanSpec) -> String {
        if plan.isVerifyOnly { return "verify only" }
        var parts: [String] = []
        if !plan.connections.isEmpty {
            parts.append(plan.connections.map(String.init).joined(separator: ",") + " conns")
        }
        if !plan.rates.isEmpty { parts.append(plan.rates.map(String.init).joined(separator: ",") + "/s") }
        if plan.equalRate { parts.append("equal-rate") }
        if plan.capacity { parts.append("capacity") }
        return parts.joined(separator: ", ")
    }
}
