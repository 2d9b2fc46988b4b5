import ArgumentParser
import BattleCore

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
            LoadCommand.self, VerifyCommand.self, RunCommand.self, ReportCommand.self, CompareCommand.self,
            VerdictCommand.self,
        ]
    )

    static func main() async {
        // A closed pipe is an error a write reports, not a signal that kills
        // battle before it stops its children (StandardStream).
        StandardStream.ignoreBrokenPipe()
        await main(nil)
    }
}
