import ArgumentParser
import BattleArena
import BattleCore
import BattleSuite
import Foundation
import Logging

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a running server against the Battle Suite (docs/SUITE.md).",
        discussion: """
            Sends each test's requests, checks status, headers and bodies, routing, keep-alive, \
            pipelining and the Date header. With --database-url it also counts the queries the \
            database ran (pg_stat_statements) and reads the tables, to catch cached answers, \
            batched reads and updates that were not persisted. docs/VERIFY.md lists every check.

            Examples:
              battle verify http://127.0.0.1:8080 --tests plaintext,json
              battle verify http://127.0.0.1:8080 --database-url "$DATABASE_URL"
              battle verify http://127.0.0.1:8080 --json > verification.json
              battle verify http://127.0.0.1:8080 --suite suites/shop
              battle verify http://127.0.0.1:8080 --suite suite/battle --database-url "$DATABASE_URL"

            With --suite DIR the server is checked against a data suite (docs/SUITE.md, "Suites \
            as data"): each test's declared checks; a test whose first request answers 404 is \
            reported as not implemented, not failed; database checks are skipped without \
            --database-url. suite/battle is the Battle Suite as data: it also prints the \
            built-in verifier's 34 checks, folded from its own (docs/SUITE.md §7).

            Exit codes: 0 no check failed (warnings allowed); 2 a check failed; \
            3 the server is unreachable; 64 bad flags.
            """)

    @Argument(help: "The server's base URL, e.g. http://127.0.0.1:8080 (a path is ignored).")
    var url: String

    @Option(
        name: .customLong("database-url"),
        help: "The server's database, postgres://USER[:PASSWORD]@HOST:PORT/NAME, for query counting and table checks.")
    var databaseURL: String?

    @Option(
        help:
            "Comma-separated tests to check (default: all): \(SuiteTest.allCases.map(\.rawValue).joined(separator: ",")); with --suite, that suite's test names."
    )
    var tests: String?

    @Option(
        help: ArgumentHelp(
            "A data suite's folder (with suite.toml) to check the server against, instead of the Battle Suite.",
            valueName: "dir"))
    var suite: String?

    @Option(help: "Seconds to wait for each response.")
    var timeout: Double = 10

    @Flag(help: "Print the verification record as JSON to stdout instead of a table.")
    var json = false

    struct Parsed {
        var host: String
        var port: Int
        var databaseURL: String?
        var tests: [SuiteTest]
    }

    func parse() throws(ValidationError) -> Parsed {
        guard let c = URLComponents(string: url), c.scheme == "http", let host = c.host, !host.isEmpty else {
            throw ValidationError(
                "'\(url)' is not an http:// URL; write http://HOST:PORT, e.g. http://127.0.0.1:8080 (https is not supported)"
            )
        }
        var selected = SuiteTest.allCases
        if let tests, suite == nil {
            selected = []
            for name in tests.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty
            {
                guard let t = SuiteTest.builtin(named: name) else {
                    throw ValidationError(
                        "--tests: unknown test '\(name)'; use some of \(SuiteTest.allCases.map(\.rawValue).joined(separator: ","))"
                    )
                }
                selected.append(t)
            }
            guard !selected.isEmpty else {
                throw ValidationError("--tests is empty; name at least one test, e.g. --tests plaintext")
            }
        }
        var database: String?
        if let databaseURL {
            do {
                database = try DatabaseEndpoint(url: databaseURL).url
            } catch {
                throw ValidationError(error.description)
            }
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds, e.g. --timeout 10") }
        let unbracketed = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return Parsed(host: unbracketed, port: c.port ?? 80, databaseURL: database, tests: selected)
    }

    func validate() throws {
        _ = try parse()
    }

    func run() async throws {
        let p = try parse()
        if let suite {
            try await runSuite(suite, p)
            return
        }
        var logger = Logger(label: "battle.verify")
        logger.logLevel = .warning
        let target = VerifyTarget(
            host: p.host, port: p.port, databaseURL: p.databaseURL, tests: p.tests, requestTimeout: timeout)
        let record = await Verifier.verify(target, logger: logger)
        if json {
            let data = try ResultsCoding.encoder().encode(record)
            try CommandOutput.write(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            try CommandOutput.write(
                VerificationText.render(
                    record, target: "http://\(p.host.contains(":") ? "[\(p.host)]" : p.host):\(p.port)"))
        }
        if Verifier.unreachable(record) { throw ExitCode(ExitStatus.nothingMeasured.rawValue) }
        if !record.failures.isEmpty { throw ExitCode(ExitStatus.thresholdFailed.rawValue) }
    }
}

extension VerifyCommand {
    /// `--suite DIR`: the data suite's checks instead of the Battle Suite's.
    func runSuite(_ folder: String, _ p: Parsed) async throws {
        var spec: SuiteSpec
        do {
            spec = try SuiteFolder.load(folder)
        } catch {
            throw CommandFailure(.usage, error.description)
        }
        if let tests {
            let names = tests.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            for name in names where spec.test(named: name) == nil {
                throw CommandFailure(
                    .usage,
                    "--tests: the suite \(spec.name) has no test '\(name)'; its tests: \(spec.tests.map(\.name).joined(separator: ","))"
                )
            }
            spec.tests = spec.tests.filter { names.contains($0.name) }
        }
        let record = await SuiteVerifier.verify(
            spec, host: p.host, port: p.port, databaseURL: p.databaseURL, requestTimeout: timeout)
        if json {
            let data = try ResultsCoding.encoder().encode(record)
            try CommandOutput.write(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            try CommandOutput.write(
                SuiteVerificationText.render(
                    record, target: "http://\(p.host.contains(":") ? "[\(p.host)]" : p.host):\(p.port)"))
        }
        if record.unreachable != nil { throw ExitCode(ExitStatus.nothingMeasured.rawValue) }
        if record.failed { throw ExitCode(ExitStatus.thresholdFailed.rawValue) }
    }
}
