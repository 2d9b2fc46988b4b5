import ArgumentParser
import BattleCore

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("battle compare is not built yet")
    }
}
