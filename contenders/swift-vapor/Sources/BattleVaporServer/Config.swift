/// Settings read from the environment the arena gives every contender
/// (docs/SUITE.md §4). Pure: takes the environment as a dictionary.
struct Config: Sendable {
    var host: String
    var port: Int
    var dbHost: String
    var dbPort: Int
    var dbName: String
    var dbUser: String
    var dbPassword: String?
    var dbPool: Int
    /// Event loops to run; `nil` means "as many CPUs as the affinity mask allows".
    var workers: Int?
    var liveHeapMB: Int

    init(environment env: [String: String]) throws(ConfigError) {
        func int(_ name: String, default value: Int, minimum: Int) throws(ConfigError) -> Int {
            guard let raw = env[name], !raw.isEmpty else { return value }
            guard let parsed = Int(raw), parsed >= minimum else {
                throw ConfigError(variable: name, value: raw, expected: "an integer >= \(minimum)")
            }
            return parsed
        }
        host = env["BATTLE_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = try int("BATTLE_PORT", default: 8080, minimum: 0)
        dbHost = env["BATTLE_DB_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        dbPort = try int("BATTLE_DB_PORT", default: 5432, minimum: 1)
        dbName = env["BATTLE_DB_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "battle"
        dbUser = env["BATTLE_DB_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "battle"
        dbPassword = env["BATTLE_DB_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        dbPool = try int("BATTLE_DB_POOL", default: 16, minimum: 1)
        let workers = try int("BATTLE_WORKERS", default: 0, minimum: 0)
        self.workers = workers == 0 ? nil : workers
        liveHeapMB = try int("BATTLE_LIVE_HEAP_MB", default: 0, minimum: 0)
    }
}

struct ConfigError: Error, CustomStringConvertible {
    var variable: String
    var value: String
    var expected: String

    var description: String {
        "environment variable \(variable)=\"\(value)\" is not \(expected); unset it or fix its value"
    }
}
