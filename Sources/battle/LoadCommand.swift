import ArgumentParser
import BattleCore

struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("battle load is not built yet")
    }
}
