import ArgumentParser
import BattleArena
import BattleCore
import Foundation

struct HostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hosts",
        abstract: "Hosts files: which machine runs the load agents, the server and the database (docs/HOSTS.md).",
        subcommands: [Check.self, HostsServeCommand.self, HostsRTTCommand.self, HostsPostgresCommand.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a hosts file and print which role goes where.",
            discussion: """
                Reads FILE (TOML, docs/HOSTS.md; schemas/hosts.schema.json is its JSON Schema), checks \
                every key, and prints each role (client[0..N-1], server, database) with its host, CPUs, \
                battle's path there and how battle reaches it. Nothing is contacted: the check is of the \
                file alone. An error names the file, the key and the fix.

                Examples:
                  battle hosts check examples/hosts.toml

                Exit codes: 0 valid; 1 the file is invalid or cannot be read; 64 bad flags.
                """)

        @Argument(help: "The hosts file, e.g. hosts.toml.")
        var file: String

        func run() throws {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandFailure(
                    .failure,
                    "\(file): cannot be read (\(error.localizedDescription)); give a hosts file's path (docs/HOSTS.md)")
            }
            let hosts: HostsFile
            do {
                hosts = try HostsFile.parse(text, file: file)
            } catch {
                throw CommandFailure(.failure, error.description)
            }
            try CommandOutput.write(HostsPlanText.render(hosts, file: file))
        }
    }
}
