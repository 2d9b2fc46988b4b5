import ArgumentParser
import BattleCore

/// The one way a command fails once its flags are parsed: what went wrong
/// (naming the flag or file and the fix) and the exit status it means.
/// Thrown, never `exit`ed, so the command's cleanup (its `defer`s: stop
/// signals, interval logs, children) runs first; `Battle.main` prints every
/// failure the same way, `battle CMD: error: MESSAGE`, and exits with its
/// status. Flag validation stays ArgumentParser's `ValidationError` (its
/// usage line, exit 64).
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }

    /// The line `Battle.main` prints for it.
    func line(command: String) -> String { "battle \(command): error: \(message)\n" }
}
