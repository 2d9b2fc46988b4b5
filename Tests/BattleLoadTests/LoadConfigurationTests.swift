import Foundation
import Testing

@testable import BattleLoad

@Suite("Load configuration checks")
struct LoadConfigurationTests {
    func config(_ change: (inout LoadConfiguration) -> Void) throws -> LoadConfiguration {
        var c = LoadConfiguration(targets: [LoadTarget(url: try TargetURL.parse("http://127.0.0.1:1/"))], threads: 1)
        change(&c)
        return c
    }

    /// One mistake per name.
    static func broken(_ mistake: String, _ c: inout LoadConfiguration) {
        switch mistake {
        case "no connections": c.connections = 0
        case "no pipeline": c.pipeline = 0
        case "no length": (c.duration, c.requestLimit) = (nil, nil)
        case "negative rate": c.rate = -1
        case "no timeout": c.timeout = 0
        case "more threads than connections": (c.threads, c.connections) = (8, 4)
        case "short interval": c.interval = 0.05
        case "infinite interval": c.interval = .infinity
        default: c.targets = []
        }
    }

    @Test(
        "mistakes are caught before the run, naming the flag",
        arguments: [
            ("no connections", "--connections"), ("no pipeline", "--pipeline"), ("no length", "-d 10s"),
            ("negative rate", "--rate"), ("no timeout", "--timeout"), ("more threads than connections", "--threads 8"),
            ("no targets", "no target"), ("short interval", "--interval must be at least 100ms"),
            ("infinite interval", "--interval"),
        ])
    func invalid(_ mistake: String, _ flag: String) throws {
        let c = try config { Self.broken(mistake, &$0) }
        #expect(throws: LoadConfiguration.Invalid.self) { try c.validate() }
        do { try c.validate() } catch { #expect(error.message.contains(flag), "\(error.message)") }
    }

    @Test("the record in the output says what ran")
    func record() throws {
        let c = try config {
            $0.rate = 100; $0.warmup = 2
        }
        #expect(c.record.mode == .open)
        #expect(c.record.targets == ["GET http://127.0.0.1:1/"])
        #expect(c.record.warmupSeconds == 2)
        try c.validate()
    }

    @Test("connections and budgets split evenly over loops")
    func shares() {
        #expect((0..<3).map { LoopPlan.share(10, parts: 3, index: $0) } == [4, 3, 3])
        #expect((0..<4).map { LoopPlan.share(2, parts: 4, index: $0) } == [1, 1, 0, 0])
    }

    @Test("CPU affinity counts the CPUs of this process's mask, as /proc reports it")
    func affinity() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        var count = 0
        for part in line.split(separator: ":")[1].trimmingCharacters(in: " \t").split(separator: ",") {
            let ends = part.split(separator: "-").compactMap { Int($0) }
            count += ends.count == 2 ? ends[1] - ends[0] + 1 : 1
        }
        #expect(CPUAffinity.availableCPUs() == count)
    }
}
