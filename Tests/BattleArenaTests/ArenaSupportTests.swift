import BattleCore
import BattleSuite
import Foundation
import Testing

@testable import BattleArena

@Suite struct ArenaSupportTests {
    @Test func databaseURLs() throws {
        let e = try DatabaseEndpoint(url: "postgres://bob:s%40cret@localhost:5433/bench")
        #expect(
            e.host == "127.0.0.1" && e.port == 5433 && e.name == "bench" && e.user == "bob" && e.password == "s@cret")
        #expect(DatabaseEndpoint(port: 5432).url == "postgres://battle@127.0.0.1:5432/battle")
        #expect(DatabaseEndpoint(port: 1).environment["BATTLE_DB_PORT"] == "1")
        #expect(throws: DatabaseEndpoint.ParseError.self) {
            try DatabaseEndpoint(url: "postgres://u@db.example.com:5432/x")
        }
        #expect(throws: DatabaseEndpoint.ParseError.self) { try DatabaseEndpoint(url: "mysql://u@127.0.0.1/x") }
        #expect(throws: DatabaseEndpoint.ParseError.self) { try DatabaseEndpoint(url: "postgres://u@127.0.0.1:5432/") }
    }

    @Test func contenderCommandLineAndEnvironment() throws {
        #expect(
            ContenderServer.argv(command: "bin/server --fast", cpus: CPUSet([0])) == [
                "taskset", "-c", "0", "/bin/sh", "-c", "exec bin/server --fast",
            ])
        #expect(ContenderServer.argv(command: "cd x && ./run", cpus: CPUSet([0, 1])).last == "cd x && ./run")
        let m = try ContenderManifest.parse(ManifestTests.example, file: "f", folder: "/r/c")
        let env = ContenderServer.environment(
            base: ["PATH": "/usr/bin", "BATTLE_PORT": "1"], manifest: m, port: 8080,
            database: DatabaseEndpoint(port: 5432), workers: 2,
            pool: 16, liveHeapMB: 512, root: "/r", tools: "/r/.tools")
        #expect(env["PATH"] == "/usr/bin")
        #expect(env["RUST_LOG"] == "error")
        #expect(env["BATTLE_PORT"] == "8080")
        #expect(env["BATTLE_HOST"] == "127.0.0.1")
        #expect(env["BATTLE_WORKERS"] == "2")
        #expect(env["BATTLE_DB_POOL"] == "16")
        #expect(env["BATTLE_LIVE_HEAP_MB"] == "512")
        #expect(env["BATTLE_DB_URL"] == "postgres://battle@127.0.0.1:5432/battle")
        #expect(env["BATTLE_DB_PASSWORD"] == "")
    }

    @Test func ordersBodiesAreTheSuitesGeneratedOrders() throws {
        let text = OrdersTargets.bodies(count: 20)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 20)
        for line in lines {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(obj?["orderId"] is String)
            #expect((obj?["items"] as? [Any])?.count ?? 0 >= 10)
        }
        #expect(String(lines[3]) == String(decoding: OrderGenerator(seed: OrdersTargets.seed).body(3), as: UTF8.self))
        let targets = try TOMLReader.parse(
            OrdersTargets.targetsFile(url: "http://127.0.0.1:9/orders", bodiesFile: "/tmp/b.jsonl"),
            file: "targets.toml")
        let t = try #require(targets["target"]?.array?.first?.table)
        #expect(t["method"]?.string == "POST")
        #expect(t["url"]?.string == "http://127.0.0.1:9/orders")
        #expect(t["headers"]?.table?["Content-Type"]?.string == "application/json")
        #expect(t["bodies_file"]?.string == "/tmp/b.jsonl")
        // A path with a quote and a backslash is written as TOML, not pasted in.
        let odd = #"/tmp/run "1"\b.jsonl"#
        let oddTargets = try TOMLReader.parse(
            OrdersTargets.targetsFile(url: "http://127.0.0.1:9/orders", bodiesFile: odd), file: "targets.toml")
        #expect(oddTargets["target"]?.array?.first?.table?["bodies_file"]?.string == odd)
    }

    @Test func environmentParsers() {
        #expect(
            EnvironmentProbe.osName("NAME=Debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                == "Debian GNU/Linux 12 (bookworm)")
        #expect(EnvironmentProbe.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags: x\n") == "AMD EPYC 7B13")
        #expect(EnvironmentProbe.memoryBytes("MemTotal:       24684124 kB\nMemFree: 1 kB\n") == 24_684_124 * 1024)
        #expect(EnvironmentProbe.cpuModel("") == nil)
    }

    @Test func runIDsAreUTCTimestamps() {
        #expect(ResultsStore.runID(for: Date(timeIntervalSince1970: 1_795_947_300)) == "20261129-101500")
    }

    @Test func storeWritesAtomicallyAndPointsLatest() throws {
        let base = NSTemporaryDirectory() + "battle-store-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        let date = Date()
        let a = try ResultsStore.create(base: base, startedAt: date)
        let b = try ResultsStore.create(base: base, startedAt: date)
        #expect(b.id == a.id + "-2")
        let results = RunResults(
            id: b.id, startedAt: date, status: .running,
            environment: EnvironmentRecord(
                hostname: "h", os: "o", kernel: "k", cpuModel: "c", logicalCPUs: 2, memoryBytes: 1),
            plan: PlanRecord(
                name: "quick", tests: [.json], trials: 1, levelSeconds: 1, warmupSeconds: 0, primerSeconds: 0,
                placement: CPUPlacementRecord(server: "0", client: "1", database: "1")))
        try a.write(results)
        try b.write(results)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: base + "/latest") == b.id)
        #expect(try ResultsCoding.readResults(at: base + "/latest").id == b.id)
        #expect(FileManager.default.fileExists(atPath: b.logFolder))
    }

    @Test func exitStatusSummarisesTheRun() {
        func run(_ statuses: [ContenderStatus], status: RunStatus = .complete) -> RunResults {
            var r = RunResults(
                id: "x", startedAt: Date(), status: status,
                environment: EnvironmentRecord(
                    hostname: "h", os: "o", kernel: "k", cpuModel: "c", logicalCPUs: 2, memoryBytes: 1),
                plan: PlanRecord(
                    name: "quick", tests: [.json], trials: 1, levelSeconds: 1, warmupSeconds: 0, primerSeconds: 0,
                    placement: CPUPlacementRecord(server: "0", client: "1", database: "1")))
            r.contenders = statuses.enumerated().map {
                ContenderResult(
                    name: "c\($0.offset)", displayName: "c", language: "l", framework: "f", approach: "realistic",
                    status: $0.element)
            }
            return r
        }
        #expect(Arena.exitStatus(run([.ok, .ok]), interrupted: false) == .ok)
        #expect(Arena.exitStatus(run([.ok, .crashed]), interrupted: false) == .thresholdFailed)
        #expect(Arena.exitStatus(run([.ok, .skipped]), interrupted: false) == .thresholdFailed)
        #expect(Arena.exitStatus(run([.buildFailed, .verifyFailed]), interrupted: false) == .nothingMeasured)
        #expect(Arena.exitStatus(run([.ok], status: .partial), interrupted: true) == .interrupted)
    }

    @Test func theMostTellingExitIsKept() {
        let clean = ExitRecord(status: 0, signal: nil, killed: false, unexpected: false)
        let nonZero = ExitRecord(status: 1, signal: nil, killed: false, unexpected: false)
        let killed = ExitRecord(status: nil, signal: SIGKILL, killed: true, unexpected: false)
        let died = ExitRecord(status: 3, signal: nil, killed: false, unexpected: true)
        let order = [nil, clean, nonZero, killed, died].map(ExitSeverity.of)
        #expect(order == order.sorted() && Set(order).count == 5)
    }
}
