import ArgumentParser
import BattleCore
import Foundation

@main
struct Battle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "battle",
        abstract: "Rust, Go or Swift for your backend? Measured on your machine, not argued.",
        discussion: """
            Exit codes: 0 ok; 1 battle failed; 2 a threshold, SLO or verification failed;
            3 nothing could be measured (target unreachable, every request failed);
            64 bad flags; 130 interrupted.
            """,
        version: BattleVersion.string,
        subcommands: [
            LoadCommand.self, AgentCommand.self, VerifyCommand.self, RunCommand.self, ReportCommand.self,
            CompareCommand.self, VerdictCommand.self, HostsCommand.self, KubernetesCommand.self, SuiteCommand.self,
        ]
    )

    /// Parses, runs, and prints a `CommandFailure` the one way for every command.
    static func main() async {
        // A closed pipe is an error a write reports, not a signal that kills
        // battle before it stops its children (StandardStream).
        StandardStream.ignoreBrokenPipe()
        var name = configuration.commandName ?? "battle"
        do {
            var command = try parseAsRoot()
            name = Self.path(to: type(of: command)) ?? name
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            StandardStream.error.write(failure.line(command: name))
            Foundation.exit(failure.status.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    /// A subcommand's name as typed after `battle`: `run`, `k8s run`, `hosts check`.
    static func path(to command: any ParsableCommand.Type, from root: any ParsableCommand.Type = Battle.self) -> String?
    {
        for sub in root.configuration.subcommands {
            let name = sub.configuration.commandName ?? String(describing: sub).lowercased()
            if sub == command { return name }
            if let rest = path(to: command, from: sub) { return name + " " + rest }
        }
        return nil
    }
}
