import ArgumentParser
import BattleCore

struct VerdictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verdict", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("battle verdict is not built yet")
    }
}
