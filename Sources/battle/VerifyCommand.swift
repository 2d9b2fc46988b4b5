import ArgumentParser
import BattleCore

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("battle verify is not built yet")
    }
}
