import ArgumentParser
import BattleCore

/// A command's product on standard output. A write that fails (a closed
/// pipe, a full disk behind `>FILE`) is battle's own failure (exit 1), named
/// on standard error after the command's cleanup, never a trap.
enum CommandOutput {
    /// Writes `text` to standard output; throws a `CommandFailure` when it cannot.
    static func write(_ text: String) throws(CommandFailure) {
        guard let problem = StandardStream.output.write(text) else { return }
        throw CommandFailure(.failure, "the output was not written (\(problem))")
    }
}
