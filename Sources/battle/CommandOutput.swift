import ArgumentParser
import BattleCore

/// A command's product on standard output. A write that fails (a closed
/// pipe, a full disk behind `>FILE`) is battle's own failure: it is named on
/// standard error and the command exits 1, after its cleanup, never with a trap.
enum CommandOutput {
    /// Writes `text` to standard output; throws exit 1 when it cannot.
    static func write(_ text: String, command: String) throws(ExitCode) {
        guard let problem = StandardStream.output.write(text) else { return }
        StandardStream.error.write("battle \(command): error: the output was not written (\(problem))\n")
        throw ExitCode(ExitStatus.failure.rawValue)
    }
}
