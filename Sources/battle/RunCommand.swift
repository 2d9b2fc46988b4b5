import ArgumentParser
import BattleCore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("battle run is not built yet")
    }
}
